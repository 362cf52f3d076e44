// Decides what `npm run new:story` writes, or why it writes nothing: the answers are checked
// against the sections, authors and slugs that exist before any file is touched.
import { LIMITS } from '../content/schemas.ts';
import { didYouMean } from '../content-checks/closest-match.ts';
import { slugFromTitle, storyTemplate } from './story-template.ts';

export interface NewStoryAnswers {
  title: string;
  section: string;
  authors: string[];
  /** Optional; made from the title when absent. */
  slug?: string | undefined;
  /** Optional ISO date; now when absent. */
  publishAt?: string | undefined;
}

export interface KnownContent {
  sectionIds: readonly string[];
  authorIds: readonly string[];
  /** Ids of the stories that exist (compared without regard to case). */
  storyIds: readonly string[];
}

export type NewStoryPlan = { ok: true; slug: string; fileName: string; text: string } | { ok: false; errors: string[] };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function planNewStory(answers: NewStoryAnswers, known: KnownContent, now: Date): NewStoryPlan {
  const errors: string[] = [];
  const title = answers.title.trim();
  if (title === '') errors.push('give a headline with --title "…"');
  if (title.length > LIMITS.title) errors.push(`the headline is ${title.length} characters, ${title.length - LIMITS.title} over the limit of ${LIMITS.title}`);
  if (!known.sectionIds.includes(answers.section)) {
    errors.push(`unknown section "${answers.section}": use one of ${known.sectionIds.join(', ')}.${didYouMean(answers.section, known.sectionIds)}`);
  }
  if (answers.authors.length === 0) errors.push(`name at least one author: ${known.authorIds.join(', ')}`);
  for (const author of answers.authors.filter((a) => !known.authorIds.includes(a))) {
    errors.push(`unknown author "${author}": use one of ${known.authorIds.join(', ')}.${didYouMean(author, known.authorIds)}`);
  }
  const slug = answers.slug ?? slugFromTitle(title);
  if (!SLUG.test(slug)) {
    errors.push(answers.slug === undefined && title !== '' ? 'the headline gives no usable slug: pass one with --slug my-story' : `the slug "${slug}" must be lowercase words joined by hyphens, e.g. harbour-bank-dividend`);
  } else if (known.storyIds.some((id) => id.toLowerCase() === slug)) {
    errors.push(`a story with the slug "${slug}" already exists: choose another with --slug`);
  }
  const publishedAt = answers.publishAt === undefined ? wholeMinute(now) : new Date(answers.publishAt);
  if (Number.isNaN(publishedAt.getTime())) errors.push(`--publish-at "${answers.publishAt}" is not a date: write e.g. 2026-07-02T06:45:00Z`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, slug, fileName: `${slug}.mdx`, text: storyTemplate({ title, section: answers.section, authors: answers.authors, publishedAt }) };
}

function wholeMinute(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000);
}
