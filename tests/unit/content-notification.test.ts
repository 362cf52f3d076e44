import { describe, expect, it } from 'vitest';
import { decodeContentNotification, encodeContentNotification, MAX_NOTIFICATION_BYTES } from '../../src/lib/content/content-notification.ts';

describe('content notifications between instances', () => {
  it('carry the keys to another instance, and nothing back to the sender', () => {
    const payload = encodeContentNotification('instance-a', ['story:x', 'section:business', 'front']);
    expect(decodeContentNotification(payload, 'instance-b')).toEqual(['story:x', 'section:business', 'front']);
    expect(decodeContentNotification(payload, 'instance-a')).toBeUndefined();
  });

  it("send keys that would not fit in PostgreSQL's 8000 bytes as '*'", () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `story:a-rather-long-story-slug-${i}`);
    const payload = encodeContentNotification('instance-a', keys);
    expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(decodeContentNotification(payload, 'instance-b')).toEqual(['*']);
    // Just under the limit still goes key by key.
    const fitting = keys.slice(0, 150);
    expect(Buffer.byteLength(encodeContentNotification('instance-a', fitting))).toBeLessThanOrEqual(MAX_NOTIFICATION_BYTES);
    expect(decodeContentNotification(encodeContentNotification('instance-a', fitting), 'instance-b')).toEqual(fitting);
  });

  it.each([['not json'], ['{"keys":["story:x"]}'], ['{"from":"x","keys":[1]}'], ['null']])('read %j as "purge everything"', (payload) => {
    expect(decodeContentNotification(payload, 'instance-b')).toEqual(['*']);
  });
});
