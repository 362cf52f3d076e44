// Changing roles from the desk: an admin changes anyone else's; nobody changes their own; an
// unknown address changes nothing; the list of staff follows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { changeRole, listStaff } from '../../src/server/desk/roles.ts';
import { DATABASE_SETUP_TIMEOUT_MS, freshDatabase, testClock, type TestDatabase } from '../support/test-db.ts';
import { createReader } from '../support/reader-factory.ts';

let t: TestDatabase;
beforeEach(async () => {
  t = await freshDatabase();
}, DATABASE_SETUP_TIMEOUT_MS);
afterEach(async () => t.close());

const roleOf = async (id: string) => (await t.db.select({ role: users.role }).from(users).where(eq(users.id, id)))[0]?.role;

describe('changeRole', () => {
  it('makes a reader an editor, and says what it was', async () => {
    const now = testClock().now();
    const admin = await createReader(t.db, now, { role: 'admin' });
    const reader = await createReader(t.db, now);
    const result = await changeRole(t.db, admin, reader.email, 'editor', now);
    expect(result).toMatchObject({ kind: 'changed', from: 'reader', user: { email: reader.email, role: 'editor' } });
    expect(await roleOf(reader.id)).toBe('editor');
    expect((await listStaff(t.db)).map((s) => [s.email, s.role])).toEqual([
      [admin.email, 'admin'],
      [reader.email, 'editor'],
    ]);
  });

  it('refuses an admin their own role, and writes nothing', async () => {
    const now = testClock().now();
    const admin = await createReader(t.db, now, { role: 'admin' });
    expect(await changeRole(t.db, admin, admin.email, 'reader', now)).toEqual({ kind: 'own-role' });
    expect(await roleOf(admin.id)).toBe('admin');
  });

  it('answers an unknown address without writing, and a role already held as unchanged', async () => {
    const now = testClock().now();
    const admin = await createReader(t.db, now, { role: 'admin' });
    const editor = await createReader(t.db, now, { role: 'editor' });
    expect(await changeRole(t.db, admin, 'nobody@example.test', 'editor', now)).toEqual({ kind: 'unknown-email' });
    expect((await changeRole(t.db, admin, editor.email, 'editor', now)).kind).toBe('unchanged');
    expect(await roleOf(editor.id)).toBe('editor');
  });
});
