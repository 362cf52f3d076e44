// The one reader of story_locked_parts: the paid parts of a story. Only the article page calls
// it, and only for a reader entitled to them (showsLockedParts(state), or an editor); see
// docs/design-rules.md. Nothing else may select from that table.
import { eq } from 'drizzle-orm';
import { storyLockedParts, type LockedPartId } from '../../../db/schema/content.ts';
import { getDb } from '../db/database.ts';

/** Each locked part's inner HTML for the story `storyId` (empty when it has none). */
export async function lockedPartsOf(storyId: number): Promise<Map<LockedPartId, string>> {
  const db = await getDb();
  const rows = await db.select({ part: storyLockedParts.part, html: storyLockedParts.html }).from(storyLockedParts).where(eq(storyLockedParts.storyId, storyId));
  return new Map(rows.map((row) => [row.part, row.html]));
}
