import { describe, expect, it } from 'vitest';
import type { ClaimedRow } from '../../src/inbox/index.ts';
import { normalize } from '../../src/pipeline/normalize.ts';

const row = (payload: unknown, clientIp: string | null): ClaimedRow => ({
  id: 'evt_1',
  workspace_id: 'ws_1',
  api: 'segment',
  payload: JSON.stringify(payload),
  received_at: Date.parse('2026-06-22T10:00:02.000Z'),
  retry_count: 0,
  client_ip: clientIp,
});

describe('normalize', () => {
  it("adds the client's address to the context after the fields the client sent", () => {
    const event = normalize(row({ type: 'track', event: 'Bought', userId: 'u-1', context: { library: { name: 'analytics-node' } } }, '10.0.0.7'));
    expect(event.context).toEqual({ library: { name: 'analytics-node' }, ip: '10.0.0.7' });
    expect(Object.keys(event.context)).toEqual(['library', 'ip']);
  });

  it('keeps an address the client sent itself, and adds none without one', () => {
    expect(normalize(row({ type: 'track', event: 'Bought', userId: 'u-1', context: { ip: '192.0.2.1' } }, '10.0.0.7')).context).toEqual({ ip: '192.0.2.1' });
    expect(normalize(row({ type: 'track', event: 'Bought', userId: 'u-1' }, null)).context).toEqual({});
  });
});
