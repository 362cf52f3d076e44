// The e-mails Masthead sends, as plain text and HTML: the publication's name, one clear
// link, how long it lasts, and what to do if you did not ask for it. No tracking pixels.

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
