import { describe, expect, it } from 'vitest';
import { canManageRoles, canUseDesk, deskAnswer } from '../../src/lib/desk/desk-access.ts';

describe('who may use the desk', () => {
  it.each([
    { role: 'reader', desk: false, roles: false },
    { role: 'editor', desk: true, roles: false },
    { role: 'admin', desk: true, roles: true },
    { role: undefined, desk: false, roles: false },
  ] as const)('$role: desk $desk, roles $roles', ({ role, desk, roles }) => {
    expect(canUseDesk(role)).toBe(desk);
    expect(canManageRoles(role)).toBe(roles);
  });

  it('sends anonymous readers to sign in, refuses readers, and keeps admin pages for admins', () => {
    expect(deskAnswer(undefined, false)).toBe('sign-in');
    expect(deskAnswer('reader', true)).toBe('forbidden');
    expect(deskAnswer('editor', true)).toBe('ok');
    expect(deskAnswer('editor', true, true)).toBe('forbidden');
    expect(deskAnswer('admin', true, true)).toBe('ok');
  });
});
