// Browser tests run in Chromium against the built site with fixture stories (see
// tests/support/build-and-serve.ts). No browser is downloaded: see tests/support/browser.ts.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/browser.ts';
import { TEST_BASE_URL } from './tests/support/test-site.ts';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error(
    'No Chromium found for the browser tests. Set CHROMIUM_PATH, or install one: `sudo apt-get install chromium` on Debian/Ubuntu (or `npx playwright install chromium` where downloads are allowed).',
  );
}

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  timeout: 30_000,
  use: {
    baseURL: TEST_BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'node tests/support/build-and-serve.ts',
    url: `${TEST_BASE_URL}/robots.txt`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
