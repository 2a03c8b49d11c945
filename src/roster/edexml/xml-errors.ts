/**
 * saxes reports well-formedness errors in English; people get them in Dutch. Only saxes's
 * own errors are translated: anything else thrown while parsing is a bug and is re-thrown.
 */
import type { EdexmlProblemCode } from './problems.js';

/** saxes's Error messages read "line:column: text" (makeError, with position tracking on). */
const SAXES_ERROR = /^\d+:\d+: (.*)$/s;

const dutch: [RegExp, string][] = [
  [/^unexpected end\./, 'het bestand houdt midden in een element op (afgebroken bestand?)'],
  [/^unclosed tag: (.*)/, 'het element <$1> wordt nooit afgesloten (afgebroken bestand?)'],
  [/^unmatched closing tag: (.*)\./, 'de eindtag </$1> past niet bij de openstaande begintag'],
  [/^unexpected close tag\./, 'er staat een eindtag zonder bijbehorende begintag'],
  [/^document must contain a root element\./, 'het bestand bevat geen XML-elementen (leeg bestand?)'],
  [/^documents may contain only one root\./, 'na het hoofdelement staat nog een element; XML heeft één hoofdelement'],
  [/^text data outside of root node\./, 'er staat tekst buiten het hoofdelement'],
  [/^disallowed character/, 'er staat een teken dat in XML niet is toegestaan'],
  [/^duplicate attribute: (.*)\./, 'het attribuut $1 staat twee keer in hetzelfde element'],
  [/^unbound namespace prefix: (.*)\./, 'het namespace-voorvoegsel $1 is nergens gedeclareerd'],
  [/^malformed character entity\./, 'een tekenverwijzing (&#…;) is ongeldig'],
  [/XML declaration/, 'de XML-declaratie (<?xml … ?>) is onjuist of staat niet aan het begin'],
];

export interface SyntaxProblem {
  code: EdexmlProblemCode;
  text: string;
}

/** The Dutch problem for a saxes error, or null when `error` did not come from saxes. */
export function syntaxProblem(error: unknown): SyntaxProblem | null {
  if (!(error instanceof Error) || error.constructor !== Error) return null;
  const technical = SAXES_ERROR.exec(error.message)?.[1];
  if (technical === undefined) return null;
  if (technical.startsWith('undefined entity')) {
    return {
      code: 'edexml.entity_refused',
      text: 'het bestand gebruikt een entiteit (&naam;) die XML niet kent; Leerpoort vouwt geen zelfgedefinieerde entiteiten uit.',
    };
  }
  for (const [pattern, sentence] of dutch) {
    const match = pattern.exec(technical);
    if (match !== null) {
      return { code: 'edexml.malformed', text: `het bestand is geen goed gevormde XML: ${sentence.replace('$1', match[1] ?? '')}.` };
    }
  }
  return { code: 'edexml.malformed', text: `het bestand is geen goed gevormde XML (technische melding: ${technical}).` };
}
