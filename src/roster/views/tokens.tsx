/** LAS tokens: the list with revoke buttons, the create form, and the page that shows a new token once. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, TextField, fieldId } from '../../http/forms.js';
import { formatDateTime } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import type { School } from '../../organisations/index.js';
import type { LasTokenInfo } from '../types.js';
import { schoolCrumbs, schoolPath } from './shared.js';
import { rosterTexts as t } from './texts.js';

export interface TokenFormState {
  label: string;
  error: string | null;
}

const TokenRow = (props: { schoolId: number; token: LasTokenInfo; csrfToken: string }) => {
  const { token } = props;
  return (
    <tr>
      <th scope="row">{token.label}</th>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t.tokens.never}</td>
      <td>{token.revokedAt ? t.tokens.revoked(formatDateTime(token.revokedAt)) : t.tokens.active}</td>
      <td>
        {token.revokedAt ? null : (
          <form method="post" action={`${schoolPath(props.schoolId)}/las-sleutels/${token.id}/intrekken`} class="inline">
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="secondary" aria-label={t.tokens.revokeLabel(token.label)}>
              {t.tokens.revoke}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
};

export const LasTokens = (props: { schoolId: number; tokens: LasTokenInfo[]; form: TokenFormState; csrfToken: string }) => {
  const form = 'las-sleutel';
  return (
    <section aria-labelledby="las-sleutels">
      <h2 id="las-sleutels">{t.tokens.heading}</h2>
      <p>{t.tokens.intro}</p>
      <DataTable
        caption={t.tokens.heading}
        empty={t.tokens.empty}
        columns={[{ label: t.tokens.label }, { label: t.tokens.created }, { label: t.tokens.lastUsed }, { label: t.tokens.state }, { label: t.tokens.revoke, visuallyHidden: true }]}
        rows={props.tokens}
        row={(token) => <TokenRow schoolId={props.schoolId} token={token} csrfToken={props.csrfToken} />}
      />
      <FormFrame
        action={`${schoolPath(props.schoolId)}/las-sleutels`}
        legend={t.tokens.createLegend}
        submit={t.tokens.createSubmit}
        errors={props.form.error ? [{ fieldId: fieldId(form, 'label'), message: props.form.error }] : []}
        csrfToken={props.csrfToken}
      >
        <TextField form={form} name="label" label={t.tokens.createLabel} hint={t.tokens.createHint} value={props.form.label} error={props.form.error ?? undefined} required maxlength={64} size={30} />
      </FormFrame>
    </section>
  );
};

export const TokenCreatedPage = (props: { context: PageContext; school: School; token: string; pushUrl: string }) => (
  <Layout title={t.tokenCreated.title} context={props.context} crumbs={schoolCrumbs(props.school, props.context.actor)}>
    <div class="warning" role="status">
      <p>{t.tokenCreated.once}</p>
    </div>
    <h2>{t.tokenCreated.token}</h2>
    <p class="secret">{props.token}</p>
    <p>{t.tokenCreated.how}</p>
    <dl class="facts">
      <dt>{t.tokenCreated.url}</dt>
      <dd>
        <code>{`POST ${props.pushUrl}`}</code>
      </dd>
    </dl>
    <h2>{t.tokenCreated.example}</h2>
    <pre>
      <code>{`curl --fail-with-body -X POST \\\n  -H "Authorization: Bearer ${props.token}" \\\n  -H "Content-Type: application/xml" \\\n  --data-binary @export.xml \\\n  ${props.pushUrl}`}</code>
    </pre>
    <p>{t.tokenCreated.lost}</p>
    <p>
      <a href={schoolPath(props.school.id)}>{t.tokenCreated.back}</a>
    </p>
  </Layout>
);
