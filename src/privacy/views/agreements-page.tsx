/** `/beheer/verwerkersovereenkomsten`: the operator records, changes and ends agreements; boards see theirs (read-only). */
import { Layout, type PageContext } from '../../http/layout.js';
import { CsrfField, FormFrame, Notice, SelectField, TextField } from '../../http/forms.js';
import { formatDate } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import { SHARING_PROFILES } from '../../sso/index.js';
import type { Agreement } from '../types.js';
import { privacyTexts, profileLabels } from './texts.js';

const t = privacyTexts.agreements;

export const AgreementsTable = (props: {
  agreements: Agreement[];
  boardName: (id: number) => string;
  publisherName: (id: number) => string;
  /** The operator's end button (POST target per agreement), or null for read-only views. */
  endAction: ((a: Agreement) => string) | null;
  csrfToken: string;
}) => {
  const c = t.columns;
  return (
    <DataTable
      caption={t.heading}
      empty={t.none}
      columns={[{ label: c.board }, { label: c.publisher }, { label: c.profile }, { label: c.reference }, { label: c.signedOn }, { label: c.status }, { label: c.since }, ...(props.endAction ? [{ label: c.actions, visuallyHidden: true }] : [])]}
      rows={props.agreements}
      row={(a) => (
        <tr>
          <td>{props.boardName(a.boardId)}</td>
          <td>{props.publisherName(a.publisherId)}</td>
          <td>{profileLabels[a.profile]}</td>
          <td>{a.reference ?? '–'}</td>
          <td>{a.signedOn ? formatDate(`${a.signedOn}T12:00:00Z`) : '–'}</td>
          <td>{a.status === 'active' ? t.active : t.ended(formatDate(a.endedAt ?? a.updatedAt))}</td>
          <td>{formatDate(a.startedAt)}</td>
          {props.endAction ? (
            <td>
              {a.status === 'active' ? (
                <form method="post" action={props.endAction(a)} class="inline">
                  <CsrfField token={props.csrfToken} />
                  <button type="submit">{`${t.end}: ${props.boardName(a.boardId)} – ${props.publisherName(a.publisherId)}`}</button>
                </form>
              ) : null}
            </td>
          ) : null}
        </tr>
      )}
    />
  );
};

export interface AgreementsPageProps {
  context: PageContext;
  agreements: Agreement[];
  boards: Array<{ id: number; name: string; number: string }>;
  publishers: Array<{ id: number; name: string }>;
  notice: string | null;
  form: { board: string; publisher: string; profile: string; reference: string; signedOn: string; error: string | null };
}

export const AgreementsPage = (props: AgreementsPageProps) => {
  const boardName = (id: number) => {
    const board = props.boards.find((b) => b.id === id);
    return board ? `${board.name} (${board.number})` : `#${id}`;
  };
  const publisherName = (id: number) => props.publishers.find((p) => p.id === id)?.name ?? `#${id}`;
  const f = props.form;
  return (
    <Layout title={t.title} context={props.context} crumbs={[{ href: '/beheer', label: 'Beheer' }]}>
      {props.notice ? <Notice message={props.notice} /> : null}
      <p class="lead">{t.intro}</p>
      <AgreementsTable agreements={props.agreements} boardName={boardName} publisherName={publisherName} endAction={(a) => `/beheer/verwerkersovereenkomsten/${a.id}/beeindigen`} csrfToken={props.context.csrfToken} />
      <FormFrame action="/beheer/verwerkersovereenkomsten" legend={t.legend} submit={t.submit} errors={f.error ? [{ fieldId: null, message: f.error }] : []} csrfToken={props.context.csrfToken} id="overeenkomst">
        <SelectField form="overeenkomst" name="board" label={t.board} placeholder={t.boardPlaceholder} value={f.board} required options={props.boards.map((b) => ({ value: String(b.id), label: `${b.name} (${b.number})` }))} />
        <SelectField form="overeenkomst" name="publisher" label={t.publisher} placeholder={t.publisherPlaceholder} value={f.publisher} required options={props.publishers.map((p) => ({ value: String(p.id), label: p.name }))} />
        <SelectField form="overeenkomst" name="profile" label={t.profile} placeholder={t.profilePlaceholder} value={f.profile} required options={SHARING_PROFILES.map((p) => ({ value: p, label: profileLabels[p] }))} />
        <TextField form="overeenkomst" name="reference" label={t.reference} value={f.reference} maxlength={200} />
        <TextField form="overeenkomst" name="signedOn" label={t.signedOn} value={f.signedOn} maxlength={10} />
      </FormFrame>
    </Layout>
  );
};
