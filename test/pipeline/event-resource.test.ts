import { describe, expect, it } from 'vitest';
import { eventBody, eventColumns, eventResourceOf, toEventResource, type CanonicalEvent } from '../../src/pipeline/index.ts';
import { toEventRow } from '../../src/pipeline/canonical-event.ts';

const base: CanonicalEvent = {
  id: '01J0000000000000000000000A',
  workspaceId: 'ws_1',
  api: 'segment',
  type: 'track',
  name: 'Order Completed',
  userId: 'u1',
  anonymousId: null,
  email: null,
  groupId: null,
  previousId: null,
  messageId: 'm1',
  source: 'segment',
  status: null,
  timestamp: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  originalTimestamp: null,
  sentAt: null,
  receivedAt: Date.UTC(2026, 0, 2, 3, 4, 6),
  properties: { total: 12.5, items: [{ sku: 'a', qty: 1 }], nothing: null },
  traits: {},
  context: { library: { name: 'analytics-node' } },
  integrations: {},
};

/**
 * The forwarding handoff renders events it has not stored yet (eventResourceOf); a receiver must
 * get exactly what a delivery read back from the events table (toEventResource) would send.
 */
describe('an event resource rendered from memory', () => {
  it.each([
    ['a track event', base],
    ['an identify with traits and integrations', { ...base, type: 'identify', name: null, traits: JSON.parse('{"plan":"pro","__proto__":{"x":1}}') as Record<string, unknown>, integrations: { All: false } }],
    ['an alias with every time set', { ...base, type: 'alias', name: null, previousId: 'old', originalTimestamp: 1, sentAt: 2, email: 'a@b.c' }],
    ['an event with empty bodies', { ...base, properties: {}, context: {} }],
  ] as Array<[string, CanonicalEvent]>)('equals the stored one for %s', (_, event) => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 7);
    expect(eventResourceOf(eventColumns(event, now), eventBody(event))).toStrictEqual(toEventResource(toEventRow(event, now)));
  });
});
