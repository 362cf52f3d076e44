// How long a registration whose address was never confirmed holds the address. After that it
// is treated as never made: anyone may register the address again, and upkeep deletes it.

export const UNCONFIRMED_REGISTRATION_DAYS = 7;

/** Unverified accounts created before this moment have expired. */
export function unconfirmedExpiryCutoff(now: Date): Date {
  return new Date(now.getTime() - UNCONFIRMED_REGISTRATION_DAYS * 24 * 3600_000);
}
