// The per-process bound on password sign-in requests the Node server applies before Astro
// sees them: which requests it counts, how many at once, and the page it answers with.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { admitSignIn, isPasswordSignIn, RequestBound } from '../../src/server/auth/sign-in-admission.ts';

/** Just what admitSignIn reads of a Node request and writes to its response. */
function exchange(method: string, url: string) {
  const req = { method, url } as IncomingMessage;
  const answer: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const events = new EventEmitter();
  const res = {
    once: (event: string, listener: () => void) => events.once(event, listener),
    writeHead: (status: number, headers: Record<string, string>) => Object.assign(answer, { status, headers }),
    end: (body: string) => Object.assign(answer, { body }),
  } as unknown as ServerResponse; // a stand-in: only these three members are used
  return { req, res, answer, close: () => events.emit('close') };
}

describe('isPasswordSignIn', () => {
  it.each([
    ['POST', '/sign-in/?_action=signIn', true],
    ['POST', '/_actions/signIn', true],
    ['POST', '/_actions/signIn/', true],
    ['POST', '/sign-in/?_action=requestLink', false],
    ['POST', '/_actions/signInLink', false],
    ['GET', '/sign-in/?_action=signIn', false],
    ['POST', '/register/?_action=register', false],
  ])('%s %s → %s', (method, path, expected) => {
    expect(isPasswordSignIn(method, new URL(path, 'http://site.test'))).toBe(expected);
  });
});

describe('RequestBound', () => {
  it('lets `limit` requests in at once, refuses the next, and takes one again once one leaves', () => {
    const bound = new RequestBound(2);
    const first = bound.enter();
    const second = bound.enter();

    expect(bound.enter()).toBeNull();
    first!();
    first!(); // leaving twice counts once
    expect(bound.inFlight).toBe(1);
    expect(bound.enter()).not.toBeNull();
    expect(second).not.toBeNull();
  });
});

describe('admitSignIn', () => {
  it('lets sign-ins in up to the bound, answers the next 429 with the message and the e-mailed link form, and counts one out when its response closes', () => {
    const bound = new RequestBound(1);
    const first = exchange('POST', '/sign-in/?_action=signIn');
    const second = exchange('POST', '/sign-in/?_action=signIn');

    expect(admitSignIn(first.req, first.res, 'The <Daily>', bound)).toBe(true);
    expect(admitSignIn(second.req, second.res, 'The <Daily>', bound)).toBe(false);

    expect(second.answer.status).toBe(429);
    expect(second.answer.headers).toMatchObject({ 'Cache-Control': 'no-store' });
    expect(second.answer.body).toContain('You can still sign in straight away with a link sent by e-mail');
    expect(second.answer.body).toContain('The &#60;Daily&#62;');
    expect(second.answer.body).toMatch(/<form method="post" action="\/sign-in\/\?_action=requestLink">/);
    first.close();
    expect(bound.inFlight).toBe(0);
    const third = exchange('POST', '/sign-in/?_action=signIn');
    expect(admitSignIn(third.req, third.res, 'The Daily', bound)).toBe(true);
  });

  it('lets every other request through uncounted', () => {
    const bound = new RequestBound(0);
    for (const [method, url] of [['GET', '/sign-in/'], ['POST', '/sign-in/?_action=requestLink'], ['POST', '/register/?_action=register']] as const) {
      const { req, res, answer } = exchange(method, url);
      expect(admitSignIn(req, res, 'The Daily', bound)).toBe(true);
      expect(answer.status).toBeUndefined();
    }
  });
});
