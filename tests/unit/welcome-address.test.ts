// Which addresses count as one for the welcome credits (src/lib/auth/welcome-address.ts).
import { describe, expect, it } from 'vitest';
import { welcomeAddress } from '../../src/lib/auth/welcome-address.ts';

describe('welcomeAddress', () => {
  it.each([
    // address, counts as
    ['ana@example.com', 'ana@example.com'],
    ['Ana@Example.COM', 'ana@example.com'],
    ['  ana@example.com ', 'ana@example.com'],
    ['ana+news@example.com', 'ana@example.com'],
    ['ana+news+more@example.com', 'ana@example.com'],
    ['ana+@example.com', 'ana@example.com'],
    ['a.na@example.com', 'a.na@example.com'], // dots matter outside Gmail
    ['a.n.a@gmail.com', 'ana@gmail.com'],
    ['A.N.A+promo@GMAIL.com', 'ana@gmail.com'],
    ['ana@googlemail.com', 'ana@gmail.com'],
    ['a.na+x@googlemail.com', 'ana@gmail.com'],
    ['+ana@example.com', '+ana@example.com'], // nothing before the +: not a tag
    ['a%b_c@x.example', 'a%b_c@x.example'],
    ['ana@sub.gmail.com', 'ana@sub.gmail.com'], // only Gmail itself ignores dots
  ])('%s counts as %s', (address, expected) => {
    expect(welcomeAddress(address)).toBe(expected);
  });

  it('gives different keys to different people', () => {
    expect(welcomeAddress('ana@example.com')).not.toBe(welcomeAddress('anna@example.com'));
    expect(welcomeAddress('ana@example.com')).not.toBe(welcomeAddress('ana@example.org'));
    expect(welcomeAddress('a.na@outlook.com')).not.toBe(welcomeAddress('an.a@outlook.com'));
  });
});
