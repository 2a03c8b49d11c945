/**
 * A real SMTP server on 127.0.0.1 (smtp-server), whose messages are parsed with mailparser,
 * so tests send mail exactly as production does and follow the links a person would click.
 *
 *   const smtp = await startTestSmtpServer();              // smtp.url → SMTP_URL
 *   const mail = await smtp.waitForMessage('juf@school.nl');
 *   const [activationLink] = linksIn(mail);
 *
 * `waitForMessage` hands out each (message, recipient) once, oldest first, so a test that
 * expects a second mail to the same address gets the second one, not the first again.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  /** SMTP envelope (MAIL FROM / RCPT TO), lowercased. */
  envelope: { from: string; to: string[] };
  /** The From header as written, e.g. `Leerpoort <noreply@localhost>`. */
  from: string;
  /** Addresses in the To header. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: ParsedMail['headers'];
  /** The user name the client signed in with, or null without AUTH. */
  authenticatedUser: string | null;
}

export interface TestSmtpServer {
  /** `smtp://[user:pass@]127.0.0.1:<port>`, ready for SMTP_URL. */
  url: string;
  port: number;
  /** Every message received, in arrival order. */
  readonly received: readonly ReceivedMail[];
  /** The oldest not yet claimed message to `to` (case-insensitive), waiting for it if needed. */
  waitForMessage(to: string, options?: { timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

interface Waiter {
  to: string;
  resolve(mail: ReceivedMail): void;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? '')).filter(Boolean);
}

function toReceived(parsed: ParsedMail, envelope: ReceivedMail['envelope'], user: string | null): ReceivedMail {
  return {
    envelope,
    from: parsed.from?.text ?? '',
    to: addressesOf(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || null,
    headers: parsed.headers,
    authenticatedUser: user,
  };
}

/** Starts the server; with `user`/`password`, AUTH is required and checked. */
export async function startTestSmtpServer(options: { user?: string; password?: string } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const unclaimed: Array<{ to: string; mail: ReceivedMail }> = [];
  const waiters: Waiter[] = [];

  function deliver(mail: ReceivedMail): void {
    received.push(mail);
    for (const to of mail.envelope.to) {
      const index = waiters.findIndex((waiter) => waiter.to === to);
      if (index >= 0) waiters.splice(index, 1)[0].resolve(mail);
      else unclaimed.push({ to, mail });
    }
  }

  const server = new SMTPServer({
    logger: false,
    // Plain TCP on loopback: no STARTTLS (its self-signed certificate would be refused), so AUTH must be allowed without TLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.user === undefined,
    onAuth(auth, _session, callback) {
      if (options.user !== undefined && (auth.username !== options.user || auth.password !== options.password)) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
      };
      const user = typeof session.user === 'string' ? session.user : null;
      simpleParser(stream).then(
        (parsed) => {
          deliver(toReceived(parsed, envelope, user));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as net.AddressInfo).port;
  const credentials = options.user === undefined ? '' : `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? '')}@`;

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    received,
    waitForMessage(to, { timeoutMs = 5000 } = {}) {
      const wanted = to.toLowerCase();
      const index = unclaimed.findIndex((entry) => entry.to === wanted);
      if (index >= 0) return Promise.resolve(unclaimed.splice(index, 1)[0].mail);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter: Waiter = {
          to: wanted,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const seen = received.map((mail) => `${mail.envelope.to.join(',')}: ${mail.subject}`).join('; ') || 'nothing';
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const LINK = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
const HREF = /href="([^"]+)"/g;

function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The http(s) links in a message, in order of appearance and each once: from the text and
 * from the HTML's hrefs. Works on received mail and on outbox rows alike.
 */
export function linksIn(message: { text?: string | null; html?: string | null | false }): string[] {
  const links = [...(message.text ?? '').matchAll(LINK)].map((match) => match[0]);
  if (message.html) links.push(...[...message.html.matchAll(HREF)].map((match) => unescapeHtml(match[1])).filter((href) => /^https?:\/\//.test(href)));
  return [...new Set(links)];
}

/** An SMTP URL nobody listens on: a port that was free a moment ago. */
export async function closedSmtpUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}
