// Unit and integration tests run in plain Node: the rules under test import no astro:* module,
// so Astro's Vite config (getViteConfig) is not needed and would only slow start-up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    // The code under test logs through pino straight to stdout, past Vitest's console capture:
    // quiet here. Servers the tests start log as shipped (tests/support/site-server.ts).
    env: { LOG_LEVEL: 'silent' },
  },
});
