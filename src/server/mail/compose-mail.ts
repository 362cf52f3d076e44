// Turns a mail job into the message to send, at sending time: looks the account up, issues
// the link's token (so no link secret waits in the outbox) and fills in the copy from
// src/lib/mail/messages.ts. Undefined means there is nothing to send, which is the normal
// outcome for a link asked for an address with no account (the request could not tell).
import type { Db } from '../../../db/client.ts';
import type { MailJobRow, TokenPurpose, User } from '../../../db/schema/index.ts';
import { buildMessage, buildNotice, type MailKind, type MailMessage, type NoticeKind } from '../../lib/mail/messages.ts';
import { siteLink } from '../auth/deps.ts';
import { issueEmailToken, type IssueOptions } from '../auth/email-tokens.ts';
import { findUserByEmail, findUserById } from '../auth/users.ts';

export interface MailContext {
  db: Db;
  siteUrl: string;
  publicationName: string;
  /** The publication's address for help, named in security notices. */
  contact: string;
}

/** A job that can never be sent (unknown kind, broken payload): dead-lettered without retries. */
export class UnsendableMailJob extends Error {
  override name = 'UnsendableMailJob';
}

type Payload = Record<string, unknown>;

function text(payload: Payload, name: string): string {
  const value = payload[name];
  if (typeof value !== 'string' || value === '') throw new UnsendableMailJob(`the payload has no ${name}`);
  return value;
}

/**
 * The account a link is for, if it still stands as it did when the link was asked for. A
 * change made since (a password reset revokes outstanding links; a new address) must not be
 * undone by a link made afterwards, so such a job sends nothing.
 */
function unchangedSince(user: User | undefined, job: Pick<MailJobRow, 'createdAt'>): User | undefined {
  return user && user.updatedAt.getTime() <= job.createdAt.getTime() ? user : undefined;
}

async function linkMessage(ctx: MailContext, kind: MailKind, user: User, purpose: TokenPurpose, path: string, next: string, now: Date, options: IssueOptions = {}) {
  const token = await issueEmailToken(ctx.db, user.id, purpose, user.email, now, options);
  return buildMessage(kind, user.email, siteLink(ctx.siteUrl, path, { token, next }), ctx.publicationName);
}

const NOTICE_KINDS: readonly string[] = ['password-changed', 'email-change-requested', 'email-changed', 'account-deleted', 'credits-taken-back'] satisfies NoticeKind[];

export async function composeMail(ctx: MailContext, job: Pick<MailJobRow, 'kind' | 'payload' | 'createdAt'>, now: Date): Promise<MailMessage | undefined> {
  const payload = (job.payload ?? {}) as Payload;
  switch (job.kind) {
    case 'sign-in-link': {
      const user = unchangedSince(await findUserByEmail(ctx.db, text(payload, 'email')), job);
      return user && linkMessage(ctx, 'sign-in', user, 'sign-in', '/sign-in/link/', text(payload, 'next'), now);
    }
    case 'reset-link': {
      const user = unchangedSince(await findUserByEmail(ctx.db, text(payload, 'email')), job);
      return user && linkMessage(ctx, 'reset-password', user, 'reset-password', '/reset-password/', text(payload, 'next'), now);
    }
    case 'verify-email': {
      const user = await findUserById(ctx.db, text(payload, 'userId'));
      // Already confirmed, or the address changed since: the link would do nothing.
      if (!user || user.emailVerifiedAt || user.email !== text(payload, 'email')) return undefined;
      const passwordHash = typeof payload.passwordHash === 'string' ? payload.passwordHash : undefined;
      return linkMessage(ctx, 'verify-email', user, 'verify-email', '/verify-email/', text(payload, 'next'), now, { passwordHash });
    }
    case 'change-email': {
      const user = unchangedSince(await findUserById(ctx.db, text(payload, 'userId')), job);
      if (!user || user.email !== text(payload, 'email')) return undefined;
      // Another account has the address: no link (the request could not say so).
      if (await findUserByEmail(ctx.db, text(payload, 'newEmail'))) return undefined;
      const token = await issueEmailToken(ctx.db, user.id, 'change-email', text(payload, 'newEmail'), now);
      const link = siteLink(ctx.siteUrl, '/confirm-email-change/', { token });
      return buildMessage('change-email', text(payload, 'newEmail'), link, ctx.publicationName);
    }
    case 'account-exists': {
      const link = siteLink(ctx.siteUrl, '/sign-in/', { next: text(payload, 'next') });
      return buildMessage('account-exists', text(payload, 'email'), link, ctx.publicationName);
    }
    default: {
      if (!NOTICE_KINDS.includes(job.kind)) throw new UnsendableMailJob(`unknown kind of mail job: ${job.kind}`);
      const newEmail = job.kind === 'email-change-requested' || job.kind === 'email-changed' ? text(payload, 'newEmail') : undefined;
      const resetLink = siteLink(ctx.siteUrl, '/forgot-password/', {});
      const credits = typeof payload.credits === 'number' ? payload.credits : undefined;
      const cause = payload.cause === 'dispute' || payload.cause === 'refund' ? payload.cause : undefined;
      return buildNotice(job.kind as NoticeKind, text(payload, 'email'), { newEmail, resetLink, contact: ctx.contact, credits, cause }, ctx.publicationName);
    }
  }
}
