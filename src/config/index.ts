/**
 * The one place that reads the environment. Every setting is parsed once, validated,
 * frozen and injected; nothing else in the code base touches `process.env`.
 * Development defaults are allowed but announced loudly (see `warnings`), and refused
 * outright when LEERPOORT_ENV=production.
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** Base URL people use to reach this instance; used in printed links. */
  readonly publicUrl: string;
  /** Secret for signing cookies (CSRF, session). */
  readonly cookieSecret: string;
  readonly logLevel: string;
  readonly import: {
    /** Largest EDEXML file accepted, in bytes. */
    readonly maxBytes: number;
    /** Share of a school's active pupils an import may deactivate before it is held (0..1). */
    readonly guardShare: number;
  };
  readonly sessionTtlMinutes: number;
  /** Lifetime of a session started on a shared device (class iPad, Chromebook cart). */
  readonly sessionSharedDeviceTtlMinutes: number;
  /** Redis for sessions (REDIS_URL); null keeps sessions in the database. */
  readonly redisUrl: string | null;
  /** Staff sign-in throttle: failures per e-mail address and per IP address in one window. */
  readonly staffLogin: { readonly maxFailuresPerAccount: number; readonly maxFailuresPerIp: number; readonly windowMinutes: number };
  /**
   * Key-encryption key (SECRET_KEY): signing keys, client secrets and TOTP secrets are stored
   * encrypted under it (lib/secret-box.ts).
   */
  readonly secretKey: string;
  /**
   * The key before SECRET_KEY during a rotation (SECRET_KEY_PREVIOUS): values still sealed under
   * it keep opening until `leerpoort secrets reseal` has moved them; null outside a rotation.
   */
  readonly secretKeyPrevious: string | null;
  /**
   * Key for the per-publisher pseudonyms (PSEUDONYM_KEY): OIDC pairwise `sub`, SAML NameID and
   * partner ids are derived from it (sso/pseudonyms.ts). Changing it changes every pseudonym.
   */
  readonly pseudonymKey: string;
  /** Pupil login: key for the keyed hashes of picture codes, pincodes and card tokens, and the attempt limits. */
  readonly pupilLogin: PupilLoginConfig;
  /** Trust X-Forwarded-For from the proxy in front (Fastify `trustProxy`); false means the socket address. */
  readonly trustProxy: boolean | string;
  /** E-mail: SMTP server (null: messages go to the outbox in the web UI) and the sender. */
  readonly mail: MailConfig;
  /** ECK iD requests: the hPGN salt (ECKID_HPGN_SALT, base64) and how many hashes run at once. */
  readonly eckidRequests: EckidRequestConfig;
  /** Run background job workers in this process (JOB_WORKERS=on|off; default on, off in tests). */
  readonly jobWorkers: boolean;
  /** The Nummervoorziening SOAP service: endpoint, the OIN Leerpoort sends as wsa:From, mutual-TLS files. */
  readonly nummervoorziening: NummervoorzieningConfig;
  /** Messages for the operator about unsafe defaults in use. */
  readonly warnings: readonly string[];
}

export interface EckidRequestConfig {
  /** Base64 salt of the Nummervoorziening environment; null in production when not set (requests refused). */
  readonly hpgnSalt: string | null;
  /** True when the public test environment's salt is used because none was set. */
  readonly hpgnSaltIsTestDefault: boolean;
  /** hPGN hashes computed at once (ECKID_HPGN_CONCURRENCY); each takes ~2 s CPU and 128 MiB. */
  readonly hpgnConcurrency: number;
}

/** The Nummervoorziening's public test environment salt (not a secret). */
const TEST_ENVIRONMENT_HPGN_SALT = 'rktYml0MIp9TC9u6Ny6uqw==';

function jobWorkersSetting(env: Env, mode: Config['env']): boolean {
  const raw = (env.JOB_WORKERS ?? '').trim();
  if (raw === '') return mode !== 'test';
  if (raw !== 'on' && raw !== 'off') throw new ConfigError(`JOB_WORKERS moet on of off zijn (nu: "${raw}").`);
  return raw === 'on';
}

