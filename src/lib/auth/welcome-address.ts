// The form of an address used only to decide whether welcome credits were granted to it
// before (never to send mail, sign in or display). Addresses that reach one mailbox should
// count once:
// - lower case (the site stores addresses lower-cased already; kept here so the rule stands alone);
// - everything from the first `+` in the local part is dropped (`ana+news@` is `ana@`): the
//   large providers deliver sub-addresses to the main mailbox;
// - at gmail.com and googlemail.com (one service), dots in the local part are dropped and the
//   domain is gmail.com: Gmail ignores dots, so `a.n.a@gmail.com` is `ana@gmail.com`.
// Other providers' dots are left alone: at many of them `a.na` and `an.a` are different people.

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export function welcomeAddress(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
