// The e-mails Masthead sends, as plain text and HTML: the publication's name, one clear
// link, how long it lasts, and what to do if you did not ask for it. No tracking pixels.
// Security notices (password changed, address changed, account deleted) have no action
// link: they say what happened and where to get help if it was not the reader.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one link the message is about (printed to the console in development). */
  link: string;
}

export type MailKind = 'verify-email' | 'sign-in' | 'reset-password' | 'change-email' | 'account-exists';

interface Copy {
  subject: string;
  intro: string;
  button: string;
  lasts: string;
  ignore: string;
}

const COPY: Record<MailKind, (publication: string) => Copy> = {
  'verify-email': (p) => ({
    subject: `Confirm your e-mail address for ${p}`,
    intro: `Welcome to ${p}. Please confirm this is your e-mail address to finish creating your account and receive your free credits.`,
    button: 'Confirm my e-mail address',
    lasts: 'This link works once and expires in 24 hours.',
    ignore: 'If you did not create an account, do not click the link: someone else may have typed your address. Nobody can use an account with this address until the link is used, and an unconfirmed registration is deleted after 7 days.',
  }),
  'sign-in': (p) => ({
    subject: `Your sign-in link for ${p}`,
    intro: `Use this link to sign in to ${p}.`,
    button: 'Sign in',
    lasts: 'This link works once and expires in 15 minutes.',
    ignore: 'If you did not ask to sign in, you can ignore this message; nobody can sign in without the link.',
  }),
  'reset-password': (p) => ({
    subject: `Reset your ${p} password`,
    intro: `Someone (we hope you) asked to reset the password of your ${p} account.`,
    button: 'Choose a new password',
    lasts: 'This link works once and expires in 1 hour. Resetting your password signs you out everywhere else.',
    ignore: 'If you did not ask for this, you can ignore this message; your password stays as it is.',
  }),
  'change-email': (p) => ({
    subject: `Confirm your new e-mail address for ${p}`,
    intro: `Please confirm that you want to use this address for your ${p} account.`,
    button: 'Confirm my new address',
    lasts: 'This link works once and expires in 24 hours.',
    ignore: 'If you did not ask for this, you can ignore this message; nothing will change.',
  }),
  'account-exists': (p) => ({
    subject: `You already have a ${p} account`,
    intro: `Someone tried to register a new ${p} account with this address, which already has one. You can sign in, or reset your password if you have forgotten it.`,
    button: 'Sign in',
    lasts: 'If you have forgotten your password, use “Forgot your password?” on the sign-in page.',
    ignore: 'If this was not you, you can ignore this message; your account is unchanged.',
  }),
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function buildMessage(kind: MailKind, to: string, link: string, publication: string): MailMessage {
  const c = COPY[kind](publication);
  const text = [c.intro, '', `${c.button}: ${link}`, '', c.lasts, c.ignore, '', `— ${publication}`].join('\n');
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#fffdf9;color:#1b1b1b;font-family:Georgia,serif;font-size:17px;line-height:1.5">
<p style="font-size:24px;font-weight:bold;margin:0 0 16px">${escapeHtml(publication)}</p>
<p>${escapeHtml(c.intro)}</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;background:#7a1f2b;color:#ffffff;padding:12px 20px;border-radius:3px;text-decoration:none;font-family:Arial,sans-serif;font-weight:bold">${escapeHtml(c.button)}</a></p>
<p style="font-size:14px;color:#4a4744">Or paste this address into your browser: ${escapeHtml(link)}</p>
<p style="font-size:14px;color:#4a4744">${escapeHtml(c.lasts)} ${escapeHtml(c.ignore)}</p>
</body></html>`;
  return { to, subject: c.subject, text, html, link };
}

export type NoticeKind = 'password-changed' | 'email-change-requested' | 'email-changed' | 'account-deleted' | 'credits-taken-back';

export interface NoticeDetails {
  /** The account's new address, for the address notices (shown masked: it may not be the reader's). */
  newEmail?: string | undefined;
  /** The forgotten-password page, where someone who lost control of the account starts. */
  resetLink: string;
  /** The publication's address for help. */
  contact: string;
  /** For credits-taken-back: how many, and whether the pack's payment was refunded or disputed. */
  credits?: number | undefined;
  cause?: 'refund' | 'dispute' | undefined;
}

interface NoticeCopy {
  subject: string;
  happened: string;
  help: string;
}

const NOTICES: Record<NoticeKind, (p: string, d: NoticeDetails) => NoticeCopy> = {
  'password-changed': (p, d) => ({
    subject: `Your ${p} password was changed`,
    happened: `The password of your ${p} account was just changed, and every other device signed in to it was signed out. If it was you, there is nothing more to do.`,
    help: `If it was not you, choose a new password at once at ${d.resetLink} and write to ${d.contact}.`,
  }),
  'email-change-requested': (p, d) => ({
    subject: `Someone asked to change the e-mail address of your ${p} account`,
    happened: `Someone signed in to your ${p} account asked to change its e-mail address to ${maskAddress(d.newEmail ?? '')}. Nothing changes until the link sent to that address is used. If it was you, there is nothing more to do.`,
    help: `If it was not you, reset your password at ${d.resetLink} (that also cancels the change) and write to ${d.contact}.`,
  }),
  'email-changed': (p, d) => ({
    subject: `The e-mail address of your ${p} account was changed`,
    happened: `The e-mail address of your ${p} account was changed to ${maskAddress(d.newEmail ?? '')}. Messages about the account now go there, and this address can no longer sign in to it.`,
    // A reset asked for from this address would no longer reach the account: only people can help now.
    help: `If it was not you, write to ${d.contact} at once, from this address, so we can give the account back to you.`,
  }),
  'account-deleted': (p, d) => ({
    subject: `Your ${p} account was deleted`,
    happened: `Your ${p} account was deleted, as asked from a device signed in to it, and the data it held was erased. This is the last message we send to this address about it.`,
    help: `If it was not you, write to ${d.contact} at once.`,
  }),
  'credits-taken-back': (p, d) => ({
    subject: `Credits were taken back from your ${p} account`,
    happened: `The payment for one of your credit packs was ${d.cause === 'dispute' ? 'disputed with your bank' : 'refunded'}, so ${d.credits ?? 0} unused ${d.credits === 1 ? 'credit was' : 'credits were'} taken back from your ${p} account. Stories you already unlocked stay unlocked; your account page shows the change.`,
    help: `If you did not expect this, write to ${d.contact}.`,
  }),
};

/** n***@example.com: enough for the owner to recognise an address, not enough to harvest it. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

export function buildNotice(kind: NoticeKind, to: string, details: NoticeDetails, publication: string): MailMessage {
  const c = NOTICES[kind](publication, details);
  const text = [c.happened, '', c.help, '', `— ${publication}`].join('\n');
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;background:#fffdf9;color:#1b1b1b;font-family:Georgia,serif;font-size:17px;line-height:1.5">
<p style="font-size:24px;font-weight:bold;margin:0 0 16px">${escapeHtml(publication)}</p>
<p>${escapeHtml(c.happened)}</p>
<p>${escapeHtml(c.help)}</p>
</body></html>`;
  // Where help is, as the message's one link (printed to the console without SMTP): the reset
  // page while this address still controls the account, the publication's address after.
  const link = kind === 'password-changed' || kind === 'email-change-requested' ? details.resetLink : `mailto:${details.contact}`;
  return { to, subject: c.subject, text, html, link };
}
