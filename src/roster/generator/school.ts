/**
 * One school's roster, as a LAS would export it at the start of the school year: classes and
 * samengestelde groepen, pupils with plausible birth dates per jaargroep, BSN and (for most)
 * an ECK iD, and the staff tied to their groups.
 */
import type { EdexGroup, EdexLocation, EdexPupil, EdexRoster, EdexStaff, EdexStaffGroupRef } from '../edexml/model.js';
import { planClasses, pupilsPerYear, subgroupRules, type PlannedClass, type SubgroupRule } from './groups.js';
import { eckidFor, mailLocalPart, randomBsn } from './identifiers.js';
import { personName, type Sex } from './names.js';
import { createRandom, type Random } from './random.js';
import { writtenLines } from './writer.js';

export interface GeneratedPupil extends EdexPupil {
  bsn: string | null;
}

export interface GeneratedRoster extends Omit<EdexRoster, 'pupils'> {
  pupils: GeneratedPupil[];
}

export interface GenerateSchoolOptions {
  seed: number;
  brin: string;
  locationCode?: string;
  /** Default 2026-2027. */
  schoolYear?: string;
  /** Default 250. */
  pupils?: number;
  /** Share of pupils and staff with an ECK iD; default 0.9. */
  withEckidShare?: number;
  /** Samengestelde groepen (Plusklas, Taalgroep, Leesclub); default true. */
  subgroups?: boolean;
  /** Class teachers per classroom on average (duo jobs are common); default 1.3. */
  staffPerGroup?: number;
  /** Default 2.1; 2.0 files carry no eckid. */
  version?: '2.0' | '2.1';
}

interface Context {
  rng: Random;
  options: Required<GenerateSchoolOptions>;
  firstYear: number;
  eckid: (kind: string, key: string) => string | null;
}

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Groep g on 1 October of year Y: born between 1 Oct Y−g−4 and 30 Sep Y−g−3; a few repeated a year. */
function birthDate(ctx: Context, yearGroup: number): string {
  const born = ctx.firstYear - yearGroup - 4 - (ctx.rng.chance(0.03) ? 1 : 0);
  const from = Date.UTC(born, 9, 1);
  const to = Date.UTC(born + 1, 8, 30);
  return isoDate(from + ctx.rng.int(0, Math.round((to - from) / DAY_MS)) * DAY_MS);
}

function gender(rng: Random): { code: string; sex: Sex } {
  const roll = rng.next();
  if (roll < 0.49) return { code: '1', sex: 'male' };
  if (roll < 0.98) return { code: '2', sex: 'female' };
  return { code: roll < 0.99 ? '0' : '9', sex: rng.chance(0.5) ? 'male' : 'female' };
}

function locationsFor(ctx: Context): EdexLocation[] {
  const main: EdexLocation = { key: 'HFD', name: 'Hoofdgebouw', description: 'Kerkstraat 12', line: 0 };
  if (ctx.options.pupils < 150 || !ctx.rng.chance(0.6)) return [main];
  return [main, { key: 'DEP', name: 'Dependance Kastanjelaan', description: 'Kastanjelaan 3, kleutergroepen', line: 0 }];
}

function pupilsOf(ctx: Context, classes: PlannedClass[], locations: EdexLocation[], subgroups: SubgroupRule[]): GeneratedPupil[] {
  const { rng } = ctx;
  const pupils: GeneratedPupil[] = [];
  const usedBsns = new Set<string>();
  let key = rng.int(100_000, 400_000);
  for (const planned of classes) {
    const locationKey = planned.kleuters ? locations[locations.length - 1].key : locations[0].key;
    planned.groups.forEach((group, g) => {
      for (let n = 0; n < planned.pupilCounts[g]; n++) {
        key += rng.int(1, 3);
        const yearGroup = group.yearGroup ?? '1';
        const { code, sex } = gender(rng);
        let bsn: string | null = null;
        // A few pupils who just arrived in the country have no BSN yet.
        if (rng.chance(0.98)) {
          do bsn = randomBsn(rng); while (usedBsns.has(bsn));
          usedBsns.add(bsn);
        }
        pupils.push({
          key: String(key),
          eckid: ctx.eckid('leerling', String(key)),
          ...personName(rng, sex, false),
          birthDate: birthDate(ctx, Number(yearGroup)),
          gender: code,
          yearGroup,
          groupKey: group.key,
          subgroupKeys: subgroups.filter((s) => s.yearGroups.includes(yearGroup) && rng.chance(s.share)).map((s) => s.group.key),
          locationKey,
          bsn,
          line: 0,
        });
      }
    });
  }
  return pupils;
}

