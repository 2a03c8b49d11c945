/** The board admin's page: coverage per school and in total, the agreement with the Nummervoorziening, the trend. */
import { CsrfField, Notice } from '../../http/forms.js';
import { formatDateTime, formatNumber, formatPercent } from '../../http/format.js';
import { Layout, type PageContext } from '../../http/layout.js';
import type { BoardReadiness } from '../readiness/index.js';
import { TrendChart } from './chart.js';
import { CoverageSummary, FactsList, MissingByReason, ReasonCounts } from './parts.js';
import { schoolReadinessPath } from './school-page.js';
import { readinessTexts as t } from './texts.js';

export const boardReadinessPath = (boardId: number) => `/beheer/besturen/${boardId}/eck-id`;

const AgreementForm = (props: { report: BoardReadiness; csrfToken: string }) => {
  const facts = props.report.boardFacts;
  const current = facts.numberServiceAgreement;
  return (
    <form method="post" action={`${boardReadinessPath(props.report.board.id)}/overeenkomst`}>
      <CsrfField token={props.csrfToken} />
      <fieldset>
        <legend>{t.agreement.legend}</legend>
        <p class="hint">{t.agreement.hint}</p>
        <label><input type="radio" name="overeenkomst" value="ja" checked={current === true} required /> {t.agreement.yes}</label>
        <label><input type="radio" name="overeenkomst" value="nee" checked={current === false} /> {t.agreement.no}</label>
      </fieldset>
      {facts.setBy && facts.setAt && <p>{t.agreement.setBy(facts.setBy, formatDateTime(facts.setAt))}</p>}
      <button type="submit">{t.agreement.submit}</button>
    </form>
  );
};

export const BoardReadinessPage = (props: { context: PageContext; report: BoardReadiness; notice: string | null }) => {
  const { report } = props;
  const path = boardReadinessPath(report.board.id);
  return (
    <Layout title={t.boardTitle(report.board.name)} context={props.context}>
      {props.notice && <Notice message={props.notice} />}
      <p>{t.intro}</p>
      <CoverageSummary coverage={report.coverage} />
      <FactsList board={report.boardFacts} />
      <AgreementForm report={report} csrfToken={props.context.csrfToken} />
      <section aria-labelledby="scholen">
        <h2 id="scholen">{t.schools.heading}</h2>
        <table>
          <caption>{t.schools.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.schools.school}</th>
              <th scope="col">{t.schools.code}</th>
              <th scope="col" class="number">{t.schools.pupils}</th>
              <th scope="col" class="number">{t.schools.withEckid}</th>
              <th scope="col" class="number">{t.schools.missing}</th>
              <th scope="col" class="number">{t.schools.share}</th>
            </tr>
          </thead>
          <tbody>
            {report.schools.map((school) => (
              <tr>
                <th scope="row"><a href={schoolReadinessPath(school.id)}>{school.name}</a></th>
                <td>{`${school.brin} ${school.locationCode}`}</td>
                <td class="number">{formatNumber(school.coverage.pupils)}</td>
                <td class="number">{formatNumber(school.coverage.withEckid)}</td>
                <td class="number">{formatNumber(school.coverage.missing)}</td>
                <td class="number">{formatPercent(school.coverage.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="ontbrekend">
        <h2 id="ontbrekend">{t.missing.heading}</h2>
        <p>
          <a href={`${path}/ontbrekend.csv`} download>{t.csv.link}</a> {t.csv.note}
        </p>
        <ReasonCounts coverage={report.coverage} />
        <MissingByReason pupils={report.missing} withSchool limit={100} />
      </section>
      <section aria-labelledby="verloop">
        <h2 id="verloop">{t.trend.heading}</h2>
        <TrendChart points={report.trend} id="verloop-bestuur" />
      </section>
    </Layout>
  );
};
