import { jsonDifferences } from '../../console/src/lib/json-diff.ts';
import { describe, expect, it } from 'vitest';
import { rowsOf, withQuery } from '../../console/src/api/client.ts';
import { formatMinor, timeAgo } from '../../console/src/lib/format.ts';
import { incomingPollInterval, isRetryable } from '../../console/src/lib/polling.ts';
import { inboundEvents, stageOf } from '../../console/src/lib/sequence.ts';
import { hourlySeries, topNames } from '../../console/src/lib/volume.ts';

describe('console display logic', () => {
  it('formats integer minor units with the currency exponent, never through floats', () => {
    expect(formatMinor(4999, 'USD')).toBe('49.99 USD');
    expect(formatMinor(5, 'USD')).toBe('0.05 USD');
    expect(formatMinor(700, 'JPY')).toBe('700 JPY');
    expect(formatMinor(-1500, 'KWD')).toBe('-1.500 KWD');
    expect(formatMinor(123456789, 'EUR')).toBe('1,234,567.89 EUR');
  });

  it('says how long ago a time was', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(timeAgo('2026-11-25T11:59:30Z', now)).toBe('30 s ago');
    expect(timeAgo('2026-11-25T09:00:00Z', now)).toBe('3 h ago');
    expect(timeAgo(null, now)).toBe('—');
  });

  it('polls the incoming list only while some row is received or processing (seed 004)', () => {
    expect(incomingPollInterval({ data: [{ status: 'processed' }, { status: 'received' }] })).toBe(5000);
    expect(incomingPollInterval({ data: [{ status: 'processing' }] }, 60_000)).toBe(15_000);
    expect(incomingPollInterval({ data: [{ status: 'processed' }, { status: 'failed' }] })).toBe(false);
    expect(incomingPollInterval({ data: [] })).toBe(false);
    // Accepted events still on their way into the inbox keep the list polling.
    expect(incomingPollInterval({ data: [{ status: 'processed' }], pending: 3 })).toBe(5000);
    expect(incomingPollInterval({ data: [], pending: 0 })).toBe(false);
    expect(incomingPollInterval(undefined)).toBe(false);
    expect(isRetryable('failed') && isRetryable('blocked') && !isRetryable('processed')).toBe(true);
  });

  it('fills quiet hours with zero so the 24-hour chart has one bar per hour', () => {
    const now = Date.parse('2026-11-25T12:30:00Z');
    const rows = [
      { event_type: 'track', event_name: 'a', hour_bucket: '2026-11-25T12:00:00Z', event_count: 3 },
      { event_type: 'track', event_name: 'b', hour_bucket: '2026-11-25T12:00:00Z', event_count: 2 },
      { event_type: 'identify', event_name: '', hour_bucket: '2026-11-25T10:00:00Z', event_count: 1 },
    ];
    const series = hourlySeries(rows, 24, now);
    expect(series.count).toHaveLength(24);
    expect(series.count.slice(-3)).toEqual([1, 0, 5]);
    expect(series.at.at(-1)).toBe(Date.parse('2026-11-25T12:00:00Z') / 1000);
    expect(topNames(rows)).toEqual([
      { name: 'a', type: 'track', count: 3 },
      { name: 'b', type: 'track', count: 2 },
      { name: '(identify)', type: 'identify', count: 1 },
    ]);
  });

  it('places each domain event in its seed-002 stage and lists inbound events once with their first event', () => {
    expect(['OpportunityTriggered', 'EngagementAwarded', 'SaleTriggered', 'ConversionApproved', 'ObligationIssued', 'PayoutPaid', 'Custom'].map(stageOf)).toEqual([
      'opportunity',
      'engagement',
      'transaction',
      'conversion',
      'obligation',
      'fulfillment',
      'other',
    ]);
    const newestFirst = [
      { inbound_event_id: 'b', name: 'ConversionApproved', created_at: '2026-11-25T12:00:02Z' },
      { inbound_event_id: 'a', name: 'TransactionCreated', created_at: '2026-11-25T12:00:01Z' },
      { inbound_event_id: 'a', name: 'SaleTriggered', created_at: '2026-11-25T12:00:00Z' },
    ];
    expect(inboundEvents(newestFirst)).toEqual([
      { id: 'b', first: 'ConversionApproved', count: 1, at: '2026-11-25T12:00:02Z' },
      { id: 'a', first: 'SaleTriggered', count: 2, at: '2026-11-25T12:00:01Z' },
    ]);
  });

  it('sends only the filters that have a value, encoded', () => {
    expect(withQuery('/api/v1/x', { status: 'failed', q: 'a b&c', from: '', to: undefined, limit: 50, cursor: null })).toBe('/api/v1/x?status=failed&q=a+b%26c&limit=50');
    expect(withQuery('/api/v1/x', {})).toBe('/api/v1/x');
    expect(rowsOf([1, 2])).toEqual([1, 2]);
    expect(rowsOf({ data: [3], has_more: false, next_cursor: null })).toEqual([3]);
    expect(rowsOf(undefined)).toBeUndefined();
  });
});

describe('jsonDifferences', () => {
  it('lists each leaf that differs by its dotted path, and nothing for equal JSON', () => {
    const expected = { event: 'buy', properties: { total: 150, tier: 'gold', items: [{ sku: 'a' }] } };
    const actual = { event: 'buy', properties: { total: 150, tier: 'high_value', items: [{ sku: 'b' }], extra: true } };
    expect(jsonDifferences(expected, actual)).toEqual([
      { path: 'properties.extra', expected: undefined, actual: true },
      { path: 'properties.items.0.sku', expected: 'a', actual: 'b' },
      { path: 'properties.tier', expected: 'gold', actual: 'high_value' },
    ]);
    expect(jsonDifferences({ b: 1, a: [1, 2] }, { a: [1, 2], b: 1 })).toEqual([]);
    expect(jsonDifferences({ a: 1 }, null)).toEqual([{ path: '(the whole value)', expected: { a: 1 }, actual: null }]);
  });
});
