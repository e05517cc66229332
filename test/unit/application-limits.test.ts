import { describe, expect, it } from 'vitest';
import { ApplicationLimiter } from '../../src/attribution/partners/application-limiter.ts';
import { emailKey } from '../../src/attribution/partners/applications.ts';
import { AppError } from '../../src/errors/index.ts';

function refusal(take: () => void): AppError | undefined {
  try {
    take();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('the sign-up form’s limits', () => {
  it('takes an hour’s allowance at once, then answers rate_limited with the seconds until the next one', () => {
    let now = 1_000_000;
    const limiter = new ApplicationLimiter({ perAddressPerHour: 3, perProgramPerHour: 0 }, () => now);
    for (let i = 0; i < 3; i += 1) expect(refusal(() => limiter.takeAddress('203.0.113.5'))).toBeUndefined();
    const refused = refusal(() => limiter.takeAddress('203.0.113.5'));
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.headers).toEqual({ 'retry-after': '1200' });
    // Another address, and the program (limit off), are not affected.
    expect(refusal(() => limiter.takeAddress('203.0.113.6'))).toBeUndefined();
    for (let i = 0; i < 10; i += 1) expect(refusal(() => limiter.takeProgram('ws', 1))).toBeUndefined();
    now += 1_200_000;
    expect(refusal(() => limiter.takeAddress('203.0.113.5'))).toBeUndefined();
    expect(refusal(() => limiter.takeAddress('203.0.113.5'))?.code).toBe('rate_limited');
  });

  it('counts IPv6 per /64, exempts loopback from the per-address limit but not from the per-program one', () => {
    const limiter = new ApplicationLimiter({ perAddressPerHour: 1, perProgramPerHour: 2 }, () => 0);
    limiter.takeAddress('2001:db8:0:1::1');
    expect(refusal(() => limiter.takeAddress('2001:db8:0:1:abcd::2'))?.code).toBe('rate_limited');
    expect(refusal(() => limiter.takeAddress('2001:db8:0:2::1'))).toBeUndefined();
    for (let i = 0; i < 5; i += 1) expect(refusal(() => limiter.takeAddress('127.0.0.1'))).toBeUndefined();
    limiter.takeProgram('ws', 1);
    limiter.takeProgram('ws', 1);
    expect(refusal(() => limiter.takeProgram('ws', 1))?.message).toContain('to this program');
    expect(refusal(() => limiter.takeProgram('other-ws', 1))).toBeUndefined();
  });
});

describe('emailKey', () => {
  it('trims, composes and lower-cases, keeping sub-addresses apart', () => {
    expect(emailKey('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailKey('Jose\u0301@example.com')).toBe(emailKey('jos\u00e9@example.com'));
    expect(emailKey('ada+news@example.com')).not.toBe(emailKey('ada@example.com'));
  });
});
