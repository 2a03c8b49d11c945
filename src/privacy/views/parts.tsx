/** Parts shared by the school's and the board's privacy pages: the ledger table, its filter, the receipts. */
import { formatDateTime } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import type { ConsentReceipt } from '../types.js';
import type { LedgerRow } from '../ledger/index.js';
import { attributeLabels, channelLabels, kindLabels, privacyTexts } from './texts.js';

const t = privacyTexts;

export interface Period {
  from: string;
  to: string;
}

/** GET form: dates stay in the address, so the CSV link can carry the same period. */
export const PeriodFilter = (props: { action: string; period: Period; csvHref: string }) => (
  <>
    <form method="get" action={props.action} class="filter">
      <fieldset>
        <legend>{t.ledger.filter}</legend>
        <label for="periode-van">{t.ledger.from}</label> <input type="date" id="periode-van" name="van" value={props.period.from} />{' '}
        <label for="periode-tot">{t.ledger.to}</label> <input type="date" id="periode-tot" name="tot" value={props.period.to} /> <button type="submit">{t.ledger.show}</button>
      </fieldset>
    </form>
    <p>
      <a href={props.csvHref} download>
        {t.ledger.csv}
      </a>
    </p>
  </>
);

/** `view: 'school'` shows the subject's name; `'board'` the school and only the kind of person. */
export const LedgerTable = (props: { rows: LedgerRow[]; view: 'school' | 'board' }) => {
  const c = t.ledger.columns;
  const columns = [
    { label: c.seq, numeric: true },
    { label: c.at },
    ...(props.view === 'board' ? [{ label: c.school }] : []),
    { label: c.subject },
    { label: c.publisher },
    { label: c.recipient },
    { label: c.channel },
    { label: c.attributes },
    { label: c.agreement },
  ];
  return (
    <DataTable
      caption={t.ledger.caption(props.rows.length)}
      empty={t.ledger.none}
      columns={columns}
      rows={props.rows}
      row={(r) => (
        <tr>
          <td class="number">{String(r.seq)}</td>
          <td>{formatDateTime(r.at)}</td>
          {props.view === 'board' ? <td>{r.schoolCode}</td> : null}
          <td>{props.view === 'school' ? `${r.subjectName} (${kindLabels[r.subjectKind]})` : kindLabels[r.subjectKind]}</td>
          <td>{r.publisherName}</td>
          <td>
            <code>{r.recipient}</code>
          </td>
          <td>{channelLabels[r.channel]}</td>
          <td>{r.attributes.map((a) => attributeLabels[a]).join(', ')}</td>
          <td>{r.agreementReference}</td>
        </tr>
      )}
    />
  );
};

export const ReceiptsTable = (props: { receipts: ConsentReceipt[]; downloadBase: ((r: ConsentReceipt) => string) | null; showSchool?: boolean }) => (
  <section aria-labelledby="ontvangstbewijzen-kop">
    <h2 id="ontvangstbewijzen-kop">{t.receipts.heading}</h2>
    <DataTable
      caption={t.receipts.heading}
      empty={t.receipts.none}
      columns={[
        { label: t.receipts.number },
        { label: t.receipts.when },
        ...(props.showSchool ? [{ label: t.receipts.school }] : []),
        { label: t.receipts.what },
        { label: t.receipts.who },
        ...(props.downloadBase ? [{ label: t.receipts.download, visuallyHidden: true }] : []),
      ]}
      rows={props.receipts}
      row={(r) => (
        <tr>
          <td>{r.number}</td>
          <td>{formatDateTime(r.at)}</td>
          {props.showSchool ? <td>{r.content.school.name}</td> : null}
          <td>{r.action === 'granted' ? t.receipts.granted(r.content.publisher.name) : t.receipts.withdrawn(r.content.publisher.name)}</td>
          <td>{r.actorName}</td>
          {props.downloadBase ? (
            <td>
              <a href={props.downloadBase(r)} download>
                {`${t.receipts.download} ${r.number}`}
              </a>
            </td>
          ) : null}
        </tr>
      )}
    />
  </section>
);
