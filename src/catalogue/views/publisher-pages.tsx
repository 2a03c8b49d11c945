/** The operator's pages for publishers, their products and their shortcut targets. */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, SelectField, TextField, type FormError } from '../../http/forms.js';
import { DataTable } from '../../http/table.js';
import type { AppError } from '../../lib/errors.js';
import type { Product, Publisher } from '../types.js';
import type { ShortcutTarget } from '../shortcuts.js';
import { catalogueTexts } from './texts.js';

const t = catalogueTexts;

export interface FormState {
  values: Record<string, string>;
  error: AppError | null;
}

export const emptyForm: FormState = { values: {}, error: null };

const summary = (state: FormState): FormError[] => (state.error ? [{ fieldId: null, message: state.error.message }] : []);

export const PublishersPage = (props: { context: PageContext; publishers: Array<Publisher & { productCount: number }>; form: FormState; notice: string | null }) => (
  <Layout title={t.publishers.title} context={props.context} crumbs={[{ href: '/beheer', label: 'Beheer' }]}>
    {props.notice ? <Notice message={props.notice} /> : null}
    <DataTable
      caption={t.publishers.caption}
      columns={[{ label: t.publishers.name }, { label: t.publishers.slug }, { label: t.publishers.products, numeric: true }]}
      rows={props.publishers}
      empty={t.publishers.none}
      row={(p) => (
        <tr>
          <td>
            <a href={`/beheer/uitgeverijen/${p.id}`}>{p.name}</a>
          </td>
          <td>{p.slug}</td>
          <td class="number">{p.productCount}</td>
        </tr>
      )}
    />
    <FormFrame action="/beheer/uitgeverijen" id="uitgeverij-toevoegen" legend={t.publishers.addLegend} submit={t.publishers.addSubmit} errors={summary(props.form)} csrfToken={props.context.csrfToken}>
      <TextField form="uitgeverij" name="slug" label={t.publishers.slug} hint={t.publishers.slugHint} value={props.form.values.slug} required maxlength={40} size={20} />
      <TextField form="uitgeverij" name="name" label={t.publishers.name} value={props.form.values.name} required maxlength={200} size={40} />
    </FormFrame>
    <h2>{t.publishers.licencesHeading}</h2>
    <form method="get" action="/beheer/licenties">
      <label for="licenties-school">{t.publishers.licencesSchool}</label>{' '}
      <input id="licenties-school" name="school" type="text" inputmode="text" maxlength={6} size={8} autocomplete="off" required />{' '}
      <button type="submit">{t.publishers.licencesOpen}</button>
    </form>
  </Layout>
);

export const PublisherPage = (props: {
  context: PageContext;
  publisher: Publisher;
  products: Product[];
  targets: ShortcutTarget[];
  productForm: FormState;
  targetForm: FormState;
  notice: string | null;
}) => {
  const p = t.publisher;
  const v = props.productForm.values;
  const base = `/beheer/uitgeverijen/${props.publisher.id}`;
  return (
    <Layout title={p.title(props.publisher.name)} context={props.context} crumbs={[{ href: '/beheer', label: 'Beheer' }, { href: '/beheer/uitgeverijen', label: t.publishers.title }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <DataTable
        caption={p.productsCaption}
        columns={[{ label: p.productName }, { label: p.code }, { label: p.protocol }, { label: p.launchUrl }, { label: p.tags }]}
        rows={props.products}
        empty={p.noProducts}
        row={(product) => (
          <tr>
            <td>{product.name}</td>
            <td>{product.code}</td>
            <td>{product.protocol === 'saml' ? `SAML (${product.samlEntityId ?? ''})` : 'OpenID Connect'}</td>
            <td>{product.launchUrl}</td>
            <td>{product.tags.join(', ')}</td>
          </tr>
        )}
      />
      <FormFrame action={`${base}/producten`} id="product-toevoegen" legend={p.addProductLegend} submit={p.addProductSubmit} errors={summary(props.productForm)} csrfToken={props.context.csrfToken}>
        <TextField form="product" name="code" label={p.code} value={v.code} required maxlength={60} size={20} />
        <TextField form="product" name="name" label={p.productName} value={v.name} required maxlength={200} size={40} />
        <TextField form="product" name="launchUrl" label={p.launchUrl} hint={p.launchUrlHint} value={v.launchUrl} required maxlength={2000} size={60} />
        <SelectField form="product" name="protocol" label={p.protocol} options={[{ value: 'oidc', label: 'OpenID Connect' }, { value: 'saml', label: 'SAML 2.0' }]} placeholder="Kies een protocol" value={v.protocol} required />
        <TextField form="product" name="samlEntityId" label={p.samlEntityId} value={v.samlEntityId} maxlength={500} size={60} />
        <TextField form="product" name="iconUrl" label={p.iconUrl} value={v.iconUrl} maxlength={2000} size={60} />
        <div class="field">
          <input type="checkbox" id="product-teacher" name="leerkrachtApplicatie" value="1" checked={v.leerkrachtApplicatie === '1'} /> <label for="product-teacher">{p.teacherTag}</label>
        </div>
        <div class="field">
          <input type="checkbox" id="product-test" name="toetsApplicatie" value="1" checked={v.toetsApplicatie === '1'} /> <label for="product-test">{p.testTag}</label>
        </div>
      </FormFrame>

      <h2>{p.targetsTitle}</h2>
      <p>{p.targetsIntro}</p>
      <DataTable
        caption={p.targetsCaption}
        columns={[{ label: p.targetUrl }, { label: p.removeTarget, visuallyHidden: true }]}
        rows={props.targets}
        empty={p.targetsNone}
        row={(target) => (
          <tr>
            <td>{target.url}</td>
            <td>
              <form method="post" action={`${base}/snelkoppelingen/${target.id}/verwijderen`} class="inline">
                <CsrfField token={props.context.csrfToken} />
                <button type="submit" class="secondary" aria-label={`${p.removeTarget}: ${target.url}`}>
                  {p.removeTarget}
                </button>
              </form>
            </td>
          </tr>
        )}
      />
      <FormFrame action={`${base}/snelkoppelingen`} id="doeladres-toevoegen" legend={p.addTargetLegend} submit={p.addTargetSubmit} errors={summary(props.targetForm)} csrfToken={props.context.csrfToken}>
        <TextField form="doeladres" name="url" label={p.targetUrl} value={props.targetForm.values.url} required maxlength={2000} size={60} />
      </FormFrame>
    </Layout>
  );
};
