/**
 * How a Dutch primary school divides its pupils: mixed kleuterklassen (groep 1/2) with names
 * like "De Zonnebloemen", single-year classes "Groep 5A", now and then a combination class
 * "Groep 3/4", and samengestelde groepen that cut across years (Plusklas, Taalgroep).
 * GroepType has exactly one jaargroep, so a class holding two years is exported as one
 * stamgroep per jaargroep.
 */
import type { EdexGroup } from '../edexml/model.js';
import type { Random } from './random.js';

const CLASS_SIZE = 26;
const KLEUTER_NAMES = ['De Zonnebloemen', 'De Vlinders', 'De Egeltjes', 'De Kikkers', 'De Uilen', 'De Lieveheersbeestjes', 'De Eekhoorns', 'De Regenboog'];

/** One classroom: its stamgroepen (one per jaargroep) and how many pupils each gets. */
export interface PlannedClass {
  groups: EdexGroup[];
  pupilCounts: number[];
  kleuters: boolean;
}

export interface SubgroupRule {
  group: EdexGroup;
  yearGroups: string[];
  share: number;
}

function group(key: string, name: string, yearGroup: number, description: string | null = null): EdexGroup {
  return { key, kind: 'group', name, yearGroup: String(yearGroup), description, line: 0 };
}

/** Pupils per jaargroep 1..8, summing exactly to `total`; groep 1 is smaller (four-year-olds enter all year). */
export function pupilsPerYear(rng: Random, total: number): number[] {
  const weights = Array.from({ length: 8 }, (_, i) => (i === 0 ? 0.8 : 1) * (0.9 + rng.next() * 0.2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, i) => ({ i, rest: value - counts[i] })).sort((a, b) => b.rest - a.rest);
  const missing = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k].i]++;
  return counts;
}

/** Splits `count` as evenly as possible over `parts`. */
function spread(count: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(count / parts) + (i < count % parts ? 1 : 0));
}

/** "A", "B", … "Z", "AA": a class letter for any school size. */
function classLetter(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : classLetter(Math.floor(index / 26) - 1) + classLetter(index % 26);
}

function kleuterClasses(counts: number[]): PlannedClass[] {
  const classes = Math.max(1, Math.round((counts[0] + counts[1]) / CLASS_SIZE));
  const ones = spread(counts[0], classes);
  const twos = spread(counts[1], classes);
  return Array.from({ length: classes }, (_, i) => {
    const round = Math.floor(i / KLEUTER_NAMES.length);
    const name = KLEUTER_NAMES[i % KLEUTER_NAMES.length] + (round > 0 ? ` ${round + 1}` : '');
    return {
      kleuters: true,
      groups: [group(`K${i + 1}-1`, `${name} (groep 1)`, 1), group(`K${i + 1}-2`, `${name} (groep 2)`, 2)],
      pupilCounts: [ones[i], twos[i]],
    };
  });
}

export function planClasses(rng: Random, counts: number[]): PlannedClass[] {
  const classes = counts[0] + counts[1] > 0 ? kleuterClasses(counts) : [];
  const remaining = [...counts];
  for (const year of [3, 5, 7]) {
    const [lower, upper] = [remaining[year - 1], remaining[year]];
    if (lower < 20 || upper < 20 || !rng.chance(0.4)) continue;
    const fromLower = Math.min(lower - 10, rng.int(10, 15));
    const fromUpper = Math.min(upper - 10, CLASS_SIZE - fromLower);
    const name = `Groep ${year}/${year + 1}`;
    classes.push({
      kleuters: false,
      groups: [group(`C${year}${year + 1}-${year}`, `${name} (groep ${year})`, year), group(`C${year}${year + 1}-${year + 1}`, `${name} (groep ${year + 1})`, year + 1)],
      pupilCounts: [fromLower, fromUpper],
    });
    remaining[year - 1] -= fromLower;
    remaining[year] -= fromUpper;
  }
  for (let year = 3; year <= 8; year++) {
    const count = remaining[year - 1];
    if (count === 0) continue;
    const parts = Math.max(1, Math.round(count / CLASS_SIZE));
    spread(count, parts).forEach((pupils, i) => {
      const suffix = parts > 1 ? classLetter(i) : '';
      classes.push({ kleuters: false, groups: [group(`G${year}${suffix}`, `Groep ${year}${suffix}`, year)], pupilCounts: [pupils] });
    });
  }
  return classes;
}

export function subgroupRules(): SubgroupRule[] {
  const subgroup = (key: string, name: string, description: string): EdexGroup => ({ key, kind: 'subgroup', name, yearGroup: null, description, line: 0 });
  return [
    { group: subgroup('SG-PLUS', 'Plusklas', 'Verrijking voor groep 5 t/m 8'), yearGroups: ['5', '6', '7', '8'], share: 0.08 },
    { group: subgroup('SG-TAAL', 'Taalgroep', 'Extra taalondersteuning (NT2) groep 3 t/m 5'), yearGroups: ['3', '4', '5'], share: 0.1 },
    { group: subgroup('SG-LEES', 'Leesclub', 'Leesbevordering groep 4 t/m 6'), yearGroups: ['4', '5', '6'], share: 0.06 },
  ];
}
