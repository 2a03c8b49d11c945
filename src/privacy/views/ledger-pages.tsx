/** The school's ledger page and the board's privacy page (agreements, ledger without names, receipts). */
import { Layout, type PageContext } from '../../http/layout.js';
import type { Agreement, ConsentReceipt } from '../types.js';
import type { LedgerRow } from '../ledger/index.js';
import { AgreementsTable } from './agreements-page.js';
import { LedgerTable, PeriodFilter, ReceiptsTable, type Period } from './parts.js';
import { privacyTexts } from './texts.js';

const t = privacyTexts.ledger;

function query(period: Period): string {
  const params = new URLSearchParams();
  if (period.from) params.set('van', period.from);
  if (period.to) params.set('tot', period.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const SchoolLedgerPage = (props: { context: PageContext; school: { id: number; name: string }; rows: LedgerRow[]; receipts: ConsentReceipt[]; period: Period }) => {
  const base = `/beheer/scholen/${props.school.id}`;
  return (
    <Layout title={t.schoolTitle(props.school.name)} context={props.context} crumbs={[{ href: base, label: props.school.name }, { href: `${base}/uitgeverijen`, label: 'Uitgeverijen' }]}>
      <p class="lead">{t.intro}</p>
      <section aria-labelledby="verstrekkingen-kop">
        <h2 id="verstrekkingen-kop">{t.heading}</h2>
        <PeriodFilter action={`${base}/verstrekkingen`} period={props.period} csvHref={`${base}/verstrekkingen.csv${query(props.period)}`} />
        <LedgerTable rows={props.rows} view="school" />
      </section>
      <ReceiptsTable receipts={props.receipts} downloadBase={(r) => `${base}/uitgeverijen/ontvangstbewijzen/${r.number}`} />
    </Layout>
  );
};

export interface BoardPrivacyPageProps {
  context: PageContext;
  board: { id: number; name: string; number: string };
  agreements: Agreement[];
  publisherName: (id: number) => string;
  rows: LedgerRow[];
  receipts: ConsentReceipt[];
  period: Period;
}

export const BoardPrivacyPage = (props: BoardPrivacyPageProps) => {
  const base = `/beheer/besturen/${props.board.id}`;
  return (
    <Layout title={t.boardTitle(props.board.name)} context={props.context}>
      <p class="lead">{t.boardIntro}</p>
      <section aria-labelledby="overeenkomsten-kop">
        <h2 id="overeenkomsten-kop">{privacyTexts.agreements.title}</h2>
        <AgreementsTable agreements={props.agreements} boardName={() => props.board.name} publisherName={props.publisherName} endAction={null} csrfToken={props.context.csrfToken} />
      </section>
      <section aria-labelledby="verstrekkingen-kop">
        <h2 id="verstrekkingen-kop">{t.heading}</h2>
        <PeriodFilter action={`${base}/privacy`} period={props.period} csvHref={`${base}/verstrekkingen.csv${query(props.period)}`} />
        <LedgerTable rows={props.rows} view="board" />
      </section>
      <ReceiptsTable receipts={props.receipts} downloadBase={(r) => `/beheer/scholen/${r.schoolId}/uitgeverijen/ontvangstbewijzen/${r.number}`} showSchool />
    </Layout>
  );
};
