// What a reader without access sees in place of the locked parts, worded as on the reference
// page, with the offer that fits their state. It receives no locked text, only which parts
// exist. Written as a function rather than a template because the signed-in article is
// assembled from its cached frame (src/lib/page-frame/frame.ts) without Astro: the article page
// (src/components/paywall/LockedOffer.astro) and the assembler call this one function, so
// both give the same bytes. Pure.
import { CREDIT_CONFIG } from '../credits/credit-config.ts';
import { formatDate } from '../content/format.ts';
import { LOCKED_PART_CLASS } from '../seo/json-ld.ts';
import { escapeHtml } from '../http/html-escape.ts';
import type { EntitlementState } from './entitlement.ts';

/** The states that see an offer instead of the locked parts. */
export type OfferState = Exclude<EntitlementState, 'editor' | 'member' | 'unlocked'>;

/** The forms' targets: Astro Actions posted to the page itself (src/actions/index.ts). */
export const UNLOCK_ACTION = '?_action=unlock';
export const RESEND_VERIFICATION_ACTION = '?_action=resendVerificationEmail';

export interface LockedOfferProps {
  state: OfferState;
  /** Path of the story, to return to after registering, signing in or unlocking. */
  returnTo: string;
  slug: string;
  parts: { keyInsights: boolean; executiveActions: boolean };
  balance?: number | undefined;
  /** When the next monthly credit can arrive (no-credits). */
  nextRefill?: Date | undefined;
  /** A problem with the last unlock attempt, to show in place. */
  error?: string | undefined;
}

const LOCK_ICON =
  '<p class="locked-teaser__icon" aria-hidden="true"><svg viewBox="0 0 24 24" width="28" height="28"><path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5Zm-3 8V7a3 3 0 1 1 6 0v3H9Z"></path></svg></p>';

const credits = (n: number) => `${n} ${n === 1 ? 'credit' : 'credits'}`;

export function lockedOfferHtml({ state, returnTo, slug, parts, balance = 0, nextRefill, error }: LockedOfferProps): string {
  const next = escapeHtml(encodeURIComponent(returnTo));
  const locked = parts.keyInsights ? 'Key Insights and Take-aways are' : 'Executive Actions are';
  const problem = error ? `<p class="locked-teaser__error" role="alert">${escapeHtml(error)}</p>` : '';
  return (
    `<section class="${LOCKED_PART_CLASS} locked-teaser" aria-labelledby="locked-heading" id="locked" data-state="${escapeHtml(state)}">` +
    `${LOCK_ICON}<h2 id="locked-heading" class="locked-teaser__heading">This story’s ${locked} locked.</h2>${problem}` +
    offerFor(state, { next, returnTo, slug, parts, balance, nextRefill }) +
    `<p class="locked-teaser__club">Always free for <strong>Executives Club</strong> members. <a href="/club/?next=${next}">Join the Club</a></p></section>`
  );
}

interface OfferFacts {
  /** The return path, URI-encoded and escaped for an attribute. */
  next: string;
  returnTo: string;
  slug: string;
  parts: LockedOfferProps['parts'];
  balance: number;
  nextRefill: Date | undefined;
}

function offerFor(state: OfferState, { next, returnTo, slug, parts, balance, nextRefill }: OfferFacts): string {
  switch (state) {
    case 'anonymous':
      return (
        `<p class="locked-teaser__offer">Create a free account and unlock the ${parts.executiveActions ? 'Executive Actions' : 'insights'} for one credit.</p>` +
        `<p><a class="button button--primary" href="/register/?next=${next}">Register to Unlock</a></p>` +
        `<p class="locked-teaser__signin">Already have an account? <a href="/sign-in/?next=${next}">Sign in</a></p>`
      );
    case 'can-unlock':
      return (
        `<form method="post" action="${UNLOCK_ACTION}" class="locked-teaser__form"><input type="hidden" name="slug" value="${escapeHtml(slug)}">` +
        `<button class="button button--primary" type="submit">Unlock for 1 credit (you have ${balance})</button>` +
        `<p class="locked-teaser__note">Unlocked stories stay unlocked for good.</p></form>`
      );
    case 'no-credits': {
      const refill = nextRefill ? ` Your next free credit arrives on <time datetime="${nextRefill.toISOString()}">${escapeHtml(formatDate(nextRefill))}</time>.` : '';
      return `<p class="locked-teaser__offer">You have no credits left.${refill}</p><p><a class="button button--primary" href="/credits/?next=${next}">Buy a credit pack</a></p>`;
    }
    case 'unverified':
      return (
        `<p class="locked-teaser__offer">Confirm your e-mail address to receive your ${credits(CREDIT_CONFIG.welcome)}: check your inbox for our link.</p>` +
        `<form method="post" action="${RESEND_VERIFICATION_ACTION}" class="locked-teaser__form"><input type="hidden" name="next" value="${escapeHtml(returnTo)}">` +
        `<button class="button button--secondary" type="submit">Send the link again</button></form>`
      );
  }
}
