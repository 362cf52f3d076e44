// @ts-check
// A throwaway Astro project for bench/live-collection.mjs: the same story read two ways, through
// a live content collection (src/live.config.ts) and directly in the page. It is not part of the
// site: the site's build reads ../../src only, and tsconfig.json leaves this folder out.
//
// The bench builds it with LIVE_BENCH_WORK_DIR set, so Astro's root (its .astro/ folder), its
// cache and the build land in that temp folder and nothing is written here. With
// LIVE_BENCH_ROUTE_CACHE=1 the direct page is cached by Astro's route cache (memoryCache()).
import path from 'node:path';
import { defineConfig, memoryCache } from 'astro/config';
import node from '@astrojs/node';

const here = import.meta.dirname;
const work = process.env.LIVE_BENCH_WORK_DIR;
const routeCache = process.env.LIVE_BENCH_ROUTE_CACHE === '1';

export default defineConfig({
  root: work ? path.join(work, 'astro-root') : here,
  srcDir: path.join(here, 'src'),
  publicDir: path.join(here, 'public'),
  outDir: work ? path.join(work, routeCache ? 'dist-route-cache' : 'dist') : path.join(here, 'dist'),
  cacheDir: work ? path.join(work, 'astro-cache') : path.join(here, 'node_modules/.astro'),
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  ...(routeCache
    ? {
        cache: { provider: memoryCache() },
        // Long enough that no entry expires during a run: every request after the first per
        // story is a hit.
        routeRules: { '/direct/[section]/[slug]': { maxAge: 3600 } },
      }
    : {}),
});
