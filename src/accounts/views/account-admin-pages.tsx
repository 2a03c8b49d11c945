/** The board admin page (operator and the board's own admins) and the operator's account search. */
import { Layout, type PageContext } from '../../http/layout.js';
import { FormFrame, Notice } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import type { BoardAdminRow, StaffAccountRow } from '../staff/store.js';
import type { ParentAccountRow } from '../parents/store.js';
import { staffTexts as s } from './staff-texts.js';
import { InputField } from './staff-fields.js';
import { StatusButton } from './account-status-button.js';
import { TextField } from '../../http/forms.js';

export interface BoardAdminsPageProps {
  context: PageContext;
  board: { id: number; name: string };
  admins: BoardAdminRow[];
  /** Account ids whose status this actor may change (not his own). */
  changeable: number[];
  notice?: string;
  form?: { email: string; displayName: string; error: string };
}

export const BoardAdminsPage = (props: BoardAdminsPageProps) => {
  const base = `/beheer/besturen/${props.board.id}/beheerders`;
  const t = s.boardAdmins;
  return (
    <Layout title={t.title(props.board.name)} context={props.context}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{t.intro}</p>
      {props.admins.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{s.school.name}</th>
              <th scope="col">{s.school.email}</th>
              <th scope="col">{s.school.status}</th>
              <th scope="col">{s.school.lastLogin}</th>
              <th scope="col">{s.school.action}</th>
            </tr>
          </thead>
          <tbody>
            {props.admins.map((a) => (
              <tr>
                <td>{a.displayName}</td>
                <td>{a.email}</td>
                <td>{s.status[a.status]}</td>
                <td>{a.lastLoginAt ? formatDateTime(a.lastLoginAt) : s.school.never}</td>
                <td>{props.changeable.includes(a.accountId) ? <StatusButton base={`${base}/${a.accountId}`} disabled={a.status === 'disabled'} name={a.displayName} csrfToken={props.context.csrfToken} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormFrame action={base} legend={t.legend} submit={t.submit} errors={props.form ? [{ fieldId: null, message: props.form.error }] : []} csrfToken={props.context.csrfToken} id="aanstellen">
        <TextField form="aanstellen" name="displayName" label={s.school.name} value={props.form?.displayName} required autocomplete="name" />
        <InputField form="aanstellen" name="email" label={s.school.email} type="email" autocomplete="email" value={props.form?.email} />
      </FormFrame>
    </Layout>
  );
};

export interface OperatorAccountsPageProps {
  context: PageContext;
  email: string;
  staff: StaffAccountRow | null;
  parent: ParentAccountRow | null;
  boards: Array<{ id: number; name: string }>;
  notice?: string;
}

export const OperatorAccountsPage = (props: OperatorAccountsPageProps) => {
  const t = s.operatorAccounts;
  const searched = props.email !== '';
  return (
    <Layout title={t.title} context={props.context}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{t.intro}</p>
      <form method="get" action="/beheer/accounts" role="search">
        <InputField form="zoeken" name="email" label={s.school.email} type="email" autocomplete="off" value={props.email} />
        <button type="submit">{t.submit}</button>
      </form>
      {searched && !props.staff && !props.parent ? <p>{t.nothing}</p> : null}
      {props.staff ? (
        <section aria-labelledby="medewerker-kop">
          <h2 id="medewerker-kop">{t.staffHeading}</h2>
          <p>
            {props.staff.displayName} ({props.staff.email}) – {s.status[props.staff.status]}
          </p>
          <StatusButton base={`/beheer/accounts/medewerkers/${props.staff.id}`} disabled={props.staff.status === 'disabled'} name={props.staff.displayName} csrfToken={props.context.csrfToken} />
        </section>
      ) : null}
      {props.parent ? (
        <section aria-labelledby="ouder-kop">
          <h2 id="ouder-kop">{t.parentHeading}</h2>
          <p>
            {props.parent.email} – {t.parentStatus[props.parent.status]}
          </p>
          <StatusButton base={`/beheer/accounts/ouders/${props.parent.id}`} disabled={props.parent.status === 'disabled'} name={props.parent.email} csrfToken={props.context.csrfToken} />
        </section>
      ) : null}
      <section aria-labelledby="besturen-kop">
        <h2 id="besturen-kop">{t.boardsHeading}</h2>
        <ul>
          {props.boards.map((b) => (
            <li>
              <a href={`/beheer/besturen/${b.id}/beheerders`}>{b.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
};
