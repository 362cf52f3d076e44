// A search result's snippet: the passage PostgreSQL's ts_headline picked, with the matched
// words between two markers no story text uses, split here into parts. The page prints every
// part as text (escaped) and wraps only the matched ones in <mark>, so nothing the database
// returns is ever inserted as HTML.

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Put before a matched word by ts_headline (StartSel): a private-use character. */
export const HEADLINE_START = '\uE000';
/** Put after a matched word by ts_headline (StopSel): a private-use character. */
export const HEADLINE_STOP = '\uE001';

const MARKERS = /[\uE000\uE001]/g;

/**
 * Splits a ts_headline result into parts. Text between HEADLINE_START and HEADLINE_STOP is a
 * match; a stray marker (an editor could type one) only ends the current part, and no marker
 * character ever reaches the reader. Adjacent matches separated by a space stay separate parts.
 */
export function headlineParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text) parts.push({ text, match });
    text = '';
  };
  for (const ch of headline) {
    if (ch === HEADLINE_START || ch === HEADLINE_STOP) {
      flush();
      match = ch === HEADLINE_START;
    } else {
      text += ch;
    }
  }
  flush();
  return parts;
}

/** The headline as the reader reads it: markers removed. */
export function headlinePlainText(headline: string): string {
  return headline.replace(MARKERS, '');
}

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The snippet with "… " before it when the passage does not open its field, and " …" after it
 * when the field goes on. `field` is the text ts_headline was given (public_text, summary or dek).
 */
export function snippetFromHeadline(headline: string, field: string): SnippetPart[] {
  const parts = headlineParts(headline);
  const passage = fold(headlinePlainText(headline));
  const whole = fold(field);
  if (!passage) return parts;
  const at = whole.indexOf(passage);
  const opens = at === 0;
  const ends = at >= 0 && at + passage.length === whole.length;
  return [...(opens || at < 0 ? [] : [{ text: '… ', match: false }]), ...parts, ...(ends || at < 0 ? [] : [{ text: ' …', match: false }])];
}
