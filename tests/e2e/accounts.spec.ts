// Accounts in the browser: registering, confirming by e-mail, signing in and out, resetting
// a password, and the guards around them (cookies, caching, origin checks, redirects).
// E-mail goes over real SMTP to the listener started by build-and-serve.ts.
//
// Sign-in attempts are rate limited per client address and per account (src/lib/auth/
// rate-limit-policy.ts), and every test here comes from 127.0.0.1: the demo accounts are
// shared out so that no account is tried more than a few times per run.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';
import { waitForMail } from '../support/mail-inbox.ts';
import { TEST_BASE_URL } from '../support/test-site.ts';

const STORY = '/business/leapmotor-record-deliveries-tesla-challengers/';
const DEMO = {
  reader: { email: 'reader@demo.masthead.test', password: 'demo-reader-2026' },
  member: { email: 'member@demo.masthead.test', password: 'demo-member-2026' },
  editor: { email: 'editor@demo.masthead.test', password: 'demo-editor-2026' },
};
const SESSION_COOKIE = 'masthead_session';
const WRONG_CREDENTIALS = 'That e-mail address and password do not match an account.';

/** An address no other test (or earlier run) uses: the suite runs on two workers. */
function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.masthead.test`;
}

function uniquePassword(): string {
  return `lantern harbour ${Math.random().toString(36).slice(2, 10)}`;
}

const tools = (page: Page) => page.getByRole('navigation', { name: 'Tools' });

async function expectSignedIn(page: Page) {
  await expect(tools(page).getByRole('link', { name: 'Account' })).toBeVisible();
  await expect(tools(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function expectSignedOut(page: Page) {
  await expect(tools(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(tools(page).getByRole('link', { name: 'Account' })).toHaveCount(0);
}

/** The password form on /sign-in/ (the page also has the e-mail-me-a-link form). */
const passwordForm = (page: Page) => page.locator('form').filter({ has: page.getByRole('button', { name: 'Sign in', exact: true }) });

/** Fills and sends the password form of the sign-in page already open; returns the POST's response. */
async function submitSignIn(page: Page, email: string, password: string): Promise<Response> {
  const form = passwordForm(page);
  await form.getByLabel('E-mail address').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('_action=signIn'));
  await form.getByRole('button', { name: 'Sign in' }).click();
  return posted;
}

async function signIn(page: Page, account: { email: string; password: string }, next = '/') {
  await page.goto(`/sign-in/?next=${encodeURIComponent(next)}`);
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(`${TEST_BASE_URL}${next}`);
  await expectSignedIn(page);
}

async function register(page: Page, email: string, password: string, name?: string) {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  if (name) await page.getByLabel('Your name (optional)').fill(name);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.describe('a new reader', () => {
  test('registers from a story, confirms by e-mail, signs out, resets the password and signs in with the new one', async ({ page }) => {
    const email = uniqueEmail('journey');
    const firstPassword = uniquePassword();
    const newPassword = uniquePassword();

    await page.goto(STORY);
    await page.getByRole('link', { name: 'Register to Unlock' }).click();
    await expect(page).toHaveURL(/\/register\/\?next=/);
    await register(page, email, firstPassword, 'Journey Tester');
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

    const verification = await waitForMail({ to: email, subject: 'Confirm your e-mail address' });
    expect(verification.mail.subject).toContain('Masthead');
    expect(verification.mail.text).toContain(verification.link);
    expect(verification.mail.html).toContain('<a ');
    expect(verification.mail.html).not.toMatch(/<img\b/i);
    expect(verification.path).toMatch(/^\/verify-email\/\?token=/);

    await page.goto(verification.path);
    await page.getByRole('button', { name: 'Confirm my e-mail address' }).click();
    await expect(page).toHaveURL(`${TEST_BASE_URL}${STORY}`);
    await expectSignedIn(page);

    await tools(page).getByRole('button', { name: 'Sign out' }).click();
    await expectSignedOut(page);

    await page.goto('/sign-in/');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByText(/^If that address has an account/)).toBeVisible();

    const reset = await waitForMail({ to: email, subject: /reset/i });
    expect(reset.mail.subject).toContain('Masthead');
    expect(reset.mail.html).not.toMatch(/<img\b/i);
    await page.goto(reset.path);
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(/\/sign-in\/\?reset=done/);
    await expect(page.getByText('Your password has been changed. Please sign in.')).toBeVisible();

    const refused = await submitSignIn(page, email, firstPassword);
    expect(refused.status()).toBe(401);
    await expect(page.getByRole('alert')).toHaveText(new RegExp(`^${WRONG_CREDENTIALS.replace(/[.?]/g, '\\$&')}`));
    await expect(page.getByRole('alert')).not.toContainText(/password is (wrong|incorrect)|no account|not registered|unknown/i);
    await expectSignedOut(page);

    await submitSignIn(page, email, newPassword);
    await expect(page).toHaveURL(`${TEST_BASE_URL}/`);
    await expectSignedIn(page);
  });
});

test.describe('signing in', () => {
  test('the demo reader signs in with a password, in a session cookie scripts cannot read', async ({ page, context }) => {
    await signIn(page, DEMO.reader, '/account/');
    await expect(page.getByText(DEMO.reader.email)).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    expect(cookie, 'the session cookie is set').toBeDefined();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  });

  test('a link sent by e-mail signs the reader in and returns to the story', async ({ page }) => {
    await page.goto(`/sign-in/?next=${encodeURIComponent(STORY)}`);
    const linkForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'E-mail me a link' }) });
    await linkForm.getByRole('textbox').fill(DEMO.editor.email);
    await linkForm.getByRole('button', { name: 'E-mail me a link' }).click();
    await expect(page.getByText(/If that address has an account, a link is on its way; links sent in the last 15 minutes still work/)).toBeVisible();

    const message = await waitForMail({ to: DEMO.editor.email, subject: 'sign-in link' });
    expect(message.mail.subject).toContain('Masthead');
    expect(message.path).toMatch(/^\/sign-in\/link\/\?token=/);
    await page.goto(message.path);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${TEST_BASE_URL}${STORY}`);
    await expectSignedIn(page);
  });

  test('a wrong password is refused with 401, keeps the e-mail, never echoes the password and focuses the password field', async ({ page }) => {
    const wrong = `not-it-${Math.random().toString(36).slice(2, 10)}`;
    await page.goto('/sign-in/');
    const response = await submitSignIn(page, 'Reader@Demo.Masthead.test', wrong);
    expect(response.status()).toBe(401);
    await expect(page.getByRole('alert')).toContainText(WRONG_CREDENTIALS);

    const form = passwordForm(page);
    await expect(form.getByLabel('E-mail address')).toHaveValue('Reader@Demo.Masthead.test');
    await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
    expect(await response.text()).not.toContain(wrong);
    expect(await page.content()).not.toContain(wrong);
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el instanceof HTMLInputElement ? { name: el.name, invalid: el.getAttribute('aria-invalid') } : null;
    });
    expect(focused?.name).toBe('password');
    await expectSignedOut(page);
  });

  test('after signing in, a "next" pointing at another site lands on the front page instead', async ({ page, context }) => {
    for (const next of ['https://evil.example/', '//evil.example']) {
      await context.clearCookies();
      await page.goto(`/sign-in/?next=${next}`);
      await submitSignIn(page, DEMO.reader.email, DEMO.reader.password);
      await expect(page).toHaveURL(`${TEST_BASE_URL}/`);
      await expectSignedIn(page);
    }
  });
});

