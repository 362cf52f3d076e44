// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import { filterMdxBuildWarnings } from './src/build/filter-mdx-warnings.mjs';

// The site URL is read once here for Astro's own use (canonical URLs in build output)
// and again at run time through astro:env, so one build can serve any host.
const siteUrl = process.env.SITE_URL ?? 'http://localhost:4321';
// The build holds no story (the server takes content/ into the database when it starts):
// tests and benchmarks only build into other folders; the default is dist/.
const outDir = process.env.MASTHEAD_OUT_DIR ?? './dist';

export default defineConfig({
  site: siteUrl,
  outDir,
  output: 'server',
  // 'ignore' here, and src/middleware.ts redirects GETs to the slashed URL: with 'always',
  // Astro would also redirect POSTs (Stripe's webhook among them), which clients do not follow.
  trailingSlash: 'ignore',
  // Astro reads no request body past 1 MiB: the Stripe webhook's limit (1 MB) is the largest,
  // forms stop at 64 KiB (src/server/http/body-limit.ts checks both before and while reading).
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  security: {
    actionBodySizeLimit: 64 * 1024,
    // Astro hashes its own scripts and styles into script-src and style-src and sends the
    // policy as a header on every page it renders; the rest of the policy is here. Answers
    // that are not pages (JSON, feeds, the 503 page) get a stricter one from
    // src/server/http/security-headers.ts. Forms post to this site, then redirect (to Stripe
    // too): form-action is left out, since Chrome applies it to the redirect's target.
    csp: {
      directives: [
        "default-src 'self'",
        // Editors' figures may come from an image host.
        "img-src 'self' https: data:",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  // For the editorial pages under src/pages (about, terms …), which are MDX; stories are not.
  integrations: [mdx()],
  // No Shiki for their code blocks: it colours with inline style attributes, which the CSP
  // below refuses. A code block is shown plain.
  markdown: { syntaxHighlight: false },
  server: { port: 4321, host: '127.0.0.1' },
  build: { inlineStylesheets: 'always' },
  // Astro's own messages: in the running server, lines of the process's logger (an error on its
  // way to the 500 page with the request id and the stack); elsewhere printed as Astro prints
  // them. A URL, so builds with another root (src/build/isolated-build.mjs) find it too.
  logger: { entrypoint: new URL('./src/server/log/astro-log-destination.mjs', import.meta.url) },
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
      // The server's log lines (src/server/log/log-settings.ts): JSON in production; outside it,
      // pretty when stdout is a terminal, JSON otherwise. LOG_LEVEL=silent turns them off.
      LOG_FORMAT: envField.enum({ context: 'server', access: 'secret', values: ['json', 'pretty'], optional: true }),
      LOG_LEVEL: envField.enum({
        context: 'server',
        access: 'secret',
        values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
        default: 'info',
      }),
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
