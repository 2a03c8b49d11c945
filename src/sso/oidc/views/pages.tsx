/** Pages of the OpenID provider: the school chooser, logout, and protocol errors shown to people. */
import { Layout, type PageContext } from '../../../http/layout.js';
import { renderDocument } from '../../../http/page.js';
import { ErrorPage } from '../../../http/error-page.js';
import { AppError } from '../../../lib/errors.js';
import { oidcTexts as t } from './texts.js';

const anonymous: PageContext = { actor: null, csrfToken: '' };

export const ChooseSchoolPage = (props: { context: PageContext; uid: string; schools: Array<{ id: number; name: string }> }) => (
  <Layout title={t.chooseSchool.title} context={props.context}>
    <p>{t.chooseSchool.intro}</p>
    <ul class="choices">
      {props.schools.map((school) => (
        <li>
          <a href={`/oidc/interaction/${encodeURIComponent(props.uid)}?school=${school.id}`}>{school.name}</a>
        </li>
      ))}
    </ul>
  </Layout>
);

/**
 * oidc-provider's logout confirmation: `form` is its own hidden form (with its xsrf token and
 * id "op.logoutForm"); our buttons submit it, "logout=yes" ends the session.
 */
export function logoutPage(form: string, client: string | null): Promise<string> {
  return renderDocument(
    <Layout title={t.logout.title} context={anonymous}>
      <div dangerouslySetInnerHTML={{ __html: form }} />
      <p>{t.logout.question(client)}</p>
      <p>
        <button type="submit" form="op.logoutForm" name="logout" value="yes">
          {t.logout.yes}
        </button>{' '}
        <button type="submit" form="op.logoutForm" class="secondary">
          {t.logout.no}
        </button>
      </p>
    </Layout>,
  );
}

export function loggedOutPage(client: string | null): Promise<string> {
  return renderDocument(
    <Layout title={t.loggedOut.title} context={anonymous}>
      <p>{t.loggedOut.body(client)}</p>
      <p>
        <a href="/">{t.loggedOut.back}</a>
      </p>
    </Layout>,
  );
}

export function protocolErrorPage(out: { error: string; error_description?: string }): Promise<string> {
  return renderDocument(
    <Layout title={t.error.title} context={anonymous}>
      <p class="lead">{t.error.body}</p>
      <p>
        {t.error.code}: <code>{out.error}</code>
        {out.error_description ? <> – {out.error_description}</> : null}
      </p>
      <p>
        <a href="/">{t.error.back}</a>
      </p>
    </Layout>,
  );
}

/** PostgreSQL or Redis out of reach during a protocol request: the same Dutch "try again" page as elsewhere. */
export function unavailablePage(): Promise<string> {
  return renderDocument(ErrorPage({ error: new AppError('service.unavailable'), context: anonymous }));
}
