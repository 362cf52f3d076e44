// The masthead's tools for a signed-in reader (search, the desk for editors, account, sign
// out). The site header (src/components/SiteHeader.astro) and the signed-in page assembler
// (src/lib/page-frame/frame.ts) both write them with this function, so a rendered page and an
// assembled one hold the same bytes. Pure.
import { escapeHtml } from '../http/html-escape.ts';

export interface SignedInTools {
  email: string;
  /** Editors and admins get a link to the desk. */
  showDesk: boolean;
}

export function signedInToolsHtml({ email, showDesk }: SignedInTools): string {
  return (
    `${showDesk ? '<a href="/desk/">Desk</a>' : ''}<a href="/account/" title="${escapeHtml(email)}">Account</a>` +
    '<form method="post" action="/sign-out/?_action=signOut" class="site-header__signout"><button type="submit" class="link-button">Sign out</button></form>'
  );
}
