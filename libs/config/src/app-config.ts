import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, EnvironmentVariables, PRODUCTION_SECRETS, validateEnvironment } from './environment';

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number; connectTimeoutMs: number }
  /** dir: a data directory on disk, or null for an in-memory cluster; template: a dumped data directory (.tar.gz) to start a new cluster from. */
  | { kind: 'embedded'; dir: string | null; template: string | null };

/**
 * concurrency: jobs at once per queue and process (mailConcurrency for the `mail` queue); attempts and backoffMs: the
 * retry policy of every job (exponential: backoffMs, 2 × backoffMs, …).
 */
interface JobSettings {
  prefix: string;
  concurrency: number;
  mailConcurrency: number;
  outboxPollMs: number;
  attempts: number;
  backoffMs: number;
}

export type QueueConfig =
  /** lockMs: how long a worker's claim on a running job lasts without renewal; a job whose worker died is taken up again after it. */
  ({ kind: 'redis'; url: string; lockMs: number } & JobSettings) | ({ kind: 'inline' } & JobSettings);

/**
 * linkSecret: signs the personal links in notification mails (unsubscribe, manage); digestHour: when daily digests go
 * out (Europe/Warsaw); fanoutChunk: recipients per fan-out transaction.
 */
export interface NotificationsConfig {
  linkSecret: string;
  digestHour: number;
  fanoutChunk: number;
}

/**
 * The city as the pages present it. Names set on the set-up page (stored in the database) take precedence over
 * cityName; everything else comes from here. brandColour has at least 4.5:1 contrast with white (checked at boot).
 */
export interface SiteConfig {
  cityName: { pl: string; en: string };
  shortName: string;
  /** Absolute path of an .svg or .png logo, or null. */
  logoFile: string | null;
  brandColour: string;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  dpoEmail: string | null;
  accessibility: { contactName: string | null; contactEmail: string | null; contactPhone: string | null; published: string | null; updated: string | null };
  /** How long a process keeps the home page's data (ms; 0 = read on every request). */
  homeCacheMs: number;
  /**
   * The pages' maps: the base map's tile URL template (Leaflet's `{s}`, `{z}`, `{x}`, `{y}`) and its attribution, or
   * null (markers only); `tileOrigin` is what the Content Security Policy allows images from (`{s}` as `*`).
   */
  map: { tileUrl: string | null; attribution: string | null; tileOrigin: string | null };
}

/**
 * Voting (docs/voting.md). email: how an e-mail address is folded into a voter key under the email_code method —
 * foldPlus drops a plus-tag (`ala+bo@` → `ala@`), foldDotsDomains are the providers that ignore dots in the local
 * part (`a.la@gmail.com` → `ala@gmail.com`). Like the secret, never changed while a vote is under way.
 * ipLimitPerMinute: ballot submissions (and, apart, code confirmations and resends) per client IP and minute in one
 * API process (0 = off); codesPerAddressPerHour: code mails to one folded address in any hour, counted in the
 * database (0 = off).
 */
export interface VotingConfig {
  voterKeySecret: string;
  email: { foldPlus: boolean; foldDotsDomains: string[] };
  ipLimitPerMinute: number;
  codesPerAddressPerHour: number;
}

/**
 * Operations (docs/operations.md). metricsToken: the Bearer token of /metrics (null = /metrics answers 404);
 * metricsPort: where a worker serves its own /metrics (null = none); shutdownDelayMs: how long a stopping API keeps
 * serving while /health/ready already answers 503 (time for a load balancer to notice); shutdownTimeoutMs: the bound
 * on a graceful stop, after which the process exits anyway.
 */
export interface OpsConfig {
  metricsToken: string | null;
  metricsPort: number | null;
  shutdownDelayMs: number;
  shutdownTimeoutMs: number;
}

export type MailConfig = { kind: 'smtp'; url: string; from: string } | { kind: 'file'; dir: string; from: string };

