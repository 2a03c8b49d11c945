/** `/beheer/oidc-clients`: the publishers' OpenID Connect clients, and the form to add one. */
import { FormFrame, SelectField, TextField, fieldId, type FormError } from '../../../http/forms.js';
import { Layout, type PageContext } from '../../../http/layout.js';
import { DataTable } from '../../../http/table.js';
import type { AppError } from '../../../lib/errors.js';
import type { OidcClientInfo } from '../clients.js';
import { oidcTexts } from './texts.js';

const t = oidcTexts.clients;
const crumbs = [{ href: '/beheer', label: oidcTexts.crumbs.operator }];

export type ClientFormValues = Record<string, string>;

const errorFields: Record<string, string> = {
  'sso.publisher_not_found': 'publisher',
  'sso.profile_invalid': 'profile',
  'sso.client_uri_invalid': 'redirectUris',
  'sso.client_redirect_required': 'redirectUris',
  'sso.client_hosts_differ': 'redirectUris',
};

const TextArea = (props: { form: string; name: string; label: string; hint: string; value?: string; error?: string; required?: boolean }) => {
  const id = fieldId(props.form, props.name);
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <textarea id={id} name={props.name} rows={3} cols={60} required={props.required} aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`} aria-invalid={props.error ? 'true' : undefined}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
};

export const ClientsPage = (props: { context: PageContext; clients: OidcClientInfo[]; publishers: Array<{ slug: string; name: string }>; values: ClientFormValues; error: AppError | null }) => {
  const form = 'client';
  const field = props.error ? (errorFields[props.error.code] ?? null) : null;
  const summary: FormError[] = props.error ? [{ fieldId: field ? fieldId(form, field) : null, message: props.error.message }] : [];
  const byField = (name: string) => (field === name ? props.error?.message : undefined);
  const v = props.values;
  return (
    <Layout title={t.title} context={props.context} crumbs={crumbs}>
      <DataTable
        caption={t.caption}
        empty={t.empty}
        columns={[{ label: t.columns.publisher }, { label: t.columns.clientId }, { label: t.columns.profile }, { label: t.columns.redirects }, { label: t.columns.backchannel }]}
        rows={props.clients}
        row={(c) => (
          <tr>
            <td>{c.publisherName}</td>
            <th scope="row">
              <code>{c.clientId}</code>
            </th>
            <td>{t.profiles[c.profile]}</td>
            <td>{c.redirectUris.join(' ')}</td>
            <td>{c.backchannelLogoutUri ?? '–'}</td>
          </tr>
        )}
      />
      {props.publishers.length === 0 ? (
        <p>{t.form.noPublishers}</p>
      ) : (
        <FormFrame action="/beheer/oidc-clients" id="client-toevoegen" legend={t.form.legend} submit={t.form.submit} errors={summary} csrfToken={props.context.csrfToken}>
          <SelectField form={form} name="publisher" label={t.form.publisher} placeholder={t.form.publisherPlaceholder} options={props.publishers.map((p) => ({ value: p.slug, label: p.name }))} value={v.publisher} error={byField('publisher')} required />
          <TextArea form={form} name="redirectUris" label={t.form.redirectUris} hint={t.form.redirectHint} value={v.redirectUris} error={byField('redirectUris')} required />
          <TextArea form={form} name="postLogoutRedirectUris" label={t.form.postLogout} hint={t.form.postLogoutHint} value={v.postLogoutRedirectUris} />
          <TextField form={form} name="backchannelLogoutUri" label={t.form.backchannel} value={v.backchannelLogoutUri} size={60} />
          <SelectField form={form} name="profile" label={t.form.profile} placeholder={t.form.profilePlaceholder} options={Object.entries(t.profiles).map(([value, label]) => ({ value, label }))} value={v.profile} error={byField('profile')} required />
        </FormFrame>
      )}
    </Layout>
  );
};

export const ClientCreatedPage = (props: { context: PageContext; clientId: string; clientSecret: string; issuer: string }) => (
  <Layout title={t.created.title} context={props.context} crumbs={crumbs}>
    <p>{t.created.intro}</p>
    <dl>
      <dt>{t.created.clientId}</dt>
      <dd>
        <code>{props.clientId}</code>
      </dd>
      <dt>{t.created.secret}</dt>
      <dd>
        <code>{props.clientSecret}</code>
      </dd>
      <dt>{t.created.issuer}</dt>
      <dd>
        <code>{props.issuer}</code>
      </dd>
    </dl>
    <p>
      <a href="/beheer/oidc-clients">{t.created.back}</a>
    </p>
  </Layout>
);
