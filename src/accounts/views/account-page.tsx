/** The staff member's own account page: roles, schools, log out everywhere, two-factor codes. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import type { Actor } from '../actor.js';
import { staffTexts as s } from './staff-texts.js';
import { InputField } from './staff-fields.js';

export interface AccountPageProps {
  context: PageContext;
  actor: Extract<Actor, { kind: 'staff' }>;
  email: string;
  lastLoginAt: string | null;
  /** Every school where this person has a role; `manages` for ICT-coördinator and board admin. */
  schools: Array<{ id: number; name: string; manages: boolean }>;
  /** Boards whose admins this person may appoint (he is a board admin there). */
  boards: Array<{ id: number; name: string }>;
  totp: { available: boolean; enabled: boolean; setup: { secret: string; uri: string } | null };
  notice?: string;
  error?: string;
}

const TotpSection = (props: AccountPageProps) => {
  const { totp, context } = props;
  const errors = props.error ? [{ fieldId: null, message: props.error }] : [];
  if (!totp.available) return null;
  return (
    <section aria-labelledby="totp-kop">
      <h2 id="totp-kop">{s.account.totpHeading}</h2>
      {totp.enabled ? (
        <>
          <p>{s.account.totpOn}</p>
          <FormFrame action="/account/tweestapsverificatie/uitzetten" legend={s.account.totpDisable} submit={s.account.totpDisable} errors={errors} csrfToken={context.csrfToken} id="totp-uit">
            <InputField form="totp-uit" name="code" label={s.account.code} type="text" autocomplete="one-time-code" inputmode="numeric" />
          </FormFrame>
        </>
      ) : totp.setup ? (
        <>
          <p>{s.account.totpSetup}</p>
          <dl>
            <dt>{s.account.totpUri}</dt>
            <dd>
              <a href={totp.setup.uri}>
                <code>{totp.setup.uri}</code>
              </a>
            </dd>
            <dt>{s.account.totpSecret}</dt>
            <dd>
              <code>{totp.setup.secret}</code>
            </dd>
          </dl>
          <FormFrame action="/account/tweestapsverificatie/bevestigen" legend={s.account.totpConfirm} submit={s.account.totpConfirm} errors={errors} csrfToken={context.csrfToken} id="totp-aan">
            <InputField form="totp-aan" name="code" label={s.account.code} type="text" autocomplete="one-time-code" inputmode="numeric" />
          </FormFrame>
        </>
      ) : (
        <>
          <p>{s.account.totpOff}</p>
          <form method="post" action="/account/tweestapsverificatie">
            <CsrfField token={context.csrfToken} />
            <button type="submit">{s.account.totpStart}</button>
          </form>
        </>
      )}
    </section>
  );
};

export const AccountPage = (props: AccountPageProps) => (
  <Layout title={s.account.title} context={props.context}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <dl>
      <dt>{s.account.email}</dt>
      <dd>{props.email}</dd>
      <dt>{s.account.lastLogin}</dt>
      <dd>{props.lastLoginAt ? formatDateTime(props.lastLoginAt) : s.school.never}</dd>
      <dt>{s.account.roles}</dt>
      <dd>{[...new Set(props.actor.roles.map((r) => s.roles[r.role]))].join(', ')}</dd>
    </dl>
    {props.schools.length > 0 ? (
      <section aria-labelledby="scholen-kop">
        <h2 id="scholen-kop">{s.account.schools}</h2>
        <ul>
          {props.schools.map((school) => (
            <li>
              {school.manages ? <a href={`/beheer/scholen/${school.id}`}>{school.name}</a> : school.name}
              {' – '}
              <a href={`/beheer/scholen/${school.id}/groepen`}>{s.account.groups}</a>
              {school.manages ? [' – ', <a href={`/beheer/scholen/${school.id}/medewerkers`}>{s.school.title(school.name)}</a>] : null}
              {school.manages ? [' – ', <a href={`/beheer/scholen/${school.id}/eck-id`}>ECK iD-gereedheid</a>] : null}
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    {props.boards.length > 0 ? (
      <section aria-labelledby="besturen-kop">
        <h2 id="besturen-kop">{s.boardAdmins.linkFromAccount}</h2>
        <ul>
          {props.boards.map((board) => (
            <li>
              <a href={`/beheer/besturen/${board.id}/beheerders`}>{s.boardAdmins.title(board.name)}</a>
              {' – '}
              <a href={`/beheer/besturen/${board.id}/eck-id`}>{`ECK iD-gereedheid ${board.name}`}</a>
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    <TotpSection {...props} />
    <section aria-labelledby="sessies-kop">
      <h2 id="sessies-kop">{s.account.sessionsHeading}</h2>
      <p>{s.account.sessionsIntro}</p>
      <form method="post" action="/account/overal-uitloggen">
        <CsrfField token={props.context.csrfToken} />
        <button type="submit">{s.account.logoutEverywhere}</button>
      </form>
    </section>
  </Layout>
);
