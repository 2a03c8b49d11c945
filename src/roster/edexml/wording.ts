/** Small pieces of Dutch shared by the reader's messages. */
import type { SimpleType } from './simple-types.js';

const SHOWN_LENGTH = 40;

/** A value from the file as a message quotes it: in quotes, long values cut short. */
export function shown(value: string): string {
  const cut = value.length > SHOWN_LENGTH ? `${value.slice(0, SHOWN_LENGTH)}…` : value;
  return `'${cut}'`;
}

/** "heeft de waarde '3'; die moet 0, 1, 2 of 9 zijn" — a sensitive value (BSN, ECK iD) is not repeated. */
export function valueProblem(value: string, type: SimpleType): string {
  const has = type.sensitive ? 'heeft een ongeldige waarde (niet getoond)' : `heeft de waarde ${shown(value)}`;
  return `${has}; die ${type.explain(value)}`;
}

/** [['naam'], ['jaargroep']] → "de verplichte elementen <naam> en <jaargroep>". */
export function describeMissing(steps: string[][]): string {
  const parts = steps.map((alternatives) => alternatives.map((name) => `<${name}>`).join(' of '));
  if (parts.length === 1) return `het verplichte element ${parts[0]}`;
  return `de verplichte elementen ${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
}

/** 67108864 → "64 MB". */
export function byteSize(bytes: number): string {
  const units: [number, string][] = [[1024 * 1024, 'MB'], [1024, 'kB']];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} bytes`;
}
