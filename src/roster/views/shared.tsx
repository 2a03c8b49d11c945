/** Pieces the school page and the import page share: counts, actor names, statuses. */
import { formatNumber } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import type { Crumb } from '../../http/layout.js';
import { ui } from '../../http/texts.js';
import { homePath, type Actor } from '../../accounts/index.js';
import type { School } from '../../organisations/index.js';
import type { ImportCounts, KindCounts, LasTokenInfo } from '../types.js';
import { rosterTexts as t } from './texts.js';

const kinds = ['pupils', 'groups', 'staff', 'locations'] as const;

const Count = (props: { value: number | undefined }) => <td class="number">{props.value === undefined ? '' : formatNumber(props.value)}</td>;

export const CountsTable = (props: { counts: ImportCounts }) => (
  <DataTable
    caption={t.counts.caption}
    columns={[
      { label: t.counts.kind },
      { label: t.counts.added, numeric: true },
      { label: t.counts.updated, numeric: true },
      { label: t.counts.moved, numeric: true },
      { label: t.counts.deactivated, numeric: true },
      { label: t.counts.unchanged, numeric: true },
    ]}
    rows={[...kinds]}
    row={(kind) => {
      const counts: KindCounts & { moved?: number } = props.counts[kind];
      return (
        <tr>
          <th scope="row">{t.counts[kind]}</th>
          <Count value={counts.added} />
          <Count value={counts.updated} />
          <Count value={counts.moved} />
          <Count value={counts.deactivated} />
          <Count value={counts.unchanged} />
        </tr>
      );
    }}
  />
);

/**
 * The import log's actor ("operator:Beheer", "las-token:12", "cli:root") in words; a LAS
 * token is named by the label the school gave it.
 */
export function describeActor(actor: string, tokens: LasTokenInfo[]): string {
  const colon = actor.indexOf(':');
  const kind = colon < 0 ? actor : actor.slice(0, colon);
  const rest = colon < 0 ? '' : actor.slice(colon + 1);
  if (kind === 'operator') return t.actors.operator(rest);
  if (kind === 'las-token') {
    const token = tokens.find((candidate) => String(candidate.id) === rest);
    return token ? t.actors.lasToken(token.label) : t.actors.lasTokenUnknown(rest);
  }
  if (kind === 'cli') return t.actors.cli(rest);
  if (kind === 'staff') return t.actors.staff(rest);
  return actor;
}

export const schoolPath = (schoolId: number) => `/beheer/scholen/${schoolId}`;
export const importPath = (schoolId: number, importId: number) => `${schoolPath(schoolId)}/imports/${importId}`;

/** The first breadcrumb: the operator's overview, or the staff member's own account page. */
export const homeCrumb = (actor: Actor | null): Crumb =>
  actor?.kind === 'operator' ? { href: homePath(actor), label: ui.navOperator } : { href: homePath(actor), label: ui.navAccount };
export const schoolCrumbs = (school: Pick<School, 'id' | 'name'>, actor: Actor | null): Crumb[] => [homeCrumb(actor), { href: schoolPath(school.id), label: school.name }];
