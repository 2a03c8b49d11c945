/** A school's staff accounts: who has which role, adding someone, and roster invitations. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, SelectField, TextField } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import type { SchoolStaffAccount } from '../staff/store.js';
import { MANUAL_SCHOOL_ROLES } from '../staff/members.js';
import { staffTexts as s } from './staff-texts.js';
import { InputField } from './staff-fields.js';
import { StatusButton } from './account-status-button.js';

export interface SchoolStaffPageProps {
  context: PageContext;
  school: { id: number; name: string };
  accounts: SchoolStaffAccount[];
  /** Accounts whose access this actor may switch off or on. */
  changeable: number[];
  notice?: string;
  form?: { email: string; displayName: string; role: string; error: string };
}

export const SchoolStaffPage = (props: SchoolStaffPageProps) => {
  const base = `/beheer/scholen/${props.school.id}/medewerkers`;
  const isOperator = props.context.actor?.kind === 'operator';
  const form = props.form;
  return (
    <Layout title={s.school.title(props.school.name)} context={props.context} crumbs={[{ href: `/beheer/scholen/${props.school.id}`, label: props.school.name }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{s.school.intro}</p>
      {props.accounts.length === 0 ? (
        <p>{s.school.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{s.school.name}</th>
              <th scope="col">{s.school.email}</th>
              <th scope="col">{s.school.role}</th>
              <th scope="col">{s.school.status}</th>
              <th scope="col">{s.school.lastLogin}</th>
              <th scope="col">{s.school.action}</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr>
                <td>{a.displayName}</td>
                <td>{a.email}</td>
                <td>{[...new Set(a.roles.map((r) => s.roles[r.role]))].join(', ')}</td>
                <td>{s.status[a.status]}</td>
                <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : s.school.never}</td>
                <td>{props.changeable.includes(a.accountId) ? <StatusButton base={`${base}/${a.accountId}`} disabled={a.status === 'disabled'} name={a.displayName} csrfToken={props.context.csrfToken} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormFrame action={base} legend={isOperator ? s.school.addLegendOperator : s.school.addLegend} submit={s.school.add} errors={form ? [{ fieldId: null, message: form.error }] : []} csrfToken={props.context.csrfToken} id="toevoegen">
        <TextField form="toevoegen" name="displayName" label={s.school.name} value={form?.displayName} required autocomplete="name" />
        <InputField form="toevoegen" name="email" label={s.school.email} type="email" autocomplete="email" value={form?.email} />
        <SelectField form="toevoegen" name="role" label={s.school.role} placeholder={s.school.choose} value={form?.role ?? (isOperator ? 'schoolAdmin' : '')} required options={MANUAL_SCHOOL_ROLES.map((role) => ({ value: role, label: s.roles[role] }))} />
      </FormFrame>
      <section aria-labelledby="uitnodigen-kop">
        <h2 id="uitnodigen-kop">{s.school.inviteHeading}</h2>
        <p>{s.school.inviteIntro}</p>
        <form method="post" action={`${base}/uitnodigen`}>
          <CsrfField token={props.context.csrfToken} />
          <button type="submit">{s.school.inviteButton}</button>
        </form>
      </section>
    </Layout>
  );
};
