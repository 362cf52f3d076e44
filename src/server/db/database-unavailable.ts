// Tells an error that means "the database cannot be reached right now" (worth a 503 and a
// retry) from every other failure (a bug, a constraint, bad SQL: a 500). Pure, so it can be
// tested without a database: it only reads `code`, `cause` and `errors` of what it is given.

/** Socket errors Node reports when the server is gone, refuses, or the network drops. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** postgres.js's own connection errors (node_modules/postgres/src/connection.js). */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT']);

/**
 * SQLSTATEs the server sends when it cannot serve anyone for now: class 08 (connection
 * exception), 57P01-57P03 (shut down by the admin, crashed, not accepting connections yet)
 * and 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

function ownCode(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The code that shows `error`, or an error it wraps (Drizzle's DrizzleQueryError keeps the
 * driver's error as `cause`; a failed connection to several addresses is an AggregateError),
 * means the database is unreachable; undefined for any other failure. Walks at most a few
 * levels, so a cause that points back at itself cannot hang it.
 */
export function databaseUnavailableCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = ownCode(error);
  if (code && (SOCKET_CODES.has(code) || DRIVER_CODES.has(code) || isUnavailableSqlState(code))) return code;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.length > 0) {
    const codes = nested.map((inner) => databaseUnavailableCode(inner, depth + 1));
    if (codes.every((c) => c !== undefined)) return codes[0];
  }
  return databaseUnavailableCode((error as { cause?: unknown }).cause, depth + 1);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableCode(error) !== undefined;
}