function eckidRequestSettings(env: Env, mode: Config['env'], warnings: string[]): EckidRequestConfig {
  const hpgnConcurrency = intSetting(env, 'ECKID_HPGN_CONCURRENCY', Math.max(1, os.availableParallelism()), 1, 64);
  const raw = (env.ECKID_HPGN_SALT ?? '').trim();
  if (raw) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || raw.length % 4 !== 0 || Buffer.from(raw, 'base64').length < 8) {
      throw new ConfigError('ECKID_HPGN_SALT moet de salt van de Nummervoorziening in base64 zijn (minstens 8 bytes).');
    }
    return Object.freeze({ hpgnSalt: raw, hpgnSaltIsTestDefault: false, hpgnConcurrency });
  }
  if (mode === 'production') {
    warnings.push("ECKID_HPGN_SALT is niet gezet: Leerpoort vraagt GEEN ECK iD's aan bij de Nummervoorziening. Zet de productiesalt (base64) die u van de Nummervoorziening krijgt.");
    return Object.freeze({ hpgnSalt: null, hpgnSaltIsTestDefault: false, hpgnConcurrency });
  }
  warnings.push("ECKID_HPGN_SALT is niet gezet: hPGN's worden berekend met de openbare salt van de testomgeving van de Nummervoorziening. Zet ECKID_HPGN_SALT voor elk echt gebruik.");
  return Object.freeze({ hpgnSalt: TEST_ENVIRONMENT_HPGN_SALT, hpgnSaltIsTestDefault: true, hpgnConcurrency });
}

export interface NummervoorzieningConfig {
  /** NUMMERVOORZIENING_URL; null: not connected (requests are refused with a clear message). */
  readonly url: string | null;
  /** NUMMERVOORZIENING_OIN: 20 digits, the OIN of the board (or school) that has the agreement. */
  readonly oin: string | null;
  /** PEM files for mutual TLS: NUMMERVOORZIENING_CERT, NUMMERVOORZIENING_KEY, NUMMERVOORZIENING_CA. */
  readonly certPath: string | null;
  readonly keyPath: string | null;
  readonly caPath: string | null;
}

function nummervoorzieningSettings(env: Env, mode: Config['env']): NummervoorzieningConfig {
  const url = (env.NUMMERVOORZIENING_URL ?? '').trim() || null;
  if (url !== null) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'https:' && !(protocol === 'http:' && mode !== 'production')) {
      throw new ConfigError(`NUMMERVOORZIENING_URL moet een https-adres zijn, bijvoorbeeld https://service.ketenid.nl/eck/ws/201703 (nu: "${url}").`);
    }
  }
  const oin = (env.NUMMERVOORZIENING_OIN ?? '').trim() || null;
  if (oin !== null && !/^[0-9]{20}$/.test(oin)) throw new ConfigError(`NUMMERVOORZIENING_OIN moet een OIN van 20 cijfers zijn (nu: "${oin}").`);
  const file = (name: string) => (env[name] ?? '').trim() || null;
  return Object.freeze({ url, oin, certPath: file('NUMMERVOORZIENING_CERT'), keyPath: file('NUMMERVOORZIENING_KEY'), caPath: file('NUMMERVOORZIENING_CA') });
}

export interface PupilLoginConfig {
  readonly secretKey: string;
  readonly maxFailuresPerPupil: number;
  readonly lockMinutes: number;
  readonly maxFailuresPerDevice: number;
  readonly deviceWindowMinutes: number;
  readonly maxAttemptsPerIpPerMinute: number;
}

const DEV_PUPIL_SECRET_KEY = 'dev-only-pupil-secret-key-change-me-0123456789';

const DEV_COOKIE_SECRET = 'dev-only-cookie-secret-change-me-0123456789';
const DEV_SECRET_KEY = 'dev-only-key-encryption-key-change-me-0123456789';
const DEV_PSEUDONYM_KEY = 'dev-only-pseudonym-key-change-me-0123456789';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} moet een geheel getal tussen ${min} en ${max} zijn (nu: "${raw}").`);
  }
  return value;
}

function shareSetting(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ConfigError(`${name} moet een getal tussen 0 en 1 zijn (nu: "${raw}").`);
  }
  return value;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` or `smtps://…`; null when no mail server is set. */
  readonly smtpUrl: string | null;
  /** The From header, e.g. `Leerpoort <noreply@school.nl>`. */
  readonly from: string;
}

