/** The import history of one school, newest first, with the undo action where it applies. */
import { formatDateTime, formatNumber } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import type { ImportRecord, LasTokenInfo } from '../types.js';
import { describeActor, importPath } from './shared.js';
import { rosterTexts as t, sourceNames, statusNames } from './texts.js';

const PupilCounts = (props: { record: ImportRecord }) => {
  const p = props.record.counts.pupils;
  return <td class="number">{`${formatNumber(p.added)} / ${formatNumber(p.updated)} / ${formatNumber(p.deactivated)}`}</td>;
};

export const ImportHistory = (props: { schoolId: number; imports: ImportRecord[]; tokens: LasTokenInfo[] }) => (
  <section aria-labelledby="geschiedenis">
    <h2 id="geschiedenis">{t.history.heading}</h2>
    <DataTable
      caption={t.history.heading}
      empty={t.history.empty}
      columns={[
        { label: t.history.when },
        { label: t.history.who },
        { label: t.history.source },
        { label: t.history.file },
        { label: t.history.schoolYear },
        { label: t.history.pupils, numeric: true },
        { label: t.history.status },
        { label: t.history.action },
      ]}
      rows={props.imports}
      row={(record) => (
        <tr>
          <td>{formatDateTime(record.createdAt)}</td>
          <td>{describeActor(record.actor, props.tokens)}</td>
          <td>{sourceNames[record.source]}</td>
          <td>{record.fileName ?? t.history.noFile}</td>
          <td>{record.schoolYear ?? ''}</td>
          <PupilCounts record={record} />
          <td class="status">{statusNames[record.status]}</td>
          <td>
            <a href={importPath(props.schoolId, record.id)}>{t.history.view}</a>
            {record.canUndo ? (
              <>
                {' · '}
                <a href={`${importPath(props.schoolId, record.id)}/ongedaan-maken`}>{t.history.undo}</a>
              </>
            ) : null}
          </td>
        </tr>
      )}
    />
  </section>
);