/** The whole configuration, typed and validated. Built once at boot from the environment (see loadConfig). */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly varDir!: string;
  /** trustProxy: whose X-Forwarded-For to believe (client IPs feed the rate limits); false unless behind a proxy. */
  readonly http!: { port: number; host: string; publicUrl: string; cookieSecure: boolean; trustProxy: boolean | number | string };
  readonly database!: DatabaseConfig;
  readonly queue!: QueueConfig;
  readonly mail!: MailConfig;
  /** cookieSecret: signs the flash-message and CSRF-secret cookies of the pages (derived from JWT_SECRET). */
  readonly auth!: { jwtSecret: string; cookieSecret: string; jwtTtlSeconds: number; throttleLimit: number; throttleTtlMs: number };
  readonly notifications!: NotificationsConfig;
  /** voterKeySecret: the HMAC key of voter keys (one person, one vote); rotating it during a vote breaks duplicate detection. */
  readonly voting!: VotingConfig;
  readonly log!: { level: string; pretty: boolean };
  readonly site!: SiteConfig;
  readonly ops!: OpsConfig;

  constructor(init: AppConfig) {
    Object.assign(this, init);
  }
}

interface StoredSecrets {
  JWT_SECRET?: string;
}

/** Loads ./var/secrets.json, generating and saving any missing secret (embedded / development mode only). */
function localSecrets(varDir: string): Required<StoredSecrets> {
  const file = join(varDir, 'secrets.json');
  const stored: StoredSecrets = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets) : {};
  let changed = false;
  for (const name of PRODUCTION_SECRETS) {
    if (!stored[name]) {
      stored[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  }
  return stored as Required<StoredSecrets>;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Contrast ratio of two #rrggbb colours (WCAG 2.1 relative luminance). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const DEFAULT_CITY_NAME = { pl: 'Civitas', en: 'Civitas' };
export const DEFAULT_BRAND_COLOUR = '#1d4f91';

function siteConfig(v: EnvironmentVariables, cwd: string): SiteConfig {
  const brandColour = (v.CITY_BRAND_COLOUR ?? DEFAULT_BRAND_COLOUR).toLowerCase();
  if (contrastRatio(brandColour, '#ffffff') < 4.5) {
    throw new ConfigError(
      `Invalid configuration:\n  CITY_BRAND_COLOUR: ${brandColour} is too light for white text on it (contrast ${contrastRatio(brandColour, '#ffffff').toFixed(2)}:1, at least 4.5:1 needed)`,
    );
  }
  const logoFile = v.CITY_LOGO ? resolve(cwd, v.CITY_LOGO) : null;
  if (logoFile && !existsSync(logoFile)) throw new ConfigError(`Invalid configuration:\n  CITY_LOGO: no file at ${logoFile}`);
  const pl = v.CITY_NAME?.trim() || DEFAULT_CITY_NAME.pl;
  return {
    cityName: { pl, en: v.CITY_NAME_EN?.trim() || (v.CITY_NAME ? pl : DEFAULT_CITY_NAME.en) },
    shortName: v.CITY_SHORT_NAME?.trim() || pl,
    logoFile,
    brandColour,
    contactEmail: v.CITY_CONTACT_EMAIL ?? null,
    contactPhone: v.CITY_CONTACT_PHONE ?? null,
    address: v.CITY_ADDRESS ?? null,
    dpoEmail: v.PRIVACY_DPO_EMAIL ?? null,
    accessibility: {
      contactName: v.ACCESSIBILITY_CONTACT_NAME ?? null,
      contactEmail: v.ACCESSIBILITY_CONTACT_EMAIL ?? v.CITY_CONTACT_EMAIL ?? null,
      contactPhone: v.ACCESSIBILITY_CONTACT_PHONE ?? v.CITY_CONTACT_PHONE ?? null,
      published: v.ACCESSIBILITY_PUBLISHED ?? null,
      updated: v.ACCESSIBILITY_UPDATED ?? null,
    },
    homeCacheMs: v.HOME_CACHE_MS ?? 5000,
    map: mapConfig(v),
  };
}

/** MAP_TILE_URL and MAP_TILE_ATTRIBUTION; the template's `{x}` and `{y}` are required as well as `{z}`. */
function mapConfig(v: EnvironmentVariables): SiteConfig['map'] {
  const tileUrl = v.MAP_TILE_URL?.trim() || null;
  if (!tileUrl) return { tileUrl: null, attribution: null, tileOrigin: null };
  if (!tileUrl.includes('{x}') || !tileUrl.includes('{y}')) {
    throw new ConfigError('Invalid configuration:\n  MAP_TILE_URL: the template needs {z}, {x} and {y}');
  }
  const url = new URL(tileUrl.replace(/\{s\}/g, 'subdomain-placeholder').replace(/\{[a-z]+\}/gi, '0'));
  const host = url.host.replace('subdomain-placeholder', '*');
  return { tileUrl, attribution: v.MAP_TILE_ATTRIBUTION?.trim() || null, tileOrigin: `${url.protocol}//${host}` };
}

/**
 * The voting section. Its variables are read here (not in EnvironmentVariables) and refused by name when wrong.
 * The voter-key secret is derived from JWT_SECRET unless given; never rotate it while a vote is under way.
 */
function votingConfig(env: Record<string, string | undefined>, voterKeySecret: string): VotingConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name] === undefined || env[name]!.trim() === '' ? undefined : env[name]!.trim());
  const int = (name: string, fallback: number, max: number) => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) > max) problems.push(`  ${name}: must be a whole number from 0 to ${max}`);
    return Number(raw);
  };
  const foldPlus = get('VOTING_EMAIL_FOLD_PLUS') ?? 'true';
  if (foldPlus !== 'true' && foldPlus !== 'false') problems.push('  VOTING_EMAIL_FOLD_PLUS: must be true or false');
  const domains = get('VOTING_EMAIL_FOLD_DOTS_DOMAINS') ?? 'gmail.com,googlemail.com';
  const foldDotsDomains =
    domains === 'none'
      ? []
      : domains
          .split(',')
          .map((d) => d.trim().toLowerCase())
          .filter(Boolean);
  if (foldDotsDomains.some((d) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)))
    problems.push('  VOTING_EMAIL_FOLD_DOTS_DOMAINS: a comma-separated list of domains (e.g. gmail.com,googlemail.com), or none');
  const config: VotingConfig = {
    voterKeySecret,
    email: { foldPlus: foldPlus === 'true', foldDotsDomains },
    ipLimitPerMinute: int('VOTING_IP_LIMIT_PER_MINUTE', 60, 1_000_000),
    codesPerAddressPerHour: int('VOTING_CODES_PER_ADDRESS_PER_HOUR', 6, 1000),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return config;
}

