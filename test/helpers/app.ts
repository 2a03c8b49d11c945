/**
 * Boots the real Leerpoort app (same composition as `leerpoort serve`) on a test database,
 * and a small cookie-keeping "browser" that fills in CSRF tokens the way a form would, so
 * tests go through exactly what a person goes through.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { composeCapabilities, type Capabilities } from '../../src/compose.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { Db } from '../../src/db/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { openTestDatabase, uniqueBoardNumber, uniqueSchoolCode, type TestDatabase } from './databases.js';
import type { School } from '../../src/organisations/index.js';

/** A clock tests can move forward, e.g. past a login link's expiry. */
export interface TestClock extends Clock {
  advance(minutes: number): void;
}

export function createTestClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (minutes) => {
      offsetMs += minutes * 60_000;
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  capabilities: Capabilities;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

export async function buildTestApp(test: TestDatabase, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: test.url, PUBLIC_URL: 'http://leerpoort.test', ...env });
  const db = await openTestDatabase(test);
  const clock = createTestClock();
  const capabilities = composeCapabilities({ config, db, clock });
  const app = await buildApp({ config, db, clock, capabilities });
  await app.ready();
  return {
    app,
    db,
    capabilities,
    config,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A board and school with a random BRIN, retried on the rare collision with another test. */
export async function createTestSchool(capabilities: Capabilities, name = 'Basisschool De Regenboog'): Promise<School> {
  const board = await capabilities.organisations.addBoard('test', { number: uniqueBoardNumber(), name: 'Stichting Testonderwijs' });
  for (let attempt = 0; ; attempt++) {
    const code = uniqueSchoolCode();
    try {
      return await capabilities.organisations.addSchool('test', { boardNumber: board.number, brin: code.brin, locationCode: code.locationCode, name });
    } catch (error) {
      if ((error as { code?: string }).code !== 'organisations.school_exists' || attempt > 5) throw error;
    }
  }
}

const CSRF_PATTERN = /name="_csrf" value="([^"]+)"/;

/** Keeps cookies between requests and remembers the CSRF token of the last page it saw. */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;
  /** Every HTML page this browser received, to check what people can (not) see. */
  readonly pages: string[] = [];

  constructor(private readonly app: FastifyInstance) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as Array<{ name: string; value: string; expires?: Date }>) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if (String(response.headers['content-type']).startsWith('text/html')) this.pages.push(response.body);
    const token = CSRF_PATTERN.exec(response.body);
    if (token) this.csrfToken = token[1];
    return response;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form like a browser would, with the CSRF token of the last page unless told otherwise. */
  async post(url: string, fields: Record<string, string> = {}, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(fields);
    if ((options.csrf ?? true) && this.csrfToken) body.set('_csrf', this.csrfToken);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** Uploads one file in a multipart form, with the CSRF token as the form's hidden field. */
  async upload(url: string, field: string, file: { name: string; content: Buffer }): Promise<LightMyRequestResponse> {
    const boundary = `----leerpoort${Date.now().toString(16)}`;
    const parts: Buffer[] = [];
    if (this.csrfToken) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${this.csrfToken}\r\n`));
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/xml\r\n\r\n`));
    parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat(parts),
      }),
    );
  }
}

/** Signs in as the platform operator the way a person does: login link, confirm page, button. */
export async function signInAsOperator(t: TestApp, label = 'Testbeheer'): Promise<TestBrowser> {
  const browser = new TestBrowser(t.app);
  const link = await t.capabilities.operatorAccess.issueLoginLink(label);
  const confirm = await browser.get(link.path);
  if (confirm.statusCode !== 200) throw new Error(`login link page answered ${confirm.statusCode}`);
  const done = await browser.post(link.path);
  if (done.statusCode !== 303) throw new Error(`login link POST answered ${done.statusCode}: ${done.body}`);
  return browser;
}
