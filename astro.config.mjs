// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { filterMdxBuildWarnings } from './src/build/filter-mdx-warnings.mjs';

// The site URL is read once here for Astro's own use (canonical URLs in build output)
// and again at run time through astro:env, so one build can serve any host.
const siteUrl = process.env.SITE_URL ?? 'http://localhost:4321';
// Tests and benchmarks build other content into other folders; the default is the
// editors' content/ and dist/.
const outDir = process.env.MASTHEAD_OUT_DIR ?? './dist';

export default defineConfig({
  site: siteUrl,
  outDir,
  output: 'server',
  // 'ignore' here, and src/middleware.ts redirects GETs to the slashed URL: with 'always',
  // Astro would also redirect POSTs (Stripe's webhook among them), which clients do not follow.
  trailingSlash: 'ignore',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx()],
  server: { port: 4321, host: '127.0.0.1' },
  build: { inlineStylesheets: 'always' },
  // Declared as server "secret" variables so they are read from the environment when the
  // server starts, not inlined at build: one build serves any host, name and cache policy.
  // The start script and command-line tools read the same variables through
  // src/server/config/server-env.ts, since they cannot import astro:env.
  env: {
    schema: {
      SITE_URL: envField.string({
        context: 'server',
        access: 'secret',
        url: true,
        default: 'http://localhost:4321',
      }),
      PUBLICATION_NAME: envField.string({ context: 'server', access: 'secret', default: 'Masthead' }),
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      DATA_DIR: envField.string({ context: 'server', access: 'secret', default: '.data' }),
      SMTP_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      MAIL_FROM: envField.string({ context: 'server', access: 'secret', optional: true }),
      OUTBOX_DIR: envField.string({ context: 'server', access: 'secret', optional: true }),
      MAIL_CONTACT: envField.string({ context: 'server', access: 'secret', optional: true }),
      TRUST_PROXY: envField.boolean({ context: 'server', access: 'secret', default: false }),
      STRIPE_SECRET_KEY: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_WEBHOOK_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_PRICE_CLUB_MONTHLY: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_PRICE_CLUB_YEARLY: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_PRICE_CREDITS_5: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_PRICE_CREDITS_20: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_API_HOST: envField.string({ context: 'server', access: 'secret', optional: true }),
      STRIPE_API_PORT: envField.number({ context: 'server', access: 'secret', optional: true }),
      STRIPE_API_PROTOCOL: envField.enum({ context: 'server', access: 'secret', values: ['http', 'https'], optional: true }),
      MEMBERSHIP_GRACE_DAYS: envField.number({ context: 'server', access: 'secret', int: true, default: 7 }),
      MASTHEAD_DEMO_PAYMENTS: envField.boolean({ context: 'server', access: 'secret', default: false }),
      ANONYMOUS_CACHE_SECONDS: envField.number({
        context: 'server',
        access: 'secret',
        int: true,
        default: 60,
      }),
    },
  },
  vite: {
    build: { rolldownOptions: { onwarn: filterMdxBuildWarnings } },
  },
});
