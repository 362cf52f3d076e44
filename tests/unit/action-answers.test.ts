import { describe, expect, it } from 'vitest';
import { actionErrorStatus } from '../../src/lib/forms/form-state.ts';
import { refuseJsonToAction } from '../../src/server/http/action-body.ts';

describe('actionErrorStatus', () => {
  it.each([
    ['BAD_REQUEST', 400],
    ['UNAUTHORIZED', 401],
    ['PAYMENT_REQUIRED', 402],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['CONTENT_TOO_LARGE', 413],
    ['TOO_MANY_REQUESTS', 429],
    ['INTERNAL_SERVER_ERROR', 500],
    ['SERVICE_UNAVAILABLE', 503],
    [undefined, 400],
  ])('%s answers %i', (code, status) => {
    expect(actionErrorStatus(code)).toBe(status);
  });
});

describe('refuseJsonToAction', () => {
  const post = (path: string, type: string) => {
    const url = new URL(path, 'http://localhost');
    return refuseJsonToAction(new Request(url, { method: 'POST', headers: { 'content-type': type }, body: '{' }), url);
  };

  it('refuses JSON to an action, by either route, with a 415 that says what to send', async () => {
    for (const [path, type] of [['/_actions/signIn', 'application/json'], ['/sign-in/?_action=signIn', 'application/json; charset=utf-8'], ['/_actions/unlock', 'application/merge-patch+json']]) {
      const response = post(path!, type!);
      expect(response?.status).toBe(415);
      expect(((await response!.json()) as { message: string }).message).toContain('application/x-www-form-urlencoded');
    }
  });

  it('lets forms, other paths and other methods through', () => {
    expect(post('/_actions/signIn', 'application/x-www-form-urlencoded')).toBeUndefined();
    expect(post('/api/stripe/webhook', 'application/json')).toBeUndefined();
    const url = new URL('/_actions/signIn', 'http://localhost');
    expect(refuseJsonToAction(new Request(url, { headers: { 'content-type': 'application/json' } }), url)).toBeUndefined();
  });
});
