// What each row of `npm run bench` claims to measure, as checks of one answer: pure functions
// that take the answer (status and HTML, or a redirect) and what the story's source says, and
// return the problems found (none: the answer is what the row claims). They look for the
// story's own locked text and for elements, never for a CSS class name, which the page's
// inlined stylesheet holds whoever reads it.
import { elementById, findElement, parseHtml, visibleText } from './html-scan.mjs';

/**
 * @typedef {{ part: string, html: string }} LockedPart  a locked part's id and compiled inner HTML
 * @typedef {{ path: string, lockedParts: LockedPart[] }} StoryExpectation
 * @typedef {{ status: number, html: string }} PageAnswer
 * @typedef {{ ok: boolean, problems: string[] }} CheckResult
 * @typedef {import('hast').Element} Element
 */

const TEASER_ID = 'locked';
/** Sentences shorter than this may also stand in the free text; they are not looked for. */
const MIN_SENTENCE = 24;

const result = (problems) => ({ ok: problems.length === 0, problems });
const quote = (text) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
/** The teaser's `data-state` attribute (hast names it `dataState`). @param {Element} teaser */
const teaserState = (teaser) => teaser.properties.dataState;

/** The sentences of a locked part as a reader reads them (see visibleText). */
export function lockedSentences(part) {
  return visibleText(parseHtml(part.html))
    .split(/(?<=[.!?:;])\s+/)
    .filter((s) => s.length >= MIN_SENTENCE);
}

/** The header of a signed-in page links to the account, titled with the reader's e-mail. */
function signedInProblems(tree, readerEmail) {
  const signedIn = findElement(tree, 'a', { href: '/account/' }) !== undefined;
  if (readerEmail === undefined) return signedIn ? ['the page is a signed-in reader’s (it links to /account/)'] : [];
  return findElement(tree, 'a', { href: '/account/', title: readerEmail }) ? [] : [`the page is not signed in as ${readerEmail}`];
}

function storyProblems(page, story) {
  const problems = page.status === 200 ? [] : [`status ${page.status}, not 200`];
  if (story.lockedParts.length === 0) problems.push(`${story.path} has no locked parts in its source: nothing to check`);
  return problems;
}

/**
 * A reader entitled to the story (a member, or a reader who unlocked it): each locked part's
 * element (id = the part) holds that part's text, no teaser stands in their place, and the page
 * is signed in as `readerEmail`.
 * @param {PageAnswer} page @param {StoryExpectation} story @param {{ readerEmail: string }} reader
 * @returns {CheckResult}
 */
export function checkLockedPartsShown(page, story, { readerEmail }) {
  const problems = storyProblems(page, story);
  const tree = parseHtml(page.html);
  for (const part of story.lockedParts) {
    const element = elementById(tree, part.part);
    const text = visibleText(parseHtml(part.html));
    if (!element) problems.push(`no element with id="${part.part}"`);
    else if (!visibleText(element).includes(text)) problems.push(`#${part.part} does not hold the story’s locked text ${quote(text)}`);
  }
  const teaser = elementById(tree, TEASER_ID);
  if (teaser) problems.push(`the teaser (#${TEASER_ID}, data-state="${teaserState(teaser)}") stands in place of the locked parts`);
  problems.push(...signedInProblems(tree, readerEmail));
  return result(problems);
}

/**
 * A reader without access (`state`: anonymous, can-unlock, no-credits, unverified): the teaser
 * for that state is on the page and none of the locked text is; signed in as `readerEmail`, or
 * not signed in when it is undefined.
 * @param {PageAnswer} page @param {StoryExpectation} story @param {{ state: string, readerEmail?: string }} reader
 * @returns {CheckResult}
 */
export function checkTeaserShown(page, story, { state, readerEmail }) {
  const problems = storyProblems(page, story);
  const tree = parseHtml(page.html);
  const teaser = elementById(tree, TEASER_ID);
  if (!teaser) problems.push(`no teaser element (id="${TEASER_ID}")`);
  else if (teaserState(teaser) !== state) problems.push(`the teaser is for data-state="${teaserState(teaser)}", not "${state}"`);
  const text = visibleText(tree);
  for (const part of story.lockedParts) {
    const leaked = lockedSentences(part).find((sentence) => text.includes(sentence));
    if (leaked !== undefined || page.html.includes(part.html)) problems.push(`the locked text of ${part.part} is on the page${leaked ? `: ${quote(leaked)}` : ''}`);
  }
  problems.push(...signedInProblems(tree, readerEmail));
  return result(problems);
}

/**
 * The static ceiling: the file answers 200 with exactly the bytes written (the anonymous page).
 * @param {{ status: number, body: Uint8Array }} answer @param {Uint8Array} expected
 * @returns {CheckResult}
 */
export function checkStaticCopy(answer, expected) {
  const problems = answer.status === 200 ? [] : [`status ${answer.status}, not 200`];
  if (Buffer.compare(Buffer.from(answer.body), Buffer.from(expected)) !== 0) problems.push(`the body (${answer.body.length} bytes) is not the ${expected.length} bytes written`);
  return result(problems);
}

/**
 * An unlock that worked: 303 to the story's locked parts.
 * @param {{ status: number, location: string | null }} answer @param {{ path: string }} story
 * @returns {CheckResult}
 */
export function checkUnlockAnswer(answer, story) {
  const expected = `${story.path}#key-insights`;
  if (answer.status === 303 && answer.location === expected) return result([]);
  return result([`status ${answer.status}, location ${answer.location}; expected 303 to ${expected}`]);
}

/**
 * A sign-in that worked: 303 setting a session cookie (`token`: its value, or undefined).
 * @param {{ status: number, token: string | undefined }} answer
 * @returns {CheckResult}
 */
export function checkSignInAnswer(answer) {
  const problems = answer.status === 303 ? [] : [`status ${answer.status}, not 303`];
  if (!answer.token) problems.push('no session cookie');
  return result(problems);
}
