/**
 * Which stored person a person in the file is: first by LAS key, then by ECK iD (issue 2,
 * "Matching"). The ECK iD pass catches a LAS that re-keyed a pupil; it only considers rows
 * no key claimed, so a key always wins over an ECK iD.
 */

interface StoredPerson {
  id: number;
  las_key: string;
  eckid: string | null;
  active: number;
}

interface FilePerson {
  key: string;
  eckid: string | null;
}

export interface PersonMatch<Row, Rec> {
  record: Rec;
  /** The stored row this record is, or null for a newcomer. */
  row: Row | null;
}

export function matchPeople<Row extends StoredPerson, Rec extends FilePerson>(
  rows: Row[],
  records: Rec[],
): { matches: Array<PersonMatch<Row, Rec>>; unmatched: Row[] } {
  const byKey = new Map(rows.map((row) => [row.las_key, row]));
  const claimed = new Set<number>();
  const matches: Array<PersonMatch<Row, Rec>> = records.map((record) => {
    const row = byKey.get(record.key) ?? null;
    if (row) claimed.add(row.id);
    return { record, row };
  });

  const byEckid = new Map<string, Row[]>();
  for (const row of rows) {
    if (row.eckid === null || claimed.has(row.id)) continue;
    const list = byEckid.get(row.eckid);
    if (list) list.push(row);
    else byEckid.set(row.eckid, [row]);
  }
  if (byEckid.size > 0) {
    for (const match of matches) {
      if (match.row || match.record.eckid === null) continue;
      const candidates = byEckid.get(match.record.eckid)?.filter((row) => !claimed.has(row.id));
      if (!candidates?.length) continue;
      // Prefer the active row when (against the rules) two stored rows share an ECK iD.
      const row = candidates.find((candidate) => candidate.active === 1) ?? candidates[0];
      claimed.add(row.id);
      match.row = row;
    }
  }

  return { matches, unmatched: rows.filter((row) => !claimed.has(row.id)) };
}
