/** The ICT-coördinator's page: coverage of the school, the reasons, the trend, the CSV. */
import { Layout, type PageContext } from '../../http/layout.js';
import type { SchoolReadiness } from '../readiness/index.js';
import { TrendChart } from './chart.js';
import { CoverageSummary, FactsList, MissingByReason } from './parts.js';
import { readinessTexts as t } from './texts.js';

export const schoolReadinessPath = (schoolId: number) => `/beheer/scholen/${schoolId}/eck-id`;

export const SchoolReadinessPage = (props: { context: PageContext; report: SchoolReadiness }) => {
  const { report } = props;
  const path = schoolReadinessPath(report.school.id);
  return (
    <Layout title={t.schoolTitle(report.school.name)} context={props.context} crumbs={[{ href: `/beheer/scholen/${report.school.id}`, label: report.school.name }]}>
      <p>{t.intro}</p>
      <CoverageSummary coverage={report.coverage} />
      <FactsList school={report.schoolFacts} board={report.boardFacts} />
      <section aria-labelledby="ontbrekend">
        <h2 id="ontbrekend">{t.missing.heading}</h2>
        <p>
          <a href={`${path}/ontbrekend.csv`} download>{t.csv.link}</a> {t.csv.note}
        </p>
        <MissingByReason pupils={report.pupils} />
      </section>
      <section aria-labelledby="verloop">
        <h2 id="verloop">{t.trend.heading}</h2>
        <TrendChart points={report.trend} id="verloop-school" />
      </section>
    </Layout>
  );
};
