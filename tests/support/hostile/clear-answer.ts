// What a "clear 4xx" is. An RPC answer is JSON naming the problem (Astro's action error:
// a message or a code, or an input error listing the fields); a page answer is the page
// again with the error shown (role=alert or a field's error text); a refused cross-site
// post is Astro's plain-text 403. None carries a stack trace, a file path, or the hostile
// input unescaped.
import type { HostileAnswer } from './hostile-requests.ts';
import { ECHO_MARKER } from './hostile-strings.ts';

export const CLEAR_STATUSES = [400, 401, 403, 404, 405, 413, 415, 422, 429] as const;

/**
 * Whether the marker appears as markup. Inside a double-quoted attribute value (a form field
 * put back as it was typed) it is inert: Astro escapes `"` and `&` there, so the value cannot
 * end early; the marker counts only outside such values.
 */
function echoesMarkup(text: string, html: boolean): boolean {
  return (html ? text.replace(/="[^"]*"/g, '=""') : text).includes(ECHO_MARKER);
}

/** A stack trace, a file path, an error class, or SQL (a database error's message). */
const STACK_TRACE = /\n\s+at .+:\d+:\d+|node:internal|\/work\/|file:\/\/|\b(?:TypeError|SyntaxError|ReferenceError|DrizzleQueryError|PostgresError):|Failed query|\binsert into "|\bselect "/;

/** Why the answer is not a clear refusal, or undefined when it is. */
export function unclearRefusal(answer: HostileAnswer, how: 'rpc' | 'page' | 'cross-site'): string | undefined {
  if (!(CLEAR_STATUSES as readonly number[]).includes(answer.status)) return `status ${answer.status}`;
  if (STACK_TRACE.test(answer.text)) return 'the body carries a stack trace or an internal error';
  if (echoesMarkup(answer.text, answer.contentType.includes('html'))) return 'the body echoes the input unescaped';
  if (how === 'cross-site') return /cross-site/i.test(answer.text) ? undefined : 'no word on the cross-site refusal';
  if (how === 'page') {
    // A page form refused with a 413 or 415 never reaches the page: Astro answers alone.
    if (answer.status === 413 || answer.status === 415) return rpcProblem(answer);
    return /role="alert"|-error"/.test(answer.text) ? undefined : 'the page shows no error message';
  }
  return rpcProblem(answer);
}

function rpcProblem(answer: HostileAnswer): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `the body is not JSON: ${answer.text.slice(0, 120)}`;
  }
  if (typeof body !== 'object' || body === null) return 'the body is not an object';
  const { message, code, issues } = body as { message?: unknown; code?: unknown; issues?: unknown };
  if (Array.isArray(issues)) {
    const said = issues.every((i: { message?: unknown }) => typeof i.message === 'string' && i.message.length > 0);
    return said && issues.length > 0 ? undefined : 'an input error without messages';
  }
  if (typeof message === 'string' && message.length > 0) return undefined;
  return typeof code === 'string' && code.length > 0 ? undefined : 'neither a message nor a code';
}

/** A non-refusal that is still acceptable: an answer that is no 5xx and leaks nothing. */
export function unsafeAnswer(answer: HostileAnswer): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (STACK_TRACE.test(answer.text)) return 'the body carries a stack trace or an internal error';
  if (echoesMarkup(answer.text, answer.contentType.includes('html'))) return 'the body echoes the input unescaped';
  return undefined;
}
