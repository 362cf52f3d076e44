// The site the browser and leak tests run against: the real content plus the fixture
// stories (canary, draft, scheduled), built into .test-build/ and served on TEST_PORT.
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where the test site is built and keeps its data; override to run a second suite beside this one. */
export const TEST_BUILD_DIR = path.resolve(ROOT, process.env.TEST_BUILD_DIR ?? '.test-build');
export const TEST_CONTENT_DIR = path.join(TEST_BUILD_DIR, 'content');
export const TEST_OUT_DIR = path.join(TEST_BUILD_DIR, 'dist');
export const TEST_PORT = Number(process.env.TEST_PORT ?? 4399);
export const TEST_BASE_URL = `http://127.0.0.1:${TEST_PORT}`;
/** The SMTP listener the test server sends its e-mail to (see mail-catcher.ts). */
export const TEST_SMTP_PORT = Number(process.env.TEST_SMTP_PORT ?? 4398);
/** The Stripe double the test server takes payments through (see build-and-serve.ts). */
export const TEST_STRIPE_PORT = Number(process.env.TEST_STRIPE_PORT ?? 4397);
export const TEST_STRIPE_URL = `http://127.0.0.1:${TEST_STRIPE_PORT}`;
/** The webhook signing secret the test server and the double share. */
export const TEST_STRIPE_WEBHOOK_SECRET = 'whsec_test_masthead';
/** The test server's Stripe secret key (the double accepts any sk_test_ key). */
export const TEST_STRIPE_SECRET_KEY = 'sk_test_masthead';
/** Each e-mail the test server sends is written here as `<n>.json` (see mail-inbox.ts). */
export const TEST_MAIL_DIR = path.join(TEST_BUILD_DIR, 'mail');
/** The canonical URL the test build is configured with, so URLs in feeds can be mapped back. */
export const TEST_SITE_URL = 'https://news.example.test';