function staffOf(ctx: Context, classes: PlannedClass[], subgroups: SubgroupRule[]): EdexStaff[] {
  const { rng } = ctx;
  const staff: EdexStaff[] = [];
  const usedMail = new Set<string>();
  const domain = `bs${ctx.options.brin.toLowerCase()}.example.nl`;
  const add = (roles: string[], groups: EdexGroup[]) => {
    const key = `LK${1001 + staff.length}`;
    const name = personName(rng, rng.chance(0.8) ? 'female' : 'male', true);
    const local = mailLocalPart(name.nickname ?? name.initials ?? 'medewerker', name.prefix, name.lastName ?? key);
    let mail = `${local}@${domain}`;
    for (let n = 2; usedMail.has(mail); n++) mail = `${local}${n}@${domain}`;
    usedMail.add(mail);
    const refs: EdexStaffGroupRef[] = groups.map((g) => ({ key: g.key, kind: g.kind }));
    staff.push({ key, eckid: ctx.eckid('leerkracht', key), ...name, email: mail, roles, groups: refs, line: 0 });
  };
  const perClass = ctx.options.staffPerGroup;
  for (const planned of classes) {
    const teachers = Math.floor(perClass) + (rng.chance(perClass % 1) ? 1 : 0);
    for (let t = 0; t < teachers; t++) add(['LRK'], planned.groups);
  }
  const ict = staff.find((member) => member.roles[0] === 'LRK');
  if (ict) ict.roles.push('ICT');
  add(['IB'], []);
  add(['DIR'], []);
  const upperGroups = classes.filter((c) => !c.kleuters).flatMap((c) => c.groups);
  if (upperGroups.length > 0) add(['VAK', 'Vakleerkracht bewegingsonderwijs'], upperGroups);
  const [plus, ...support] = subgroups.map((s) => s.group);
  if (plus) add(['LRK', 'Begeleider plusklas'], [plus]);
  if (support.length > 0) add(['OWA'], support);
  return staff;
}

function resolveOptions(options: GenerateSchoolOptions): Required<GenerateSchoolOptions> {
  const resolved = {
    locationCode: '00', schoolYear: '2026-2027', pupils: 250, withEckidShare: 0.9, subgroups: true,
    staffPerGroup: 1.3, version: '2.1' as const, ...options,
  };
  if (!/^\d{4}-\d{4}$/.test(resolved.schoolYear)) throw new Error(`generateSchoolRoster: school year ${resolved.schoolYear} is not like 2026-2027`);
  if (!Number.isInteger(resolved.pupils) || resolved.pupils < 0) throw new Error('generateSchoolRoster: pupils must be a whole number ≥ 0');
  return resolved;
}

/** A deterministic roster: the same options give the same roster, byte for byte once written. */
export function generateSchoolRoster(options: GenerateSchoolOptions): GeneratedRoster {
  const resolved = resolveOptions(options);
  const { seed, brin, locationCode, schoolYear, version } = resolved;
  const rng = createRandom(`${seed}/${brin}/${locationCode}/${schoolYear}`);
  const ctx: Context = {
    rng,
    options: resolved,
    firstYear: Number(schoolYear.slice(0, 4)),
    eckid: (kind, key) => (version === '2.1' && rng.chance(resolved.withEckidShare) ? eckidFor(String(seed), brin, locationCode, kind, key) : null),
  };
  const classes = planClasses(rng, pupilsPerYear(rng, resolved.pupils));
  const subgroups = resolved.subgroups ? subgroupRules() : [];
  const locations = locationsFor(ctx);
  const roster: GeneratedRoster = {
    version,
    school: {
      schoolYear, brin, locationCode, schoolkey: String(rng.int(10_000, 99_999)), instellingsnummer: null,
      createdAt: `${ctx.firstYear}-10-01T07:45:00`, xsdVersion: version,
    },
    locations,
    groups: [...classes.flatMap((c) => c.groups), ...subgroups.map((s) => s.group)],
    pupils: pupilsOf(ctx, classes, locations, subgroups),
    staff: staffOf(ctx, classes, subgroups),
  };
  // The records say where they sit in the written file, as the reader's records do.
  const lines = writtenLines(roster);
  roster.locations.forEach((record, i) => (record.line = lines.locations[i]));
  roster.groups.forEach((record, i) => (record.line = lines.groups[i]));
  roster.pupils.forEach((record, i) => (record.line = lines.pupils[i]));
  roster.staff.forEach((record, i) => (record.line = lines.staff[i]));
  return roster;
}
