// The editors' desk: its figures match a scripted sequence of registrations, unlocks and a
// Club join started from one fixture story (no other test starts anything from it); the CSV
// says the same; readers are kept out; admins change roles and nobody changes their own.
import { expect, test } from '@playwright/test';
import { browserFor } from '../support/browser-context.ts';
import { anonymousClient, demoReader, newReader, unlockOverHttp } from '../support/http-reader.ts';
import { TEST_BASE_URL, TEST_STRIPE_URL } from '../support/test-site.ts';

const SLUG = 'desk-fixture-story';
const STORY = `/business/${SLUG}/`;

test.describe.configure({ mode: 'serial' });

test('the desk counts registrations, unlocks and joins that started from a story', async ({ browser }) => {
  test.setTimeout(90_000);
  // Two registrations start on the story (one through the Club page), one elsewhere.
  const fromStory = await newReader({ verify: true, next: STORY });
  const throughClub = await newReader({ verify: true, next: `/club/?next=${encodeURIComponent(STORY)}` });
  const elsewhere = await newReader({ verify: true, next: '/' });
  // All three unlock it: three unlocks, whatever the registration's origin.
  for (const reader of [fromStory, throughClub, elsewhere]) {
    expect((await unlockOverHttp(reader, 'business', SLUG)).status()).toBe(303);
  }
  // The reader from elsewhere joins the Club from the story's offer.
  const { context, page } = await browserFor(browser, await elsewhere.api.storageState());
  await page.goto(`/club/?plan=monthly&next=${encodeURIComponent(STORY)}`);
  await page.getByRole('button', { name: 'Continue to payment (monthly)' }).click();
  await expect(page).toHaveURL(new RegExp(`^${TEST_STRIPE_URL}/pay/cs_test_`));
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`^${TEST_BASE_URL}/club/welcome/`));
  await expect(page.getByRole('heading', { name: 'Welcome to the Executives Club' })).toBeVisible();
  await context.close();

  const editor = await demoReader('editor');
  const desk = await editor.api.get('/desk/?window=30');
  expect(desk.status()).toBe(200);
  expect(desk.headers()['cache-control']).toBe('private, no-store');

  const { context: editorContext, page: deskPage } = await browserFor(browser, await editor.api.storageState());
  await deskPage.goto('/desk/');
  const row = deskPage.locator(`#conversions tr[data-slug="${SLUG}"]`);
  for (const [metric, count] of [['registrations', '2'], ['unlocks', '3'], ['joins', '1']] as const) {
    await expect(row.locator(`td[data-metric="${metric}"] [data-window="7"]`)).toHaveText(count);
    await expect(row.locator(`td[data-metric="${metric}"] [data-window="30"]`)).toHaveText(count);
    await expect(deskPage.locator(`.desk-top[data-metric="${metric}"]`)).toContainText('Desk fixture: Tarnwick Ropeworks');
  }
  await deskPage.getByRole('link', { name: 'Last 30 days' }).click();
  await expect(deskPage.locator('.desk-top[data-metric="joins"] h3')).toHaveText('Club joins, last 30 days');
  await editorContext.close();

  const csv = await editor.api.get('/desk/conversions.csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="masthead-story-figures-\d{4}-\d{2}-\d{2}\.csv"$/);
  const lines = (await csv.text()).split('\r\n');
  expect(lines[0]).toBe('slug,title,section,published_at,registrations_7d,unlocks_7d,joins_7d,registrations_30d,unlocks_30d,joins_30d');
  const line = lines.find((l) => l.startsWith(`${SLUG},`));
  expect(line).toMatch(/,business,2026-03-01T09:00:00\.000Z,2,3,1,2,3,1$/);
});

test('anonymous readers are sent to sign in; readers are refused; the CSV is refused too', async () => {
  const anonymous = await anonymousClient();
  const toSignIn = await anonymous.get('/desk/', { maxRedirects: 0 });
  expect(toSignIn.status()).toBe(303);
  expect(toSignIn.headers().location).toBe('/sign-in/?next=%2Fdesk%2F');
  const reader = await demoReader('reader');
  const refused = await reader.api.get('/desk/');
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('The desk is for the newsroom’s editors and admins.');
  expect((await reader.api.get('/desk/conversions.csv')).status()).toBe(403);
  expect((await reader.api.get('/desk/people/')).status()).toBe(403);
  const editor = await demoReader('editor');
  const editorOnPeople = await editor.api.get('/desk/people/');
  expect(editorOnPeople.status()).toBe(403);
  expect(await editorOnPeople.text()).toContain('Only admins can change people’s roles.');
});

test('an admin makes a reader an editor from the desk, and cannot change their own role', async ({ browser }) => {
  const reader = await newReader({ verify: true });
  expect((await reader.api.get('/desk/')).status()).toBe(403);

  const admin = await demoReader('admin');
  const { context, page } = await browserFor(browser, await admin.api.storageState());
  await page.goto('/desk/people/');
  await page.getByLabel('E-mail address of the account').fill(reader.email.toUpperCase());
  await page.getByLabel('Editor', { exact: true }).check();
  await page.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText(`${reader.email} is now an editor.`)).toBeVisible();
  await expect(page.locator('.desk-table')).toContainText(reader.email);

  // The change applies at once: the same session now reaches the desk and its previews.
  expect((await reader.api.get('/desk/')).status()).toBe(200);
  expect((await reader.api.get('/markets/draft-fixture-story/')).status()).toBe(200);

  await page.getByLabel('E-mail address of the account').fill('admin@demo.masthead.test');
  await page.getByLabel('Reader', { exact: true }).check();
  await page.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('You cannot change your own role. Ask another admin.')).toBeVisible();
  await page.getByLabel('E-mail address of the account').fill('nobody-here@example.test');
  await page.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('No account uses nobody-here@example.test.')).toBeVisible();
  await context.close();

  // An editor posting the form directly is refused.
  const editor = await demoReader('editor');
  const forged = await editor.api.post('/desk/people/?_action=changeUserRole', { form: { email: reader.email, role: 'admin' }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
});
