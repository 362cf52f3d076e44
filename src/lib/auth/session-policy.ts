// How long a session lives: it ends after 30 days without use, and after 90 days whatever
// happens (OWASP ASVS 7.3.2). The last-seen time is written at most once an hour, so most
// requests only read.

export const SESSION_POLICY = {
  idleMs: 30 * 24 * 3600_000,
  absoluteMs: 90 * 24 * 3600_000,
  touchEveryMs: 3600_000,
} as const;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export function sessionExpiresAt(s: SessionTimes, policy = SESSION_POLICY): Date {
  return new Date(Math.min(s.lastSeenAt.getTime() + policy.idleMs, s.createdAt.getTime() + policy.absoluteMs));
}

export function isSessionExpired(s: SessionTimes, now: Date, policy = SESSION_POLICY): boolean {
  return sessionExpiresAt(s, policy).getTime() <= now.getTime();
}

export function shouldTouchSession(s: SessionTimes, now: Date, policy = SESSION_POLICY): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= policy.touchEveryMs;
}
