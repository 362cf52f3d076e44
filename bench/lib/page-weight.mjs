// The weight of a page as served, uncompressed: the HTML (with its inlined CSS and JSON-LD),
// linked stylesheets, and JavaScript (inline and fetched). Figures: docs/performance.md.
import { gzipSync } from 'node:zlib';
import { get } from './harness.mjs';

export const WEIGHT_GOALS = { htmlCssKb: 60, jsKb: 5 };

function attributes(tag) {
  const attrs = {};
  const inner = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const m of inner.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

const JSON_TYPES = /^(application\/(ld\+)?json|importmap|speculationrules)$/i;

export async function pageWeight(html, pageUrl) {
  const text = html.toString('utf8').replace(/<!--[\s\S]*?-->/g, '');
  const bytes = (s) => Buffer.byteLength(s, 'utf8');
  const fetchAsset = async (href) => {
    const url = new URL(href, pageUrl).href;
    const res = await get(url);
    return { url: new URL(url).pathname, status: res.status, bytes: res.body.length };
  };

  let inlineCss = 0;
  for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) inlineCss += bytes(m[1]);

  const linkedCss = [];
  const preloadedJs = [];
  for (const m of text.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(m[0]);
    const rel = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!a.href) continue;
    if (rel.includes('stylesheet')) linkedCss.push(await fetchAsset(a.href));
    else if (rel.includes('modulepreload') || (rel.includes('preload') && a.as === 'script')) preloadedJs.push(await fetchAsset(a.href));
  }

  let inlineJs = 0;
  let inlineJson = 0;
  const externalJs = [];
  for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const a = attributes(`<script${m[1]}>`);
    if (a.src) externalJs.push(await fetchAsset(a.src));
    else if (a.type && JSON_TYPES.test(a.type.trim())) inlineJson += bytes(m[2]);
    else inlineJs += bytes(m[2]);
  }
  const seen = new Set(externalJs.map((s) => s.url));
  const jsAssets = [...externalJs, ...preloadedJs.filter((s) => !seen.has(s.url))];

  const htmlBytes = html.length;
  const linkedCssBytes = linkedCss.reduce((sum, s) => sum + s.bytes, 0);
  const externalJsBytes = jsAssets.reduce((sum, s) => sum + s.bytes, 0);
  return {
    htmlBytes,
    htmlGzipBytes: gzipSync(html, { level: 9 }).length,
    inlineCssBytes: inlineCss,
    inlineJsonBytes: inlineJson,
    linkedCssBytes,
    linkedCss,
    htmlPlusCssBytes: htmlBytes + linkedCssBytes,
    inlineJsBytes: inlineJs,
    externalJsBytes,
    externalJs: jsAssets,
    jsBytes: inlineJs + externalJsBytes,
  };
}
