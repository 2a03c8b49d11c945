/** The parents' pages: request a home login, sign in, passwords, and the children page. */
import { Layout, type PageContext } from '../../../http/layout.js';
import { CsrfField, ErrorSummary, FormFrame, Notice } from '../../../http/forms.js';
import { InputField } from '../staff-fields.js';
import { parentTexts as t } from './texts.js';

const errorsOf = (error?: string) => (error ? [{ fieldId: null, message: error }] : []);

export const ParentStartPage = (props: { context: PageContext; requested: boolean; email?: string; error?: string }) => (
  <Layout title={t.home.title} context={props.context}>
    {props.requested ? <Notice message={t.home.requested} /> : null}
    <p class="lead">{t.home.intro}</p>
    <FormFrame action="/thuis/aanvragen" legend={t.home.requestLegend} submit={t.home.requestButton} errors={errorsOf(props.error)} csrfToken={props.context.csrfToken} id="aanvragen">
      <InputField form="aanvragen" name="email" label={t.signIn.email} type="email" autocomplete="email" value={props.email} />
    </FormFrame>
    <h2>{t.home.haveAccount}</h2>
    <p>
      <a href="/thuis/inloggen">{t.home.signInLink}</a>
    </p>
  </Layout>
);

export const ParentSignInPage = (props: { context: PageContext; signedOut: boolean; email?: string; error?: string }) => (
  <Layout title={t.signIn.title} context={props.context}>
    {props.signedOut ? <Notice message={t.signIn.signedOut} /> : null}
    <FormFrame action="/thuis/inloggen" legend={t.signIn.legend} submit={t.signIn.button} errors={errorsOf(props.error)} csrfToken={props.context.csrfToken} id="thuis-inloggen">
      <InputField form="thuis-inloggen" name="email" label={t.signIn.email} type="email" autocomplete="username" value={props.email} />
      <InputField form="thuis-inloggen" name="password" label={t.signIn.password} type="password" autocomplete="current-password" />
    </FormFrame>
    <p>
      <a href="/thuis/wachtwoord-vergeten">{t.signIn.forgot}</a>
    </p>
    <p>
      <a href="/thuis">{t.signIn.noAccount}</a>
    </p>
  </Layout>
);

export const ParentForgotPage = (props: { context: PageContext; sent: boolean }) => (
  <Layout title={t.forgot.title} context={props.context}>
    {props.sent ? <Notice message={t.forgot.sent} /> : null}
    <p class="lead">{t.forgot.intro}</p>
    <FormFrame action="/thuis/wachtwoord-vergeten" legend={t.forgot.title} submit={t.forgot.button} errors={[]} csrfToken={props.context.csrfToken} id="thuis-vergeten">
      <InputField form="thuis-vergeten" name="email" label={t.signIn.email} type="email" autocomplete="username" />
    </FormFrame>
  </Layout>
);

export const ParentPasswordPage = (props: { context: PageContext; purpose: 'activation' | 'reset'; action: string; error?: string }) => (
  <Layout title={props.purpose === 'activation' ? t.password.activateTitle : t.password.resetTitle} context={props.context}>
    <FormFrame action={props.action} legend={t.password.legend} submit={t.password.button} errors={props.error ? [{ fieldId: 'thuis-wachtwoord-password', message: props.error }] : []} csrfToken={props.context.csrfToken} id="thuis-wachtwoord">
      <InputField form="thuis-wachtwoord" name="password" label={t.password.label} type="password" autocomplete="new-password" hint={t.password.hint} error={props.error} />
    </FormFrame>
  </Layout>
);

export interface ChildRow {
  pupilId: number;
  name: string;
  schoolName: string;
  openable: boolean;
}

export interface SchoolChoice {
  id: number;
  name: string;
  city: string | null;
}

export interface LinkFormState {
  query: string;
  results: SchoolChoice[] | null;
  school: SchoolChoice | null;
  firstName?: string;
  error?: string;
}

const PostButton = (props: { action: string; label: string; csrfToken: string }) => (
  <form method="post" action={props.action} class="inline-form">
    <CsrfField token={props.csrfToken} />
    <button type="submit">{props.label}</button>
  </form>
);

const LinkChildSection = (props: { csrfToken: string; link: LinkFormState }) => {
  const { link } = props;
  return (
    <section aria-labelledby="koppelen">
      <h2 id="koppelen">{t.link.heading}</h2>
      <p>{t.link.intro}</p>
      {link.school ? (
        <>
          <FormFrame action="/thuis/kind-koppelen" legend={t.link.legend(link.school.name)} submit={t.link.button} errors={errorsOf(link.error)} csrfToken={props.csrfToken} id="koppelen-form">
            <input type="hidden" name="school" value={String(link.school.id)} />
            <InputField form="koppelen-form" name="roepnaam" label={t.link.firstName} type="text" autocomplete="off" value={link.firstName} />
            <InputField form="koppelen-form" name="pincode" label={t.link.pincode} type="password" autocomplete="off" inputmode="numeric" hint={t.link.pincodeHint} />
          </FormFrame>
          <p>
            <a href="/thuis">{t.link.otherSchool}</a>
          </p>
        </>
      ) : (
        <>
          <form method="get" action="/thuis" role="search">
            <label for="school-zoeken">{t.link.search}</label> <input type="search" id="school-zoeken" name="q" value={link.query} maxlength={100} /> <button type="submit">{t.link.searchButton}</button>
          </form>
          {link.results && link.results.length === 0 ? <p>{t.link.noResults}</p> : null}
          {link.results && link.results.length > 0 ? (
            <ul>
              {link.results.map((s) => (
                <li>
                  <a href={`/thuis?school=${s.id}`}>{`${s.name}${s.city ? `, ${s.city}` : ''}`}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
};

export const ParentChildrenPage = (props: { context: PageContext; linked: ChildRow[]; notice?: string; error?: string; link: LinkFormState }) => (
  <Layout title={t.children.title} context={props.context}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <ErrorSummary errors={errorsOf(props.error)} />
    {props.linked.length === 0 ? <p>{t.children.none}</p> : <p>{t.children.openHint}</p>}
    <ul class="children">
      {props.linked.map((child) => (
        <li>
          <strong>{child.name}</strong> — {child.schoolName}{' '}
          {child.openable ? <PostButton action={`/thuis/kinderen/${child.pupilId}/openen`} label={t.children.open(child.name)} csrfToken={props.context.csrfToken} /> : <span>{t.children.homeOff}</span>}{' '}
          <PostButton action={`/thuis/kinderen/${child.pupilId}/ontkoppelen`} label={t.children.unlink} csrfToken={props.context.csrfToken} />
        </li>
      ))}
    </ul>
    <LinkChildSection csrfToken={props.context.csrfToken} link={props.link} />
    <PostButton action="/thuis/uitloggen" label={t.children.signOut} csrfToken={props.context.csrfToken} />
  </Layout>
);
