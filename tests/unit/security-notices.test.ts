// The security e-mails: what happened, and where to get help if it was not the reader. No
// action link, and the new address only masked.
import { describe, expect, it } from 'vitest';
import { buildNotice, maskAddress, type NoticeKind } from '../../src/lib/mail/messages.ts';

const DETAILS = { resetLink: 'https://news.example.test/forgot-password/', contact: 'help@news.example.test', newEmail: 'nora.new@example.com' };

describe('maskAddress', () => {
  it.each([
    ['nora.new@example.com', 'n***@example.com'],
    ['a@b.example', 'a***@b.example'],
    ['odd@sub@example.com', 'o***@example.com'],
    ['no-at-sign', '***'],
    ['', '***'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});

describe('buildNotice', () => {
  const kinds: NoticeKind[] = ['password-changed', 'email-change-requested', 'email-changed', 'account-deleted'];

  it.each(kinds)('%s: goes to the given address, names the publication and the help address, in text and HTML', (kind) => {
    const message = buildNotice(kind, 'old@example.com', DETAILS, 'The <Ledger>');
    expect(message.to).toBe('old@example.com');
    expect(message.subject).toContain('The <Ledger>');
    expect(message.text).toContain('If it was not you');
    expect(message.text).toContain('help@news.example.test');
    expect(message.html).toContain('help@news.example.test');
    expect(message.html).toContain('The &lt;Ledger&gt;');
    expect(message.html).not.toContain('<Ledger>');
    // A notice asks for nothing to be clicked: no button.
    expect(message.html).not.toContain('<a ');
  });

  it.each(['email-change-requested', 'email-changed'] as const)('%s: shows the new address masked, never whole', (kind) => {
    const message = buildNotice(kind, 'old@example.com', DETAILS, 'Masthead');
    expect(message.text).toContain('n***@example.com');
    expect(message.text).not.toContain('nora.new');
    expect(message.html).not.toContain('nora.new');
  });

  it.each(['password-changed', 'email-change-requested'] as const)('%s: points to the forgotten-password page, which still reaches the account', (kind) => {
    const message = buildNotice(kind, 'old@example.com', DETAILS, 'Masthead');
    expect(message.text).toContain('https://news.example.test/forgot-password/');
    expect(message.link).toBe('https://news.example.test/forgot-password/');
  });

  it.each(['email-changed', 'account-deleted'] as const)('%s: points to the publication, as a reset from this address would reach nothing', (kind) => {
    const message = buildNotice(kind, 'old@example.com', DETAILS, 'Masthead');
    expect(message.text).not.toContain('forgot-password');
    expect(message.link).toBe('mailto:help@news.example.test');
  });
});
