// Readers written straight into a database before the server starts, each with a balance and
// a live session, so a fault test can start its traffic at once (no mail, no password hashing).
import type { Db } from '../../../db/client.ts';
import { createSession } from '../../../src/server/auth/sessions.ts';
import { createReader } from '../reader-factory.ts';

export interface SeededReader {
  userId: string;
  /** The session cookie's value. */
  token: string;
}

export async function seedReaders(db: Db, count: number, credits: number, now = new Date()): Promise<SeededReader[]> {
  const readers: SeededReader[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createReader(db, now, { credits });
    const { token } = await createSession(db, user.id, now);
    readers.push({ userId: user.id, token });
  }
  return readers;
}
