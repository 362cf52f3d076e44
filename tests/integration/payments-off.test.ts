// Payments are optional: without Stripe settings the server starts with payments off (the Club
// and credits pages then say so); half a Stripe configuration is refused at start, naming
// what is missing. (The pages themselves are checked in the browser tests.)
import { describe, expect, it } from 'vitest';
import { ConfigError, readServerEnv } from '../../src/server/config/server-env.ts';

const PRICES = {
  STRIPE_PRICE_CLUB_MONTHLY: 'price_club_monthly',
  STRIPE_PRICE_CLUB_YEARLY: 'price_club_yearly',
  STRIPE_PRICE_CREDITS_5: 'price_credits_5',
  STRIPE_PRICE_CREDITS_20: 'price_credits_20',
};
const KEYS = { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' };

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    readServerEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('readServerEnv accepted an incomplete Stripe configuration');
}

describe('payments off', () => {
  it('is the state with no STRIPE_* settings at all', () => {
    expect(readServerEnv({}).stripe).toBeUndefined();
  });

  it('is also the state with only price ids (no secret key)', () => {
    expect(readServerEnv({ ...PRICES, STRIPE_WEBHOOK_SECRET: 'whsec_x' }).stripe).toBeUndefined();
  });
});

describe('a partial Stripe configuration', () => {
  it('is refused when the secret key has no webhook secret', () => {
    const error = refusal({ ...PRICES, STRIPE_SECRET_KEY: 'sk_test_x' });
    expect(error.message).toContain('STRIPE_WEBHOOK_SECRET');
  });

  it.each(Object.keys(PRICES))('is refused when %s is missing, naming it', (missing) => {
    const { [missing]: _left, ...prices } = PRICES as Record<string, string>;
    expect(refusal({ ...KEYS, ...prices }).message).toContain(missing);
  });
});

describe('a complete Stripe configuration', () => {
  it('turns payments on, against Stripe itself unless another API host is given', () => {
    expect(readServerEnv({ ...KEYS, ...PRICES }).stripe).toEqual({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      prices: { clubMonthly: 'price_club_monthly', clubYearly: 'price_club_yearly', credits5: 'price_credits_5', credits20: 'price_credits_20' },
      api: undefined,
    });
    expect(readServerEnv({ ...KEYS, ...PRICES, STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '4397', STRIPE_API_PROTOCOL: 'http' }).stripe?.api).toEqual({ host: '127.0.0.1', port: 4397, protocol: 'http' });
  });
});
