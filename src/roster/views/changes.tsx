/**
 * What an import will change, person by person, as the preview shows it. Long lists are
 * cut off (the counts above stay complete) so a first import of a large school stays a
 * page a browser can render.
 */
import { formatNumber } from '../../http/format.js';
import type { GroupChange, ImportChanges, PersonChange } from '../types.js';
import { rosterTexts as t } from './texts.js';

const LIST_LIMIT = 500;

function personDetail(change: PersonChange): string {
  const parts: string[] = [];
  if (change.kind === 'moved') parts.push(t.changes.move(change.fromGroup ?? t.changes.noGroup, change.toGroup ?? t.changes.noGroup));
  if ((change.kind === 'updated' || change.kind === 'moved') && change.fields.length > 0) parts.push(t.changes.changedFields(change.fields.join(', ')));
  return parts.join('; ');
}

function ChangeList<T>(props: { id: string; heading: string; items: T[]; render: (item: T) => { name: string; detail: string } }) {
  if (props.items.length === 0) return null;
  const shown = props.items.slice(0, LIST_LIMIT);
  return (
    <section aria-labelledby={props.id}>
      <h3 id={props.id}>{`${props.heading} (${formatNumber(props.items.length)})`}</h3>
      {shown.length < props.items.length ? <p>{t.changes.truncated(formatNumber(shown.length), formatNumber(props.items.length))}</p> : null}
      <ul>
        {shown.map((item) => {
          const { name, detail } = props.render(item);
          return <li>{detail ? `${name} – ${detail}` : name}</li>;
        })}
      </ul>
    </section>
  );
}

const person = (change: PersonChange) => ({ name: change.displayName, detail: personDetail(change) });
const group = (change: GroupChange) => ({
  name: change.name,
  detail: [change.groupKind === 'group' ? t.overview.stamgroep : t.overview.subgroup, change.fields.length > 0 ? t.changes.changedFields(change.fields.join(', ')) : '']
    .filter(Boolean)
    .join('; '),
});

const byKind = <T extends { kind: string }>(items: T[], kind: T['kind']) => items.filter((item) => item.kind === kind);

export const ChangeLists = (props: { changes: ImportChanges }) => {
  const { pupils, staff, groups } = props.changes;
  const nothing = pupils.length + staff.length + groups.length === 0;
  return (
    <section class="changes" aria-labelledby="wijzigingen">
      <h2 id="wijzigingen">{t.changes.heading}</h2>
      {nothing ? <p>{t.changes.none}</p> : null}
      <ChangeList id="leerlingen-nieuw" heading={t.changes.pupilsAdded} items={byKind(pupils, 'added')} render={person} />
      <ChangeList id="leerlingen-groep" heading={t.changes.pupilsMoved} items={byKind(pupils, 'moved')} render={person} />
      <ChangeList id="leerlingen-gewijzigd" heading={t.changes.pupilsUpdated} items={byKind(pupils, 'updated')} render={person} />
      <ChangeList id="leerlingen-weg" heading={t.changes.pupilsLeaving} items={byKind(pupils, 'deactivated')} render={person} />
      <ChangeList id="leerlingen-terug" heading={t.changes.pupilsBack} items={byKind(pupils, 'reactivated')} render={person} />
      <ChangeList id="groepen-nieuw" heading={t.changes.groupsAdded} items={byKind(groups, 'added')} render={group} />
      <ChangeList id="groepen-gewijzigd" heading={t.changes.groupsUpdated} items={byKind(groups, 'updated')} render={group} />
      <ChangeList id="groepen-weg" heading={t.changes.groupsRemoved} items={byKind(groups, 'deactivated')} render={group} />
      <ChangeList id="medewerkers-nieuw" heading={t.changes.staffAdded} items={byKind(staff, 'added')} render={person} />
      <ChangeList id="medewerkers-gewijzigd" heading={t.changes.staffUpdated} items={[...byKind(staff, 'updated'), ...byKind(staff, 'moved')]} render={person} />
      <ChangeList id="medewerkers-weg" heading={t.changes.staffLeaving} items={byKind(staff, 'deactivated')} render={person} />
      <ChangeList id="medewerkers-terug" heading={t.changes.staffBack} items={byKind(staff, 'reactivated')} render={person} />
    </section>
  );
};
