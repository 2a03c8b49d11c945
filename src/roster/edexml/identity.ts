/**
 * The identity constraints of EDEXML.structuur.xsd: unique keys per kind (groep and
 * samengestelde_groep share one key space: groepKeyUnique), unique eckid among pupils and
 * among staff, and every groep / samengestelde_groep / vestiging reference resolving to a
 * record of the right kind (the keyrefs). References are resolved at the end, so a file
 * that lists its groups late still gets one clear message per broken reference.
 */
import type { ProblemLog } from './problems.js';
import type { RecordKind } from './schema-types.js';

type GroupKind = 'group' | 'subgroup';
type PersonKind = 'pupil' | 'staff';

interface Seen {
  kind: RecordKind;
  line: number;
}

interface PendingReference {
  from: PersonKind;
  fromKey: string;
  target: GroupKind | 'location';
  element: string;
  key: string;
  line: number;
}

const noun: Record<RecordKind, string> = {
  location: 'vestiging',
  group: 'groep',
  subgroup: 'samengestelde groep',
  pupil: 'leerling',
  staff: 'leerkracht',
};

export const recordNoun = (kind: RecordKind): string => noun[kind];

export class IdentityIndex {
  private readonly groups = new Map<string, Seen>();
  private readonly locations = new Map<string, Seen>();
  private readonly pupils = new Map<string, Seen>();
  private readonly staff = new Map<string, Seen>();
  private readonly eckids: Record<PersonKind, Map<string, { key: string; line: number }>> = {
    pupil: new Map(),
    staff: new Map(),
  };
  private readonly references: PendingReference[] = [];

  constructor(private readonly log: ProblemLog) {}

  key(kind: RecordKind, element: string, key: string, line: number): void {
    const space = kind === 'group' || kind === 'subgroup' ? this.groups
      : kind === 'location' ? this.locations
        : kind === 'pupil' ? this.pupils : this.staff;
    const first = space.get(key);
    if (first === undefined) {
      space.set(key, { kind, line });
      return;
    }
    const shared = first.kind !== kind ? '; groepen en samengestelde groepen delen één reeks keys' : '';
    this.log.error('edexml.duplicate_key',
      `<${element}> met key '${key}': er is al een ${noun[first.kind]} met die key (regel ${first.line})${shared}.`,
      { line, element, key });
  }

  /** The ECK iD itself is never put in a message. */
  eckid(kind: PersonKind, eckid: string, key: string, line: number): void {
    const first = this.eckids[kind].get(eckid);
    if (first === undefined) {
      this.eckids[kind].set(eckid, { key, line });
      return;
    }
    const element = kind === 'pupil' ? 'leerling' : 'leerkracht';
    this.log.error('edexml.duplicate_eckid',
      `${noun[kind]} met key '${key}' heeft hetzelfde ECK iD als ${noun[kind]} met key '${first.key}' (regel ${first.line}); een ECK iD hoort bij één persoon.`,
      { line, element, key });
  }

  /**
   * A reference that resolves already resolves at the end too (a key's first record stays its
   * record), so only the others wait for the end. In a file in schema order — groups and
   * vestigingen before pupils and staff — that is none.
   */
  reference(reference: PendingReference): void {
    if (!this.resolves(reference)) this.references.push(reference);
  }

  private resolves(ref: PendingReference): boolean {
    const found = ref.target === 'location' ? this.locations.get(ref.key) : this.groups.get(ref.key);
    return found !== undefined && found.kind === ref.target;
  }

  resolveReferences(): void {
    for (const ref of this.references) {
      if (this.resolves(ref)) continue;
      const found = ref.target === 'location' ? this.locations.get(ref.key) : this.groups.get(ref.key);
      const who = `${noun[ref.from]} met key '${ref.fromKey}'`;
      const list = ref.target === 'location' ? '<vestigingen>' : '<groepen>';
      const text = found === undefined
        ? `${who} verwijst naar ${noun[ref.target]} '${ref.key}' die niet in ${list} staat.`
        : `${who} verwijst met <${ref.element}> naar '${ref.key}', maar dat is een ${noun[found.kind]} (regel ${found.line}), geen ${ref.target === 'group' ? 'stamgroep' : noun[ref.target]}.`;
      this.log.error('edexml.unknown_reference', text, { line: ref.line, element: ref.element, key: ref.fromKey });
    }
  }
}
