// Metadata as Stripe takes it: string pairs within Stripe's documented limits (50 keys, keys up
// to 40 characters without square brackets, values up to 500 characters). Stripe answers a
// request past them with a 400 and creates nothing, so the double does too: code that would
// put a long `next` path or story into metadata fails here as it would in production.
import { stringMap, type FormValue } from './form.ts';
import { StripeError } from './http.ts';

export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

/** The metadata map at `path` of the request's parameters (e.g. 'subscription_data', 'metadata'), checked. */
export function metadataParam(params: FormValue | undefined, ...path: string[]): Record<string, string> {
  const map = stringMap(params, ...path);
  const param = (key: string) => `${path[0]}${path.slice(1).map((p) => `[${p}]`).join('')}[${key}]`;
  const keys = Object.keys(map);
  if (keys.length > METADATA_LIMITS.keys) {
    throw new StripeError(400, `You can have up to ${METADATA_LIMITS.keys} metadata keys, but you passed ${keys.length}.`, { param: path.join('.') });
  }
  for (const [key, value] of Object.entries(map)) {
    if (key.length > METADATA_LIMITS.keyLength) {
      throw new StripeError(400, `Metadata keys can have up to ${METADATA_LIMITS.keyLength} characters, but you passed in a key that is ${key.length} characters.`, { param: param(key) });
    }
    if (/[[\]]/.test(key)) throw new StripeError(400, 'Metadata keys cannot contain square brackets.', { param: param(key) });
    if (value.length > METADATA_LIMITS.valueLength) {
      throw new StripeError(400, `Metadata values can have up to ${METADATA_LIMITS.valueLength} characters, but you passed in a value that is ${value.length} characters.`, { param: param(key) });
    }
  }
  return map;
}
