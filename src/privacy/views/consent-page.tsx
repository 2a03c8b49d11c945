/** `/beheer/scholen/:id/uitgeverijen`: the school ticks which publishers may receive data; receipts below. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, Notice } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import type { ConsentReceipt, ConsentRow } from '../types.js';
import { ReceiptsTable } from './parts.js';
import { privacyTexts, profileLabels } from './texts.js';

const t = privacyTexts.consent;

export interface ConsentPageProps {
  context: PageContext;
  school: { id: number; name: string };
  rows: ConsentRow[];
  receipts: ConsentReceipt[];
  /** Only the school's ICT-coördinator or a board admin changes consent; the operator only reads. */
  canChange: boolean;
  notice: string | null;
}

export const ConsentPage = (props: ConsentPageProps) => {
  const base = `/beheer/scholen/${props.school.id}/uitgeverijen`;
  return (
    <Layout title={t.title(props.school.name)} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.school.id}`, label: props.school.name }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{t.intro}</p>
      {props.canChange ? null : <p>{t.readOnly}</p>}
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <form method="post" action={base}>
          <CsrfField token={props.context.csrfToken} />
          <fieldset>
            <legend>{t.legend}</legend>
            {props.rows.map((row) => {
              const id = `uitgeverij-${row.publisher.id}`;
              return (
                <div class="field">
                  <label class="choice" for={id}>
                    <input type="checkbox" id={id} name="uitgeverij" value={String(row.publisher.id)} checked={row.granted} disabled={!props.canChange} aria-describedby={`${id}-info`} />{' '}
                    {row.publisher.name}
                  </label>
                  <p class="hint" id={`${id}-info`}>
                    {t.agreement}: {row.agreement ? t.agreementProfile(profileLabels[row.agreement.profile], row.agreement.reference) : t.noAgreement}
                    {row.changedAt && row.changedBy ? ` ${t.lastChange(formatDateTime(row.changedAt), row.changedBy)}.` : null}
                  </p>
                </div>
              );
            })}
            {props.canChange ? <button type="submit">{t.submit}</button> : null}
          </fieldset>
        </form>
      )}
      <p>
        <a href={`/beheer/scholen/${props.school.id}/verstrekkingen`}>{t.ledgerLink}</a>
      </p>
      <ReceiptsTable receipts={props.receipts} downloadBase={(r) => `${base}/ontvangstbewijzen/${r.number}`} />
    </Layout>
  );
};
