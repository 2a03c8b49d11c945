/** Pages of the SAML IdP and the launch route: the auto-posted response, the school choice, the operator list. */
import { Layout, type PageContext } from '../../../http/layout.js';
import { CsrfField, FormFrame, Notice, SelectField, TextField } from '../../../http/forms.js';
import { DataTable } from '../../../http/table.js';
import type { PostForm } from '../deps.js';
import type { ServiceProvider } from '../store.js';

/**
 * Carries the signed response to the SP (SAML Bindings §3.5.4). The script (a file of our
 * own, so the CSP needs no 'unsafe-inline') submits it at once; without JavaScript the person
 * presses the button.
 */
export const AutoPostPage = (props: { context: PageContext; form: PostForm; target: string }) => (
  <Layout title={`Verder naar ${props.target}`} context={props.context}>
    <form method="post" action={props.form.action} id="saml-autopost">
      {Object.entries(props.form.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <p>U wordt doorgestuurd naar {props.target}. Gebeurt er niets? Druk dan op de knop.</p>
      <button type="submit">Verder naar {props.target}</button>
    </form>
    <script src="/saml/autopost.js"></script>
  </Layout>
);

/**
 * One step of single logout (single-logout.ts) by HTTP-Redirect: the script (our own file) goes
 * to the SP at once; this page stays in the history, so coming back to it moves the chain on.
 */
export const LogoutStepPage = (props: { context: PageContext; target: string; href: string }) => (
  <Layout title="Uitloggen bij de lesmethodes" context={props.context}>
    <p>U bent uitgelogd bij Leerpoort. Nu wordt u ook uitgelogd bij {props.target}.</p>
    <p>
      <a id="saml-slo-next" href={props.href}>
        Verder naar {props.target}
      </a>
    </p>
    <script src="/saml/slo/keten.js"></script>
  </Layout>
);

/** An SP did not answer its LogoutRequest: the person goes on (by the button, or by itself after a few seconds). */
export const LogoutWaitingPage = (props: { context: PageContext; target: string; skip: string }) => (
  <Layout title="Uitloggen bij de lesmethodes" context={props.context}>
    <p>U bent uitgelogd bij Leerpoort. {props.target} heeft het uitloggen niet bevestigd; sluit de browser als u zeker wilt zijn dat u daar ook bent uitgelogd.</p>
    <p>
      <a id="saml-slo-skip" class="button" href={props.skip}>
        Verder
      </a>
    </p>
    <script src="/saml/slo/keten.js"></script>
  </Layout>
);

export const ChooseSchoolPage = (props: { context: PageContext; target: string; schools: Array<{ id: number; name: string; href: string }> }) => (
  <Layout title="Voor welke school logt u in?" context={props.context}>
    <p class="lead">U werkt bij meer dan één school. Kies de school waarvoor u {props.target} opent.</p>
    <ul>
      {props.schools.map((school) => (
        <li>
          <a href={school.href}>{school.name}</a>
        </li>
      ))}
    </ul>
  </Layout>
);

const PROFILE_LABEL: Record<string, string> = { minimal: 'minimaal', standard: 'standaard', with_eck: 'met ECK iD' };

export const ServiceProvidersPage = (props: {
  context: PageContext;
  providers: Array<ServiceProvider & { publisherName: string }>;
  metadataUrl: string;
  notice?: string;
  error?: string;
  values?: { publisher?: string; profile?: string; metadata?: string };
}) => (
  <Layout title="SAML-koppelingen" context={props.context} crumbs={[{ href: '/beheer', label: 'Beheer' }]}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <p>
      Leerpoort is de SAML-identity provider voor lesmethodes. Uitgeverijen halen onze metadata op bij <code>{props.metadataUrl}</code>.
    </p>
    <DataTable
      caption="Aangemelde service providers"
      columns={[{ label: 'entityID' }, { label: 'Uitgeverij' }, { label: 'Antwoordadres (ACS)' }, { label: 'Uitloggen (SLO)' }, { label: 'Verzoek ondertekend' }, { label: 'Profiel' }]}
      rows={props.providers}
      empty="Er zijn nog geen SAML-koppelingen aangemeld."
      row={(sp) => (
        <tr>
          <td>{sp.entityId}</td>
          <td>{sp.publisherName}</td>
          <td>{sp.acsUrls.join(', ')}</td>
          <td>{sp.sloUrl ?? '—'}</td>
          <td>{sp.authnRequestsSigned ? 'verplicht' : 'nee'}</td>
          <td>{PROFILE_LABEL[sp.profile] ?? sp.profile}</td>
        </tr>
      )}
    />
    <FormFrame action="/beheer/saml" legend="Lesmethode aanmelden met haar SP-metadata" submit="Aanmelden" errors={props.error ? [{ fieldId: null, message: props.error }] : []} csrfToken={props.context.csrfToken} id="saml-sp">
      <TextField form="saml-sp" name="publisher" label="Uitgeverij (code)" value={props.values?.publisher} required />
      <SelectField
        form="saml-sp"
        name="profile"
        label="Gegevensprofiel"
        required
        placeholder="Kies een profiel"
        value={props.values?.profile}
        options={[
          { value: 'minimal', label: 'minimaal (pseudoniem, rol, BRIN)' },
          { value: 'standard', label: 'standaard (+ voornaam, groep, leerjaar)' },
          { value: 'with_eck', label: 'met ECK iD' },
        ]}
      />
      <div class="field">
        <label for="saml-sp-metadata">SP-metadata (XML)</label>
        <textarea id="saml-sp-metadata" name="metadata" rows={10} cols={80}>
          {props.values?.metadata ?? ''}
        </textarea>
      </div>
    </FormFrame>
    <form method="post" action="/beheer/saml/sleutel">
      <CsrfField token={props.context.csrfToken} />
      <p>Een nieuwe ondertekeningssleutel maken: het oude certificaat blijft 30 dagen in de metadata staan.</p>
      <button type="submit">Nieuwe sleutel maken</button>
    </form>
  </Layout>
);
