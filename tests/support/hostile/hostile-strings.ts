// Strings an attacker or a broken client sends: empty, blank, enormous, odd unicode and
// injection attempts. Shared by the action and webhook properties.
import fc from 'fast-check';

/**
 * Put inside every markup-shaped string: if a response carries it verbatim, the input was
 * echoed unescaped (escaped HTML turns `<` into `&lt;`; JSON keeps it, so JSON must not echo it).
 */
export const ECHO_MARKER = '<script>hostile-echo</script>';

export const injections = fc.constantFrom(
  `' OR '1'='1' --`,
  `'; DROP TABLE users; --`,
  `") ; DELETE FROM sessions; --`,
  `${ECHO_MARKER}`,
  `"><img src=x onerror=alert(1)>${ECHO_MARKER}`,
  `javascript:alert(1)//${ECHO_MARKER}`,
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: evil=1',
  '\r\nX-Injected: 1',
  '__proto__',
  'constructor',
  '{"__proto__":{"admin":true}}',
);

export const unicodeOddities = fc.constantFrom(
  '\u0000',
  'a\u0000b@example.test',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil\u202C@example.test',
  '\u200B\u200C\u200D\uFEFF',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̴̡̢̛̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡',
  '\u{10FFFF}',
  'ﬀ@ｅｘａｍｐｌｅ．ｔｅｓｔ',
);

export const blanks = fc.constantFrom('', ' ', '   ', '\t', '\n', '\r\n', '\u00A0', '\u3000');

/** Past every limit the forms set (the largest is a password's 512 characters, a next's 1024). */
export const enormous = fc.oneof(
  fc.integer({ min: 1100, max: 5000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 300, max: 2000 }).map((n) => `${'x'.repeat(n)}@example.test`),
  fc.integer({ min: 400, max: 1200 }).map((n) => '😀'.repeat(n)),
);

export const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });
export const anyBinaryText = fc.string({ unit: 'binary', maxLength: 40 });

/** Any of the above, weighted towards the hostile kinds. */
export const hostileString = fc.oneof(
  { arbitrary: injections, weight: 3 },
  { arbitrary: unicodeOddities, weight: 3 },
  { arbitrary: blanks, weight: 2 },
  { arbitrary: enormous, weight: 1 },
  { arbitrary: anyText, weight: 1 },
  { arbitrary: anyBinaryText, weight: 1 },
);

/** Field names no form has, including the prototype-polluting ones. */
export const strayFieldName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', '__proto__.admin', 'constructor.prototype.role', 'role', 'creditBalance', 'userId', 'isAdmin', 'slug.0'),
  fc.string({ minLength: 1, maxLength: 20 }),
);
