// Who may use the editors' desk: editors and admins see drafts, scheduled stories and the
// figures; only admins change other people's roles.
import type { Role } from '../../../db/schema/users.ts';

export function canUseDesk(role: Role | undefined | null): boolean {
  return role === 'editor' || role === 'admin';
}

export function canManageRoles(role: Role | undefined | null): boolean {
  return role === 'admin';
}

/** What a request for a desk page gets: the page, a sign-in first, or a refusal. */
export function deskAnswer(role: Role | undefined | null, signedIn: boolean, adminOnly = false): 'ok' | 'sign-in' | 'forbidden' {
  if (!signedIn) return 'sign-in';
  return (adminOnly ? canManageRoles(role) : canUseDesk(role)) ? 'ok' : 'forbidden';
}
