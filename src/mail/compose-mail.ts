/**
 * One plain look for every message (activation, password reset, parent invitation): a
 * greeting, short paragraphs and at most one action link, as text and as simple HTML.
 * The link is also written out in full, because some mail programs hide styled links.
 */

export interface MailContent {
  /** First line, e.g. "Beste Fatima,". */
  greeting: string;
  paragraphs: readonly string[];
  /** The one thing the reader should do; the URL must be absolute http(s). */
  action?: { label: string; url: string };
  /** Closing line; defaults to saying the message was sent automatically. */
  footer?: string;
}

export interface ComposedMail {
  text: string;
  html: string;
}

export const DEFAULT_MAIL_FOOTER = 'Dit bericht is automatisch verstuurd door Leerpoort.';
const COPY_LINK_HINT = 'Werkt de knop niet? Kopieer dan deze link naar de adresbalk van uw browser:';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** A link in a mail must open a web page: no javascript:, data: or relative URLs. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`composeMail: action url is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError('composeMail: action url must use http or https');
  return parsed.href;
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#ffffff;color:#1b1b1b;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  button: 'display:inline-block;padding:12px 20px;background:#1a4f8b;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold',
  small: 'font-size:14px;color:#4a4a4a',
};

export function composeMail(content: MailContent): ComposedMail {
  const footer = content.footer ?? DEFAULT_MAIL_FOOTER;
  const url = content.action ? checkedUrl(content.action.url) : null;

  const textParts = [content.greeting, ...content.paragraphs];
  if (content.action && url) textParts.push(`${content.action.label}:\n${url}`);
  textParts.push(`-- \n${footer}`);

  const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
  const htmlParts = [paragraph(content.greeting), ...content.paragraphs.map(paragraph)];
  if (content.action && url) {
    const href = escapeHtml(url);
    htmlParts.push(
      `<p><a href="${href}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="${STYLE.small}">${escapeHtml(COPY_LINK_HINT)}<br>${href}</p>`,
    );
  }
  htmlParts.push(`<p style="${STYLE.small}">${escapeHtml(footer)}</p>`);

  return {
    text: `${textParts.join('\n\n')}\n`,
    html: [
      '<!DOCTYPE html>',
      '<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
      `<body style="${STYLE.body}">`,
      ...htmlParts,
      '</body></html>',
    ].join('\n'),
  };
}