/** The operations section, read here (not in EnvironmentVariables) and refused by name when wrong. */
function opsConfig(env: Record<string, string | undefined>): OpsConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name] === undefined || env[name]!.trim() === '' ? undefined : env[name]!.trim());
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) problems.push(`  ${name}: must be a whole number from ${min} to ${max}`);
    return Number(raw);
  };
  const metricsToken = get('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && (metricsToken.length < 16 || !/^[\x21-\x7e]+$/.test(metricsToken)))
    problems.push('  METRICS_TOKEN: at least 16 printable characters without spaces');
  const config: OpsConfig = {
    metricsToken,
    metricsPort: get('METRICS_PORT') === undefined ? null : int('METRICS_PORT', 0, 1, 65535),
    shutdownDelayMs: int('SHUTDOWN_DELAY_MS', 0, 0, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 30_000, 1000, 3_600_000),
  };
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return config;
}

/**
 * Builds the configuration from environment variables. Throws ConfigError naming every bad or missing variable.
 * `cwd` anchors the relative default paths (./var).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  const v: EnvironmentVariables = validateEnvironment(env);
  const nodeEnv = v.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const varDir = resolve(cwd, v.VAR_DIR ?? 'var');

  let jwtSecret = v.JWT_SECRET;
  if (production) {
    const missing = PRODUCTION_SECRETS.filter((name) => !v[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Missing secrets in production (NODE_ENV=production): ${missing.join(', ')}. ` + `Set them in the environment; see README.md, "Production settings".`,
      );
    }
  } else if (!jwtSecret) {
    jwtSecret = localSecrets(varDir).JWT_SECRET;
  }

  const port = v.PORT ?? 3000;
  const embeddedDir = v.DATABASE_EMBEDDED_DIR ?? join(varDir, 'db');
  const prefix = v.QUEUE_PREFIX ?? 'civitas';
  const concurrency = v.WORKER_CONCURRENCY ?? 4;
  const jobs: JobSettings = {
    prefix,
    concurrency,
    mailConcurrency: v.MAIL_CONCURRENCY ?? 16,
    outboxPollMs: v.OUTBOX_POLL_MS ?? 1000,
    attempts: v.JOB_ATTEMPTS ?? 8,
    backoffMs: v.JOB_BACKOFF_MS ?? 2000,
  };
  const from = v.MAIL_FROM ?? 'Civitas <no-reply@civitas.localhost>';

  return new AppConfig({
    env: nodeEnv,
    varDir,
    http: {
      port,
      host: v.HOST ?? '0.0.0.0',
      publicUrl: (v.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      cookieSecure: v.COOKIE_SECURE !== undefined ? v.COOKIE_SECURE === 'true' : production,
      trustProxy: parseTrustProxy(v.TRUST_PROXY),
    },
    database: v.DATABASE_URL
      ? { kind: 'postgres', url: v.DATABASE_URL, poolSize: v.DATABASE_POOL_SIZE ?? 10, connectTimeoutMs: v.DATABASE_CONNECT_TIMEOUT_MS ?? 5000 }
      : {
          kind: 'embedded',
          dir: embeddedDir === 'memory' ? null : resolve(cwd, embeddedDir),
          template: v.DATABASE_EMBEDDED_TEMPLATE ? resolve(cwd, v.DATABASE_EMBEDDED_TEMPLATE) : null,
        },
    queue: v.REDIS_URL ? { kind: 'redis', url: v.REDIS_URL, lockMs: v.WORKER_LOCK_MS ?? 30_000, ...jobs } : { kind: 'inline', ...jobs },
    mail: v.SMTP_URL ? { kind: 'smtp', url: v.SMTP_URL, from } : { kind: 'file', dir: resolve(cwd, v.MAIL_DIR ?? join(varDir, 'mail')), from },
    auth: {
      jwtSecret: jwtSecret!,
      cookieSecret: createHmac('sha256', jwtSecret!).update('civitas:cookies').digest('base64url'),
      jwtTtlSeconds: v.JWT_TTL_SECONDS ?? 12 * 3600,
      throttleLimit: v.THROTTLE_AUTH_LIMIT ?? 10,
      throttleTtlMs: v.THROTTLE_AUTH_TTL_MS ?? 60_000,
    },
    notifications: {
      // Derived from JWT_SECRET unless given: rotating JWT_SECRET then also invalidates the links in mails sent.
      linkSecret: v.SUBSCRIPTION_SECRET ?? createHmac('sha256', jwtSecret!).update('civitas:subscription-links').digest('base64url'),
      digestHour: v.DIGEST_HOUR ?? 7,
      fanoutChunk: v.FANOUT_CHUNK ?? 1000,
    },
    voting: votingConfig(env, v.VOTER_KEY_SECRET ?? createHmac('sha256', jwtSecret!).update('civitas:voter-keys').digest('base64url')),
    log: { level: v.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'), pretty: v.LOG_PRETTY === 'true' },
    site: siteConfig(v, cwd),
    ops: opsConfig(env),
  });
}

/** For a process entry point: the configuration, or a message naming every bad variable and exit code 1. */
export function loadConfigOrExit(processName: string): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${processName}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
