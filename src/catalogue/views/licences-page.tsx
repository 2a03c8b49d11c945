/** A school's licences: what it has per school year, until when it can cancel, and the grant form. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, SelectField, TextField } from '../../http/forms.js';
import { DataTable } from '../../http/table.js';
import { formatDate } from '../../http/format.js';
import type { LicenceView } from '../licences.js';
import { emptyForm, type FormState } from './publisher-pages.js';
import { catalogueTexts } from './texts.js';

const t = catalogueTexts.licences;

/** 2027-06-30 → "30 juni 2027" (a calendar date, no time zone shift). */
export function formatDay(date: string): string {
  return formatDate(`${date}T12:00:00Z`);
}

export const LicencesPage = (props: {
  context: PageContext;
  school: { id: number; name: string };
  currentYear: string;
  currentDeadline: string;
  licences: LicenceView[];
  products: Array<{ id: number; label: string }>;
  groups: Array<{ id: number; name: string }>;
  years: string[];
  form?: FormState;
  notice: string | null;
}) => {
  const base = `/beheer/scholen/${props.school.id}/licenties`;
  const form = props.form ?? emptyForm;
  const v = form.values;
  return (
    <Layout title={t.title(props.school.name)} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.school.id}`, label: props.school.name }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p>{t.intro(props.currentYear, formatDay(props.currentDeadline))}</p>
      <DataTable
        caption={t.caption}
        columns={[{ label: t.product }, { label: t.publisher }, { label: t.schoolYear }, { label: t.holder }, { label: t.deadline }, { label: t.state }, { label: t.revoke, visuallyHidden: true }]}
        rows={props.licences}
        empty={t.none}
        row={(licence) => (
          <tr>
            <td>{licence.productName}</td>
            <td>{licence.publisherName}</td>
            <td>{licence.schoolYear}</td>
            <td>{licence.holder.label}</td>
            <td>{formatDay(licence.cancellationDeadline)}</td>
            <td>{licence.revokedAt ? t.revoked(formatDate(licence.revokedAt)) : t.active}</td>
            <td>
              {licence.revokedAt ? null : (
                <form method="post" action={`${base}/${licence.id}/intrekken`} class="inline">
                  <CsrfField token={props.context.csrfToken} />
                  <button type="submit" class="secondary" aria-label={`${t.revoke}: ${licence.productName}, ${licence.holder.label}, ${licence.schoolYear}`}>
                    {t.revoke}
                  </button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      <FormFrame action={base} id="licentie-toekennen" legend={t.grantLegend} submit={t.grantSubmit} errors={form.error ? [{ fieldId: null, message: form.error.message }] : []} csrfToken={props.context.csrfToken}>
        <SelectField form="licentie" name="product" label={t.product} options={props.products.map((p) => ({ value: String(p.id), label: p.label }))} placeholder={t.chooseProduct} value={v.product} required />
        <SelectField form="licentie" name="schoolYear" label={t.schoolYear} options={props.years.map((y) => ({ value: y, label: y }))} placeholder={props.currentYear} value={v.schoolYear} />
        <SelectField
          form="licentie"
          name="holder"
          label={t.holderKind}
          options={[
            { value: 'school', label: t.holderSchool },
            { value: 'group', label: t.holderGroup },
            { value: 'pupil', label: t.holderPupil },
            { value: 'staff', label: t.holderStaff },
            { value: 'eckid', label: t.holderEckid },
          ]}
          placeholder={t.holderSchool}
          value={v.holder}
        />
        <SelectField form="licentie" name="group" label={t.group} options={props.groups.map((g) => ({ value: String(g.id), label: g.name }))} placeholder={t.chooseGroup} value={v.group} />
        <TextField form="licentie" name="holderValue" label={t.holderValue} hint={t.holderValueHint} value={v.holderValue} maxlength={300} size={40} />
      </FormFrame>
    </Layout>
  );
};
