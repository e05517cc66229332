import { describe, expect, it } from 'vitest';
import { SIREN_EVENT_TYPES, SIREN_TYPE_OF } from '../../../src/attribution/webhooks/index.ts';
import { readSubscriptionInput } from '../../../src/attribution/webhooks/subscription-input.ts';
import { AppError } from '../../../src/errors/index.ts';

function fieldErrors(body: unknown): Array<{ field: string; message: string }> {
  try {
    readSubscriptionInput(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).data as { fields: Array<{ field: string; message: string }> }).fields;
  }
  throw new Error('expected a validation error');
}

describe('Siren event types', () => {
  it('maps one domain event to each type of compat/SIREN.md', () => {
    const types = Object.values(SIREN_TYPE_OF);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual([...SIREN_EVENT_TYPES].sort());
  });

  it('maps the commerce flow as Siren names it', () => {
    expect(SIREN_TYPE_OF).toMatchObject({
      SaleTriggered: 'sale.created',
      TransactionCreated: 'transaction.created',
      ConversionsAwarded: 'conversion.created',
      ObligationIssued: 'obligation.created',
      ConversionApproved: 'conversion.approved',
      PayoutPaid: 'payout.paid',
      FulfillmentStatusChanged: 'fulfillment.updated',
    });
  });

  it('leaves mutable request events (not facts yet) and internal steps unannounced', () => {
    expect(SIREN_TYPE_OF).not.toHaveProperty('TransactionCreateRequested');
    expect(SIREN_TYPE_OF).not.toHaveProperty('ConversionInitialized');
  });
});

describe('subscription input', () => {
  it('accepts known types, deduplicates them and collapses a list with * to ["*"]', () => {
    expect(readSubscriptionInput({ targetUrl: ' https://example.com/h ', events: ['sale.created', 'sale.created', 'payout.paid'] })).toEqual({
      targetUrl: 'https://example.com/h',
      events: ['sale.created', 'payout.paid'],
      description: null,
    });
    expect(readSubscriptionInput({ targetUrl: 'https://example.com/h', events: ['sale.created', '*'], description: 'all' }).events).toEqual(['*']);
  });

  it('names each unknown type by its index', () => {
    expect(fieldErrors({ targetUrl: 'https://example.com/h', events: ['sale.created', 'sale', 'payout.paid', '**'] })).toEqual([
      { field: 'events.1', message: 'unknown event type "sale"' },
      { field: 'events.3', message: 'unknown event type "**"' },
    ]);
  });

  it('lists a missing URL and missing events together', () => {
    expect(fieldErrors({}).map((error) => error.field)).toEqual(['targetUrl', 'events']);
    expect(fieldErrors({ targetUrl: 'https://example.com/h', events: 'sale.created' }).map((error) => error.field)).toEqual(['events']);
    expect(fieldErrors(null).map((error) => error.field)).toEqual(['']);
  });
});
