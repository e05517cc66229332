import { describe, expect, it } from 'vitest';
import { stripeAmountToMinor, stripeCurrency } from '../../src/integrations/stripe/stripe-amounts.ts';
import { opportunityIdOf, readStripeEvent } from '../../src/integrations/stripe/stripe-event.ts';

describe('Stripe amounts as ISO 4217 minor units', () => {
  it.each([
    [4999, 'usd', 4999, 'USD'],
    [5000, 'jpy', 5000, 'JPY'],
    [12_345, 'kwd', 12_345, 'KWD'],
    // Zero-decimal in Stripe, two decimals in ISO 4217.
    [5000, 'mga', 500_000, 'MGA'],
    // Counted in hundredths by Stripe for backwards compatibility, zero decimals in ISO 4217.
    [50_000, 'isk', 500, 'ISK'],
    [1_000_000, 'ugx', 10_000, 'UGX'],
    [0, 'eur', 0, 'EUR'],
  ])('%i %s is %i %s', (amount, currency, minor, code) => {
    expect(stripeCurrency(currency)).toBe(code);
    expect(stripeAmountToMinor(amount, code)).toBe(minor);
  });

  it('refuses what is not a whole amount, negative, fractional or in no currency', () => {
    expect(() => stripeAmountToMinor(50_050, 'ISK')).toThrow(/whole number/);
    expect(() => stripeAmountToMinor(-1, 'USD')).toThrow();
    expect(() => stripeAmountToMinor(1.5, 'USD')).toThrow();
    expect(() => stripeAmountToMinor('100', 'USD')).toThrow();
    expect(() => stripeCurrency('zzz')).toThrow(/ISO 4217/);
    expect(() => stripeCurrency(undefined)).toThrow();
  });
});

describe('reading Stripe events', () => {
  const session = (fields: Record<string, unknown>) => ({
    id: 'evt_1',
    type: 'checkout.session.completed',
    data: { object: { id: 'cs_1', mode: 'payment', amount_total: 100, currency: 'usd', payment_intent: 'pi_1', invoice: null, metadata: {}, ...fields } },
  });

  it('reads opportunity ids only as positive integers in range', () => {
    expect(opportunityIdOf('42')).toBe(42);
    expect(opportunityIdOf(' 42 ')).toBe(42);
    expect(opportunityIdOf('0')).toBeNull();
    expect(opportunityIdOf('4x')).toBeNull();
    expect(opportunityIdOf('99999999999')).toBeNull();
    expect(opportunityIdOf(null)).toBeNull();
  });

  it('tries client_reference_id before the metadata key the workspace chose', () => {
    const action = readStripeEvent(session({ client_reference_id: '7', metadata: { partner_oid: '8', tributary_oid: '9' } }), { metadataKey: 'partner_oid' });
    expect(action).toMatchObject({ kind: 'sale', opportunityHints: [7, 8], externalId: 'pi_1', refs: ['cs_1', 'pi_1'] });
  });

  it('names a sale by its payment intent, else its invoice, else the session', () => {
    expect(readStripeEvent(session({ payment_intent: null, invoice: 'in_1' }), { metadataKey: 'x' })).toMatchObject({ externalId: 'in_1' });
    expect(readStripeEvent(session({ payment_intent: null }), { metadataKey: 'x' })).toMatchObject({ externalId: 'cs_1' });
    expect(readStripeEvent(session({ payment_intent: { id: 'pi_expanded', object: 'payment_intent' } }), { metadataKey: 'x' })).toMatchObject({ externalId: 'pi_expanded' });
  });

  it('ignores setup sessions and non-renewal invoices, reads the subscription of an invoice before basil too', () => {
    expect(readStripeEvent(session({ mode: 'setup' }), { metadataKey: 'x' }).kind).toBe('ignored');
    const invoice = (fields: Record<string, unknown>) => ({ id: 'evt_2', type: 'invoice.paid', data: { object: { id: 'in_2', amount_paid: 300, currency: 'usd', ...fields } } });
    expect(readStripeEvent(invoice({ billing_reason: 'manual' }), { metadataKey: 'x' }).kind).toBe('ignored');
    expect(readStripeEvent(invoice({ billing_reason: 'subscription_cycle', subscription: 'sub_old', payment_intent: 'pi_2' }), { metadataKey: 'x' })).toMatchObject({
      kind: 'renewal',
      subscriptionId: 'sub_old',
      refs: ['in_2', 'pi_2'],
    });
  });
});
