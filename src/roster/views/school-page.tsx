/** `/beheer/scholen/:id`: the school, its roster now, the upload form, the import history and LAS tokens. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, ErrorSummary, Notice, fieldId } from '../../http/forms.js';
import { formatNumber } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import { FileProblemList, fileProblemsOf } from '../../http/problems.js';
import { ui } from '../../http/texts.js';
import type { AppError } from '../../lib/errors.js';
import type { School } from '../../organisations/index.js';
import type { ImportRecord, LasTokenInfo, RosterOverview } from '../types.js';
import { ImportHistory } from './history.js';
import { homeCrumb, schoolPath } from './shared.js';
import { LasTokens, type TokenFormState } from './tokens.js';
import { rosterTexts as t } from './texts.js';

export interface SchoolPageProps {
  context: PageContext;
  school: School;
  overview: RosterOverview;
  imports: ImportRecord[];
  tokens: LasTokenInfo[];
  uploadError: AppError | null;
  tokenForm: TokenFormState;
  notice: string | null;
  uploadLimit: string;
}

function addressOf(school: School): string {
  const a = school.address;
  const street = [a.street, a.houseNumber, a.houseNumberSuffix].filter(Boolean).join(' ');
  return [street, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || t.school.none;
}

const SchoolFacts = (props: { school: School }) => (
  <dl class="facts" aria-label={t.school.facts}>
    <dt>{t.school.code}</dt>
    <dd>{`${props.school.brin} ${props.school.locationCode}`}</dd>
    <dt>{t.school.schoolkey}</dt>
    <dd>{props.school.schoolkey ?? t.school.none}</dd>
    <dt>{t.school.address}</dt>
    <dd>{addressOf(props.school)}</dd>
    <dt>{t.school.instellingRef}</dt>
    <dd>{props.school.instellingRef}</dd>
    <dt>{t.school.active}</dt>
    <dd>{props.school.active ? t.school.active : t.school.inactive}</dd>
  </dl>
);

const Overview = (props: { overview: RosterOverview }) => {
  const o = props.overview;
  return (
    <section aria-labelledby="overzicht">
      <h2 id="overzicht">{t.overview.heading}</h2>
      <dl class="facts">
        <dt>{t.overview.schoolYear}</dt>
        <dd>{o.schoolYear ?? t.school.none}</dd>
        <dt>{t.overview.activePupils}</dt>
        <dd>{formatNumber(o.activePupils)}</dd>
        <dt>{t.overview.inactivePupils}</dt>
        <dd>{formatNumber(o.inactivePupils)}</dd>
        <dt>{t.overview.activeStaff}</dt>
        <dd>{formatNumber(o.activeStaff)}</dd>
      </dl>
      <DataTable
        caption={t.overview.groups}
        empty={t.overview.empty}
        columns={[{ label: t.overview.group }, { label: t.overview.kind }, { label: t.overview.yearGroup }, { label: t.overview.pupils, numeric: true }]}
        rows={o.groups}
        row={(group) => (
          <tr>
            <th scope="row">{group.name}</th>
            <td>{group.kind === 'group' ? t.overview.stamgroep : t.overview.subgroup}</td>
            <td>{group.yearGroup ?? ''}</td>
            <td class="number">{formatNumber(group.pupils)}</td>
          </tr>
        )}
      />
    </section>
  );
};

/** The school's other pages: groups and login cards, staff accounts, network ranges. */
const SchoolSections = (props: { schoolId: number }) => (
  <nav aria-label={t.sections.label} class="section-nav">
    <a href={`${schoolPath(props.schoolId)}/groepen`}>{t.sections.groups}</a>
    <a href={`${schoolPath(props.schoolId)}/medewerkers`}>{t.sections.staff}</a>
    <a href={`${schoolPath(props.schoolId)}/netwerk`}>{t.sections.network}</a>
    <a href={`${schoolPath(props.schoolId)}/eck-id`}>{t.sections.eckid}</a>
  </nav>
);

/** A refused upload: the reason, every problem in the file, and that nothing changed. */
const UploadError = (props: { error: AppError }) => {
  const problems = fileProblemsOf(props.error.details);
  const saysNothingChanged = props.error.message.includes(t.upload.nothingChanged);
  return (
    <div>
      <ErrorSummary errors={[{ fieldId: fieldId('upload', 'bestand'), message: saysNothingChanged ? props.error.message : `${props.error.message} ${t.upload.nothingChanged}` }]} />
      {problems ? <FileProblemList problems={problems} heading={ui.error.fileProblems} /> : null}
    </div>
  );
};

const UploadForm = (props: { schoolId: number; error: AppError | null; csrfToken: string; limit: string }) => {
  const id = fieldId('upload', 'bestand');
  return (
    <section aria-labelledby="uploaden">
      <h2 id="uploaden">{t.upload.heading}</h2>
      <p>{t.upload.intro}</p>
      {props.error ? <UploadError error={props.error} /> : null}
      <form method="post" action={`${schoolPath(props.schoolId)}/imports`} enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class={props.error ? 'field field-error' : 'field'}>
          <label for={id}>{t.upload.label}</label>
          <p class="hint" id={`${id}-hint`}>
            {t.upload.hint(props.limit)}
          </p>
          <input type="file" id={id} name="bestand" accept=".xml,application/xml,text/xml" required aria-describedby={`${id}-hint`} aria-invalid={props.error ? 'true' : undefined} />
        </div>
        <button type="submit">{t.upload.submit}</button>
      </form>
    </section>
  );
};

export const SchoolPage = (props: SchoolPageProps) => (
  <Layout title={props.school.name} context={props.context} crumbs={[homeCrumb(props.context.actor)]}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <SchoolSections schoolId={props.school.id} />
    <SchoolFacts school={props.school} />
    <Overview overview={props.overview} />
    <UploadForm schoolId={props.school.id} error={props.uploadError} csrfToken={props.context.csrfToken} limit={props.uploadLimit} />
    <ImportHistory schoolId={props.school.id} imports={props.imports} tokens={props.tokens} />
    <LasTokens schoolId={props.school.id} tokens={props.tokens} form={props.tokenForm} csrfToken={props.context.csrfToken} />
  </Layout>
);
