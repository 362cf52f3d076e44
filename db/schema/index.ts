// The one schema Masthead runs on, PGlite and PostgreSQL alike.
export * from './users.ts';
export * from './tokens.ts';
export * from './rate-limits.ts';
export * from './credits.ts';
export * from './billing.ts';
export * from './billing-events.ts';
export * from './welcome-grants.ts';
export * from './mail-jobs.ts';
export * from './content.ts';
