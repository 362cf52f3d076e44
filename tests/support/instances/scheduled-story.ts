// Writes a scheduled story straight into a shared PostgreSQL database, as the desk or ingest
// would save it, for tests that watch it go live on running instances by the clock alone
// (src/server/content/scheduled-publisher.ts). The database's clock decides "in N seconds",
// the same machine's clock the instances read.
import type postgres from 'postgres';

export interface ScheduledStory {
  slug: string;
  title: string;
  section: string;
  /** When it is due, as the database computed it. */
  dueAt: Date;
}

export async function insertScheduledStory(sql: postgres.Sql, section: string, inSeconds: number, label: string): Promise<ScheduledStory> {
  const slug = `scheduled-${label}-${Date.now().toString(36)}`;
  const title = `Scheduled ${label} ${Date.now().toString(36)}`;
  const [row] = await sql<{ published_at: Date }[]>`
    insert into stories (slug, section_id, status, title, dek, summary, author_ids, tag_ids, published_at,
                         public_html, public_text, public_words, has_key_insights, has_executive_actions,
                         source, source_hash, source_path, saved_at)
    values (${slug}, ${section}, 'scheduled', ${title}, 'Due soon.', 'Goes live by the clock.', '{}', '{}',
            now() + make_interval(secs => ${inSeconds}), ${`<p>${title}</p>`}, ${title}, 3, false, false,
            ${`---\ntitle: ${title}\n---\n${title}`}, ${`hash-${slug}`}, null, now())
    returning published_at`;
  return { slug, title, section, dueAt: row!.published_at };
}

/** Polls `check` every `everyMs` until it holds; resolves to the moment it first held, or undefined. */
export async function firstTimeTrue(check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<Date | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return new Date();
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}
