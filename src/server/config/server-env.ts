// The server's settings from process.env, parsed in one place so that the Astro app, the
// start script and the command-line tools agree. (astro:env declares the same variables
// for Astro; standalone scripts cannot import it.)
import path from 'node:path';
import { isatty } from 'node:tty';
import { LogSettingsError, readLogSettings, type LogSettings } from '../log/log-settings.ts';

export interface ServerEnv {
  production: boolean;
  siteUrl: string;
  publicationName: string;
  /** PostgreSQL; when unset, the embedded database (PGlite) in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address security e-mails tell readers to write to for help (MAIL_CONTACT); unset: MAIL_FROM's address. */
  mailContact: string | undefined;
  outboxDir: string;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Stripe, when configured; without it the Club and credits pages explain that payments are off. */
  stripe: StripeEnv | undefined;
  /** Days a past_due membership keeps access. */
  graceDays: number;
  /** `npm run demo`: payments go to the built-in Stripe double, with a test-mode banner. */
  demoPayments: boolean;
  /** The editors' content folder the server takes into the database (MASTHEAD_CONTENT_DIR). */
  contentDir: string;
  /** Whether MASTHEAD_CONTENT_DIR was set: a folder named on purpose must exist. */
  contentDirGiven: boolean;
  /** Take each change to the content folder in while running (CONTENT_WATCH; default: only on the embedded database). */
  contentWatch: boolean;
  /** Most bytes the server's own anonymous page cache holds (ANONYMOUS_CACHE_MB). */
  anonymousCacheBytes: number;
  /** LOG_FORMAT and LOG_LEVEL: JSON lines or pretty ones, and how much (src/server/log/log-settings.ts). */
  log: LogSettings;
}

export interface StripeEnv {
  secretKey: string;
  webhookSecret: string;
  prices: { clubMonthly: string; clubYearly: string; credits5: string; credits20: string };
  /** Another API host (the Stripe double in demo mode and tests); unset means Stripe itself. */
  api: { host: string; port: number; protocol: 'http' | 'https' } | undefined;
}

function readStripeEnv(env: NodeJS.ProcessEnv): StripeEnv | undefined {
  const secretKey = env.STRIPE_SECRET_KEY;
  if (!secretKey) return undefined;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  if (!webhookSecret) throw new ConfigError('STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: both are needed to take payments.');
  const price = (name: string) => {
    const value = env[name];
    if (!value) throw new ConfigError(`${name} is not set: give the Stripe price id (price_…) for it, or unset STRIPE_SECRET_KEY to turn payments off.`);
    return value;
  };
  const host = env.STRIPE_API_HOST;
  return {
    secretKey,
    webhookSecret,
    prices: {
      clubMonthly: price('STRIPE_PRICE_CLUB_MONTHLY'),
      clubYearly: price('STRIPE_PRICE_CLUB_YEARLY'),
      credits5: price('STRIPE_PRICE_CREDITS_5'),
      credits20: price('STRIPE_PRICE_CREDITS_20'),
    },
    api: host ? { host, port: Number(env.STRIPE_API_PORT || 443), protocol: env.STRIPE_API_PROTOCOL === 'http' ? 'http' : 'https' } : undefined,
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** true or false, as astro:env reads booleans; anything else is a mistake worth stopping for. */
function flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new ConfigError(`${name} must be true or false (it is "${value}").`);
}

/** CONTENT_WATCH and the like: unset or empty takes the default; otherwise true or false. */
function flagOr(name: string, value: string | undefined, fallback: boolean): boolean {
  return value === undefined || value.trim() === '' ? fallback : flag(name, value);
}

/** A whole number of at least `min`, or the default when unset. */
function wholeNumber(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be a whole number of at least ${min} (it is "${value}").`);
  return n;
}

function logSettings(env: NodeJS.ProcessEnv): LogSettings {
  try {
    return readLogSettings(env, isatty(1));
  } catch (error) {
    if (error instanceof LogSettingsError) throw new ConfigError(error.message);
    throw error;
  }
}

/** `forServer: false` for command-line tools, which send no e-mail. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env, options = { forServer: true }): ServerEnv {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  const publicationName = env.PUBLICATION_NAME || 'Masthead';
  const smtpUrl = env.SMTP_URL || undefined;
  if (options.forServer && production && !smtpUrl) {
    throw new ConfigError(
      'SMTP_URL is not set. In production Masthead must send verification and password-reset e-mails; ' +
        'set SMTP_URL (for example smtp://user:password@mail.example.com:587), or run without NODE_ENV=production ' +
        'to have messages written to the outbox folder instead.',
    );
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/masthead.');
  }
  return {
    production,
    siteUrl: env.SITE_URL || 'http://localhost:4321',
    publicationName,
    databaseUrl,
    dataDir,
    smtpUrl,
    mailFrom: env.MAIL_FROM || `${publicationName} <no-reply@localhost>`,
    mailContact: env.MAIL_CONTACT || undefined,
    outboxDir: path.resolve(env.OUTBOX_DIR || path.join(dataDir, 'outbox')),
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY),
    stripe: readStripeEnv(env),
    graceDays: Number(env.MEMBERSHIP_GRACE_DAYS || 7),
    demoPayments: flag('MASTHEAD_DEMO_PAYMENTS', env.MASTHEAD_DEMO_PAYMENTS),
    contentDir: path.resolve(env.MASTHEAD_CONTENT_DIR || 'content'),
    contentDirGiven: Boolean(env.MASTHEAD_CONTENT_DIR),
    // Deployments on PostgreSQL take content in with `npm run content:sync`; several instances
    // watching one folder would each save every change.
    contentWatch: flagOr('CONTENT_WATCH', env.CONTENT_WATCH, !databaseUrl),
    anonymousCacheBytes: wholeNumber('ANONYMOUS_CACHE_MB', env.ANONYMOUS_CACHE_MB, 64, 1) * 1024 * 1024,
    log: logSettings(env),
  };
}
