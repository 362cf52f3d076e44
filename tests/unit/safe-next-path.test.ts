// Where a reader goes after signing in or registering: only a path on this site. Every known
// way to smuggle another host past a "starts with /" check is tried here, and the answer is
// checked the way a browser reads a Location header.
import { describe, expect, it } from 'vitest';
import { isSameSitePath, safeNextPath } from '../../src/lib/auth/safe-next-path.ts';

/** Where a browser on the site would land after `Location: <value>`. */
function landsOn(location: string): string {
  return new URL(location, 'https://news.example.test/sign-in/').host;
}

const BYPASSES: [name: string, next: string][] = [
  ['a protocol-relative URL', '//evil.example/phish'],
  ['three slashes', '///evil.example/phish'],
  ['a dot segment before a double slash', '/.//evil.example/phish'],
  ['a parent segment before a double slash', '/..//evil.example/phish'],
  ['encoded parent segments', '/%2e%2e//evil.example/phish'],
  ['encoded dot segment', '/%2e//evil.example/phish'],
  ['mixed-case encoded parent segments', '/%2E%2e//evil.example/phish'],
  ['a backslash after the slash', '/\\evil.example/phish'],
  ['two backslashes', '\\\\evil.example/phish'],
  ['a backslash after a dot segment', '/.\\/evil.example'],
  ['a tab between the slashes', '/\t/evil.example/phish'],
  ['an encoded tab between the slashes', '/%09/evil.example/phish'],
  ['a newline between the slashes', '/\n/evil.example/phish'],
  ['an encoded CR LF (header injection)', '/%0d%0aSet-Cookie:%20x=1'],
  ['a raw CR LF (header injection)', '/\r\nLocation: https://evil.example/'],
  ['an encoded slash', '/%2f/evil.example/phish'],
  ['an encoded upper-case slash', '/%2F%2Fevil.example/phish'],
  ['an encoded backslash', '/%5c/evil.example/phish'],
  ['an encoded upper-case backslash', '/%5Cevil.example/phish'],
  ['a NUL byte', '/\u0000/evil.example'],
  ['an encoded NUL byte', '/%00/evil.example'],
  ['a DEL byte', '/\u007f/evil.example'],
  ['a C1 control (NEL)', '/\u0085/evil.example'],
  ['an absolute URL', 'https://evil.example/phish'],
  ['a scheme-less host', 'evil.example/phish'],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
  ['a leading space', ' //evil.example'],
  ['a broken escape', '/%zz/evil'],
  ['over 512 characters', `/${'a'.repeat(600)}`],
];

// Lookalikes of "/" and "\" are not separators to a URL parser: they stay in the path, percent-
// encoded, so they are harmless there. Each must come back as a path on this site.
const LOOKALIKES: [name: string, next: string][] = [
  ['a fullwidth solidus', '/\uff0fevil.example'],
  ['a division slash', '/\u2215evil.example'],
  ['a fraction slash', '/\u2044evil.example'],
  ['a fullwidth reverse solidus', '/\uff3cevil.example'],
  ['a small reverse solidus', '/\ufe68evil.example'],
];

describe('safeNextPath', () => {
  it.each(BYPASSES)('refuses %s', (_name, next) => {
    const path = safeNextPath(next);
    expect(path).toBe('/');
    expect(landsOn(path)).toBe('news.example.test');
  });

  it.each(LOOKALIKES)('keeps %s on this site, percent-encoded', (_name, next) => {
    const path = safeNextPath(next);
    expect(path).toMatch(/^\/%[0-9A-F]{2}/);
    expect(landsOn(path)).toBe('news.example.test');
  });

  it.each([
    ['/', '/'],
    ['/account/', '/account/'],
    ['/business/some-story/#locked', '/business/some-story/#locked'],
    ['/search/?q=caf%C3%A9&page=2', '/search/?q=caf%C3%A9&page=2'],
    ['/search/?q=a%2Fb', '/search/?q=a%2Fb'],
    ['/business/./some-story/', '/business/some-story/'],
    ['/business/../account/', '/account/'],
    ['/club/?next=//evil.example', '/club/?next=//evil.example'],
    ['/@evil.example', '/@evil.example'],
  ])('keeps the path on this site: %s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it('falls back to the fallback given, for nothing or for a refused value', () => {
    expect(safeNextPath(null, '/account/')).toBe('/account/');
    expect(safeNextPath('', '/account/')).toBe('/account/');
    expect(safeNextPath('/.//evil.example', '/account/')).toBe('/account/');
  });

  it('never answers a value a browser reads as another host (every bypass with every prefix)', () => {
    const prefixes = ['', '/', '/.', '/..', '/./', '/../', '/%2e/', '/%2e%2e/'];
    for (const [, next] of BYPASSES) {
      for (const prefix of prefixes) {
        const path = safeNextPath(prefix + next);
        expect(isSameSitePath(path), `${JSON.stringify(prefix + next)} → ${path}`).toBe(true);
        expect(landsOn(path), `${JSON.stringify(prefix + next)} → ${path}`).toBe('news.example.test');
      }
    }
  });
});

describe('isSameSitePath', () => {
  it.each([
    ['/account/', true],
    ['/', true],
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['/%2F/evil.example', false],
    ['/%5Cevil.example', false],
    ['/%09/evil.example', false],
    ['/a b', false],
    ['account/', false],
    ['', false],
  ])('%s → %s', (path, expected) => {
    expect(isSameSitePath(path)).toBe(expected);
  });
});