const DEFAULT_MAIL_FROM = 'Leerpoort <noreply@localhost>';
/** `Name <address>` or a bare address; no line breaks (they would inject headers). */
const MAIL_FROM_PATTERN = /^(?:[^<>\r\n@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

function mailSettings(env: Env, mode: Config['env'], warnings: string[]): MailConfig {
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null) {
    let protocol = '';
    try {
      protocol = new URL(smtpUrl).protocol;
    } catch {
      // reported below, without echoing a value that may hold a password
    }
    if (protocol !== 'smtp:' && protocol !== 'smtps:') {
      throw new ConfigError('SMTP_URL moet beginnen met smtp:// of smtps://, bijvoorbeeld smtp://gebruiker:wachtwoord@mail.example.nl:587.');
    }
  }
  const from = (env.MAIL_FROM ?? '').trim();
  if (from && !MAIL_FROM_PATTERN.test(from)) {
    throw new ConfigError(`MAIL_FROM moet een e-mailadres zijn, eventueel met naam: Leerpoort <noreply@school.nl> (nu: "${from}").`);
  }
  if (mode === 'production' && smtpUrl !== null && !from) {
    throw new ConfigError('MAIL_FROM ontbreekt: met een mailserver (SMTP_URL) is in productie een eigen afzender verplicht, bijvoorbeeld Leerpoort <noreply@school.nl>.');
  }
  if (mode === 'production' && smtpUrl === null) {
    warnings.push('SMTP_URL is niet gezet: Leerpoort verstuurt geen e-mail. Activatie-, herstel- en uitnodigingsberichten blijven in de uitgaande post (/beheer/uitgaande-post).');
  }
  return Object.freeze({ smtpUrl, from: from || DEFAULT_MAIL_FROM });
}

function redisSetting(env: Env): string | null {
  const url = env.REDIS_URL || null;
  if (url === null) return null;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below, without echoing a value that may hold a password
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new ConfigError('REDIS_URL moet beginnen met redis:// of rediss://, bijvoorbeeld redis://127.0.0.1:6379.');
  return url;
}

/**
 * A secret of at least 32 characters. Without it a public development default is used and
 * announced; in production that is refused.
 */
function secretSetting(env: Env, name: string, mode: string, warnings: string[], dev: { devDefault: string; warning: string }): string {
  const value = env[name] ?? '';
  if (!value) {
    if (mode === 'production') throw new ConfigError(`${name} ontbreekt: in productie is een eigen geheim van minstens 32 tekens verplicht.`);
    warnings.push(dev.warning);
    return dev.devDefault;
  }
  if (value.length < 32) throw new ConfigError(`${name} moet minstens 32 tekens lang zijn.`);
  return value;
}

/** SECRET_KEY_PREVIOUS: optional, as long as a secret, and announced while set (a rotation is not finished). */
function previousSecretSetting(env: Env, secretKey: string, warnings: string[]): string | null {
  const value = env.SECRET_KEY_PREVIOUS ?? '';
  if (!value) return null;
  if (value.length < 32) throw new ConfigError('SECRET_KEY_PREVIOUS moet minstens 32 tekens lang zijn.');
  if (value === secretKey) {
    warnings.push('SECRET_KEY_PREVIOUS is gelijk aan SECRET_KEY: er wordt niets geroteerd. Zet de nieuwe sleutel in SECRET_KEY en de oude in SECRET_KEY_PREVIOUS.');
    return null;
  }
  warnings.push('SECRET_KEY_PREVIOUS is gezet: de sleutelwissel is nog niet af. Voer leerpoort secrets reseal uit en haal SECRET_KEY_PREVIOUS daarna weg (zie docs/operations.md).');
  return value;
}

/** The process environment with some settings replaced (the demo points Leerpoort at its sandbox Nummervoorziening this way). */
export function environmentWith(overrides: Record<string, string>): Env {
  return { ...process.env, ...overrides };
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const mode = env.LEERPOORT_ENV ?? (env.NODE_ENV === 'test' ? 'test' : 'development');
  if (mode !== 'development' && mode !== 'production' && mode !== 'test') {
    throw new ConfigError(`LEERPOORT_ENV moet development, production of test zijn (nu: "${mode}").`);
  }
  const warnings: string[] = [];
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(cwd, 'data', 'leerpoort.sqlite')}`;
  const port = intSetting(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/+$/, '');

  const cookieSecret = secretSetting(env, 'COOKIE_SECRET', mode, warnings, {
    devDefault: DEV_COOKIE_SECRET,
    warning: 'COOKIE_SECRET is niet gezet: er wordt een openbaar ontwikkelgeheim gebruikt. Zet COOKIE_SECRET voor elk echt gebruik.',
  });
  const pupilSecretKey = secretSetting(env, 'PUPIL_SECRET_KEY', mode, warnings, {
    devDefault: DEV_PUPIL_SECRET_KEY,
    warning: 'PUPIL_SECRET_KEY is niet gezet: plaatjescodes, pincodes en inlogkaarten worden met een openbaar ontwikkelgeheim beveiligd. Zet PUPIL_SECRET_KEY voor elk echt gebruik.',
  });
  const secretKey = secretSetting(env, 'SECRET_KEY', mode, warnings, {
    devDefault: DEV_SECRET_KEY,
    warning: 'SECRET_KEY is niet gezet: sleutels en geheimen worden versleuteld met een openbaar ontwikkelgeheim. Zet SECRET_KEY voor elk echt gebruik.',
  });
  const secretKeyPrevious = previousSecretSetting(env, secretKey, warnings);
  const pseudonymKey = secretSetting(env, 'PSEUDONYM_KEY', mode, warnings, {
    devDefault: DEV_PSEUDONYM_KEY,
    warning: 'PSEUDONYM_KEY is niet gezet: pseudoniemen voor uitgeverijen worden met een openbaar ontwikkelgeheim afgeleid. Zet PSEUDONYM_KEY voor elk echt gebruik (en wijzig hem daarna nooit meer).',
  });
  const trustProxyRaw = env.TRUST_PROXY ?? '';
  const trustProxy = trustProxyRaw === '' || trustProxyRaw === 'false' ? false : trustProxyRaw === 'true' ? true : trustProxyRaw;

  return Object.freeze({
    env: mode,
    databaseUrl,
    host,
    port,
    publicUrl,
    cookieSecret,
    secretKey,
    secretKeyPrevious,
    pseudonymKey,
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    import: Object.freeze({
      maxBytes: intSetting(env, 'IMPORT_MAX_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      guardShare: shareSetting(env, 'IMPORT_GUARD_SHARE', 0.3),
    }),
    sessionTtlMinutes: intSetting(env, 'SESSION_TTL_MINUTES', 8 * 60, 1, 60 * 24 * 30),
    sessionSharedDeviceTtlMinutes: intSetting(env, 'SESSION_SHARED_DEVICE_TTL_MINUTES', 60, 1, 24 * 60),
    redisUrl: redisSetting(env),
    staffLogin: Object.freeze({
      maxFailuresPerAccount: intSetting(env, 'STAFF_LOGIN_MAX_FAILURES', 10, 1, 1000),
      maxFailuresPerIp: intSetting(env, 'STAFF_LOGIN_IP_MAX_FAILURES', 100, 1, 1_000_000),
      windowMinutes: intSetting(env, 'STAFF_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    }),
    pupilLogin: Object.freeze({
      secretKey: pupilSecretKey,
      maxFailuresPerPupil: intSetting(env, 'PUPIL_MAX_FAILURES', 5, 1, 100),
      lockMinutes: intSetting(env, 'PUPIL_LOCK_MINUTES', 5, 1, 24 * 60),
      maxFailuresPerDevice: intSetting(env, 'PUPIL_DEVICE_MAX_FAILURES', 20, 1, 10_000),
      deviceWindowMinutes: intSetting(env, 'PUPIL_DEVICE_WINDOW_MINUTES', 10, 1, 24 * 60),
      maxAttemptsPerIpPerMinute: intSetting(env, 'PUPIL_IP_MAX_PER_MINUTE', 600, 1, 1_000_000),
    }),
    trustProxy,
    mail: mailSettings(env, mode, warnings), // before `warnings` is frozen: it may add one
    eckidRequests: eckidRequestSettings(env, mode, warnings), // before `warnings` is frozen too
    jobWorkers: jobWorkersSetting(env, mode),
    nummervoorziening: nummervoorzieningSettings(env, mode),
    warnings: Object.freeze(warnings),
  });
}