test.describe('registration', () => {
  test('a common password is refused next to the field, keeping the e-mail; the page is accessible', async ({ page }) => {
    const email = uniqueEmail('common');
    await page.goto('/register/');
    await register(page, email, 'password123');
    const password = page.getByLabel('Password', { exact: true });
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/one of the most common/);
    await expect(password).toHaveValue('');
    await expect(page.getByLabel('E-mail address')).toHaveValue(email);
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('an invalid e-mail address is refused with its message, keeping what was typed; the page is accessible', async ({ page }) => {
    await page.goto('/register/');
    await register(page, 'not-an-address', uniquePassword());
    const email = page.getByLabel('E-mail address');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/Enter an e-mail address like name@example.com/);
    await expect(email).toHaveValue('not-an-address');
    await expectNoAxeViolations(page);
  });

  test('registering an unconfirmed address again looks the same, and sends a new confirmation link of its own', async ({ page }) => {
    const email = uniqueEmail('twice');
    await page.goto('/register/');
    await register(page, email, uniquePassword());
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
    const firstUrl = page.url();
    const firstText = await page.getByRole('main').innerText();
    const first = await waitForMail({ to: email, subject: 'Confirm your e-mail address' });

    await page.goto('/register/');
    await register(page, email, uniquePassword());
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
    expect(page.url()).toBe(firstUrl);
    expect(await page.getByRole('main').innerText()).toBe(firstText);
    // Not confirmed yet: the second registration gets a link of its own (with its own password).
    const second = await waitForMail({ to: email, subject: 'Confirm your e-mail address', receivedAfter: new Date(first.mail.receivedAt) });
    expect(second.path).not.toBe(first.path);
    // (A confirmed address's owner is told "You already have an account" instead:
    // tests/integration/registration.test.ts.)
  });
});

test.describe('account pages are accessible', () => {
  for (const path of ['/sign-in/', '/register/', '/forgot-password/']) {
    test(`${path} has no accessibility violations`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectNoAxeViolations(page);
    });
  }

  test('/account/ (signed in) has no accessibility violations', async ({ page }) => {
    await signIn(page, DEMO.editor, '/account/');
    await expectNoAxeViolations(page);
  });
});

test.describe('sessions and requests', () => {
  test('a signed-in story is private and never stored; an anonymous one is public', async ({ page, browser }) => {
    const anonymous = await browser.newPage();
    const publicResponse = await anonymous.goto(STORY);
    expect(publicResponse?.headers()['cache-control']).toMatch(/^public\b/);
    await anonymous.close();

    await signIn(page, DEMO.member);
    const privateResponse = await page.goto(STORY);
    expect(privateResponse?.headers()['cache-control']).toBe('private, no-store');
  });

  test('a tampered session cookie counts as signed out, and the response deletes it', async ({ page, context }) => {
    await signIn(page, DEMO.member);
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error('no session cookie after signing in');
    const last = cookie.value.at(-1);
    const tampered = `${cookie.value.slice(0, -1)}${last === 'a' ? 'b' : 'a'}`;
    await context.clearCookies();
    await context.addCookies([{ ...cookie, value: tampered }]);

    const response = await page.goto(STORY);
    await expectSignedOut(page);
    const setCookie = (await response?.headerValue('set-cookie')) ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(setCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });

  test('a sign-in form posted from another site is refused with 403', async ({ request }) => {
    const response = await request.post('/sign-in/?_action=signIn', {
      headers: { Origin: 'http://evil.example' },
      form: { email: DEMO.reader.email, password: DEMO.reader.password, next: '/' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(response.headers()['set-cookie'] ?? '').not.toContain(SESSION_COOKIE);
  });
});
