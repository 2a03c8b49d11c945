/** The operator's outbox: the week's messages, and one message with its links clickable. */
import { Layout, type PageContext } from '../../http/layout.js';
import { formatDateTime } from '../../http/format.js';
import { DataTable } from '../../http/table.js';
import type { MailTransport } from '../../db/index.js';
import type { MailSummary, StoredMail } from '../store.js';
import { mailTexts as t } from './texts.js';

export const OUTBOX_PATH = '/beheer/uitgaande-post';

const crumbs = [{ href: '/beheer', label: t.crumbs.operator }];

const ModeNote = (props: { transport: MailTransport; retentionDays: number }) => (
  <div class="notice" role="note">
    {props.transport === 'outbox' ? (
      <>
        <p>{t.noSmtp}</p>
        <p>{t.noSmtpHow}</p>
      </>
    ) : (
      <p>{t.withSmtp}</p>
    )}
    <p>{t.retention(props.retentionDays)}</p>
  </div>
);

function deliveryLabel(message: MailSummary): string {
  return message.error ? `${t.transport[message.transport]}: ${t.failed}` : t.transport[message.transport];
}

export const OutboxListPage = (props: { context: PageContext; transport: MailTransport; retentionDays: number; messages: MailSummary[] }) => (
  <Layout title={t.list.title} context={props.context} crumbs={crumbs}>
    <ModeNote transport={props.transport} retentionDays={props.retentionDays} />
    <DataTable
      caption={t.list.caption}
      empty={t.list.empty}
      columns={[{ label: t.columns.when }, { label: t.columns.to }, { label: t.columns.subject }, { label: t.columns.purpose }, { label: t.columns.transport }]}
      rows={props.messages}
      row={(message) => (
        <tr>
          <td>{formatDateTime(message.createdAt)}</td>
          <td>{message.to}</td>
          <th scope="row">
            <a href={`${OUTBOX_PATH}/${message.id}`}>{message.subject}</a>
          </th>
          <td>
            <code>{message.purpose}</code>
          </td>
          <td>{deliveryLabel(message)}</td>
        </tr>
      )}
    />
  </Layout>
);

/** http(s) links in plain text; trailing punctuation belongs to the sentence, not the link. */
const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/** One line of the text, with its links as anchors (hono/jsx escapes the rest). */
function linkified(line: string) {
  const parts: Array<string | ReturnType<typeof LinkAnchor>> = [];
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    parts.push(line.slice(last, match.index), <LinkAnchor url={match[0]} />);
    last = match.index + match[0].length;
  }
  parts.push(line.slice(last));
  return parts;
}

const LinkAnchor = (props: { url: string }) => <a href={props.url}>{props.url}</a>;

/** The text version, paragraph by paragraph, keeping its line breaks. */
const MailBody = (props: { text: string }) => (
  <>
    {props.text
      .split(/\n\s*\n/)
      .filter((block) => block.trim() !== '')
      .map((block) => (
        <p>{block.split('\n').flatMap((line, index) => (index === 0 ? linkified(line) : [<br />, ...linkified(line)]))}</p>
      ))}
  </>
);

export const OutboxMessagePage = (props: { context: PageContext; transport: MailTransport; retentionDays: number; message: StoredMail }) => {
  const { message } = props;
  return (
    <Layout title={t.detail.title(message.subject)} context={props.context} crumbs={[...crumbs, { href: OUTBOX_PATH, label: t.crumbs.outbox }]}>
      <ModeNote transport={props.transport} retentionDays={props.retentionDays} />
      <table>
        <caption>{t.detail.caption}</caption>
        <tbody>
          <tr>
            <th scope="row">{t.columns.to}</th>
            <td>{message.to}</td>
          </tr>
          <tr>
            <th scope="row">{t.columns.subject}</th>
            <td>{message.subject}</td>
          </tr>
          <tr>
            <th scope="row">{t.columns.purpose}</th>
            <td>
              <code>{message.purpose}</code>
            </td>
          </tr>
          <tr>
            <th scope="row">{t.columns.when}</th>
            <td>{formatDateTime(message.createdAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t.columns.transport}</th>
            <td>{deliveryLabel(message)}</td>
          </tr>
          {message.sentAt ? (
            <tr>
              <th scope="row">{t.columns.sentAt}</th>
              <td>{formatDateTime(message.sentAt)}</td>
            </tr>
          ) : null}
          {message.error ? (
            <tr>
              <th scope="row">{t.columns.error}</th>
              <td>{message.error}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <section aria-labelledby="berichttekst">
        <h2 id="berichttekst">{t.detail.body}</h2>
        {message.text === null ? <p>{t.detail.bodyNotKept}</p> : <MailBody text={message.text} />}
      </section>
      <p>
        <a href={OUTBOX_PATH}>{t.detail.back}</a>
      </p>
    </Layout>
  );
};
