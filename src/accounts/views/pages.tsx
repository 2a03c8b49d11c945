/** The sign-in page (staff form and the operator's login links) and the link confirmation step. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice } from '../../http/forms.js';
import { accountTexts as t } from './texts.js';
import { staffTexts as s } from './staff-texts.js';
import { InputField } from './staff-fields.js';

export const SignInPage = (props: { context: PageContext; signedOut: boolean; email?: string; error?: string; notice?: string }) => (
  <Layout title={t.signIn.title} context={props.context}>
    {props.signedOut ? <Notice message={t.signIn.signedOut} /> : null}
    {props.notice ? <Notice message={props.notice} /> : null}
    {props.context.actor ? <p>{t.signIn.alreadySignedIn(props.context.actor.label)}</p> : null}
    <FormFrame action="/inloggen" legend={s.signIn.legend} submit={s.signIn.button} errors={props.error ? [{ fieldId: null, message: props.error }] : []} csrfToken={props.context.csrfToken} id="inloggen">
      <InputField form="inloggen" name="email" label={s.signIn.email} type="email" autocomplete="username" value={props.email} />
      <InputField form="inloggen" name="password" label={s.signIn.password} type="password" autocomplete="current-password" />
    </FormFrame>
    <p>
      <a href="/wachtwoord-vergeten">{s.signIn.forgot}</a>
    </p>
    <h2>{s.signIn.operatorHeading}</h2>
    <p>{t.signIn.intro}</p>
    <p>{t.signIn.howTo}</p>
    <pre>
      <code>{t.signIn.command}</code>
    </pre>
    <p>{t.signIn.validity}</p>
  </Layout>
);

export const ConfirmLinkPage = (props: { context: PageContext; action: string }) => (
  <Layout title={t.confirm.title} context={props.context}>
    <p class="lead">{t.confirm.intro}</p>
    <p>{t.confirm.why}</p>
    <form method="post" action={props.action}>
      <CsrfField token={props.context.csrfToken} />
      <button type="submit">{t.confirm.button}</button>
    </form>
  </Layout>
);

export const TotpStepPage = (props: { context: PageContext; error?: string }) => (
  <Layout title={s.totp.title} context={props.context}>
    <p class="lead">{s.totp.intro}</p>
    <FormFrame action="/inloggen/code" legend={s.totp.title} submit={s.totp.button} errors={props.error ? [{ fieldId: null, message: props.error }] : []} csrfToken={props.context.csrfToken} id="code">
      <InputField form="code" name="code" label={s.totp.code} type="text" autocomplete="one-time-code" inputmode="numeric" />
    </FormFrame>
  </Layout>
);

export const ForgotPasswordPage = (props: { context: PageContext; sent: boolean }) => (
  <Layout title={s.forgot.title} context={props.context}>
    {props.sent ? <Notice message={s.forgot.sent} /> : null}
    <p class="lead">{s.forgot.intro}</p>
    <FormFrame action="/wachtwoord-vergeten" legend={s.forgot.legend} submit={s.forgot.button} errors={[]} csrfToken={props.context.csrfToken} id="vergeten">
      <InputField form="vergeten" name="email" label={s.signIn.email} type="email" autocomplete="username" />
    </FormFrame>
  </Layout>
);

export const SetPasswordPage = (props: { context: PageContext; purpose: 'activation' | 'reset'; action: string; error?: string }) => (
  <Layout title={props.purpose === 'activation' ? s.setPassword.activateTitle : s.setPassword.resetTitle} context={props.context}>
    <FormFrame action={props.action} legend={s.setPassword.legend} submit={s.setPassword.button} errors={props.error ? [{ fieldId: 'wachtwoord-password', message: props.error }] : []} csrfToken={props.context.csrfToken} id="wachtwoord">
      <InputField form="wachtwoord" name="password" label={s.setPassword.password} type="password" autocomplete="new-password" hint={s.setPassword.hint} error={props.error} />
    </FormFrame>
  </Layout>
);
