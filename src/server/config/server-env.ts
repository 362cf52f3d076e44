// The server's settings from process.env, parsed in one place so that the Astro app, the
// start script and the command-line tools agree. (astro:env declares the same variables
// for Astro; standalone scripts cannot import it.)
import path from 'node:path';

export interface ServerEnv {
  production: boolean;
  siteUrl: string;
  publicationName: string;
  /** PostgreSQL; when unset, the embedded database (PGlite) in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  outboxDir: string;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function flag(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
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
    outboxDir: path.resolve(env.OUTBOX_DIR || path.join(dataDir, 'outbox')),
    trustProxy: flag(env.TRUST_PROXY),
  };
}
