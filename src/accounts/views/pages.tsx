/** The sign-in pages: how to get a login link, and the confirmation step of a link. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, Notice } from '../../http/forms.js';
import { accountTexts as t } from './texts.js';

export const SignInPage = (props: { context: PageContext; signedOut: boolean }) => (
  <Layout title={t.signIn.title} context={props.context}>
    {props.signedOut ? <Notice message={t.signIn.signedOut} /> : null}
    {props.context.actor ? (
      <p>
        {t.signIn.alreadySignedIn(props.context.actor.label)} <a href="/beheer">{t.signIn.toOperator}</a>
      </p>
    ) : null}
    <p class="lead">{t.signIn.intro}</p>
    <p>{t.signIn.howTo}</p>
    <pre>
      <code>{t.signIn.command}</code>
    </pre>
    <p>{t.signIn.validity}</p>
    <p>{t.signIn.staffLater}</p>
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
