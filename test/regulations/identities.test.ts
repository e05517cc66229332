import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LiveSubscriber } from '../../src/observe/index.ts';
import { scrubPayload } from '../../src/regulations/attribution-scrub.ts';
import { IdentitySet, messageIdentity } from '../../src/regulations/index.ts';
import { withoutPerson } from '../../src/regulations/journal-rewrite.ts';

describe('messageIdentity', () => {
  it('reads each API\'s ids as the pipeline normalises them', () => {
    expect(messageIdentity('segment', { type: 'track', userId: 42, anonymousId: '', traits: { email: 'a@x.io' } })).toEqual({
      userId: '42',
      anonymousId: null,
      email: 'a@x.io',
      previousId: null,
    });
    expect(messageIdentity('segment', { type: 'alias', userId: 'new', previousId: 'old' }).previousId).toBe('old');
    // previousId means something only on an alias.
    expect(messageIdentity('segment', { type: 'track', userId: 'u', previousId: 'old' }).previousId).toBeNull();
    // A message's own context wins; the batch's fills in.
    expect(messageIdentity('segment', { type: 'track', context: { traits: { email: 'own@x.io' } } }, { traits: { email: 'batch@x.io' } }).email).toBe('own@x.io');
    expect(messageIdentity('segment', { type: 'track' }, { traits: { email: 'batch@x.io' } }).email).toBe('batch@x.io');
    expect(messageIdentity('workspace', { user_id: 'u', anonymous_id: 'a', traits: { email: 'e@x.io' } })).toEqual({ userId: 'u', anonymousId: 'a', email: 'e@x.io', previousId: null });
    expect(messageIdentity('client', { uid: 7, email: 'c@x.io' })).toEqual({ userId: '7', anonymousId: null, email: 'c@x.io', previousId: null });
    expect(messageIdentity('domain', { slug: 'sale', body: { userId: 'd', email: 'd@x.io' } })).toEqual({ userId: 'd', anonymousId: null, email: 'd@x.io', previousId: null });
  });
});

describe('IdentitySet', () => {
  it('matches emails whatever their case, and an alias\'s previous id as either kind', () => {
    const set = new IdentitySet({ user_id: ['u1'], anonymous_id: [], email: ['Ada@Example.com'] });
    expect(set.matches({ userId: null, anonymousId: null, email: 'ada@example.COM', previousId: null })).toBe(true);
    expect(set.matches({ userId: 'u2', anonymousId: null, email: null, previousId: 'u1' })).toBe(true);
    expect(set.matches({ userId: 'u2', anonymousId: 'a2', email: 'b@example.com', previousId: null })).toBe(false);
  });

  it('links the other ids a matching event names, and says which were new', () => {
    const set = new IdentitySet({ user_id: ['u1'], anonymous_id: [], email: [] });
    expect(set.link({ userId: 'u1', anonymousId: 'a1', email: 'E@x.io', previousId: null })).toEqual([
      ['anonymous_id', 'a1'],
      ['email', 'e@x.io'],
    ]);
    expect(set.link({ userId: 'u1', anonymousId: 'a1', email: 'e@x.io', previousId: null })).toEqual([]);
    expect(set.toLists()).toEqual({ user_id: ['u1'], anonymous_id: ['a1'], email: ['e@x.io'] });
  });
});

describe('scrubPayload', () => {
  it('replaces identifying fields at any depth and leaves amounts, ids and nulls alone', () => {
    const payload = { opportunityId: 3, total: 12_000, currency: 'USD', userId: 'u1', email: null, nested: [{ email: 'a@x.io', amount: 5 }], landingUrl: 'https://x.io/?e=a' };
    expect(scrubPayload(payload)).toEqual({
      changed: true,
      value: { opportunityId: 3, total: 12_000, currency: 'USD', userId: '[erased]', email: null, nested: [{ email: '[erased]', amount: 5 }], landingUrl: '[erased]' },
    });
    expect(scrubPayload({ total: 1, userId: '[erased]' }).changed).toBe(false);
  });
});

describe('LiveSubscriber.forget', () => {
  it('drops the erased events from a reader\'s buffer and keeps the rest in order', () => {
    const out = new PassThrough();
    const subscriber = new LiveSubscriber(out, 'ws', { types: [], names: [] }, 100, () => {});
    // Held (replaying): live messages wait in the buffer.
    for (const id of ['e1', 'e2', 'e3']) subscriber.send({ id, type: 'track', name: null, json: `{"id":"${id}"}` });
    expect(subscriber.forget(new Set(['e1', 'e3', 'unknown']))).toBe(2);
    subscriber.release();
    expect(String(out.read())).toBe('id: e2\ndata: {"id":"e2"}\n\n');
    subscriber.close();
  });
});

describe('withoutPerson', () => {
  const ada = new IdentitySet({ user_id: ['ada'], anonymous_id: [], email: ['ada@x.io'] });
  const isAda = (identity: Parameters<IdentitySet['matches']>[0]) => ada.matches(identity);

  it('cuts the person\'s messages out of a batch and keeps the batch\'s own fields for the others', () => {
    const body = { sentAt: '2026-01-01T00:00:00Z', context: { traits: { email: 'ada@x.io' } }, batch: [{ type: 'track', userId: 'bob', context: { traits: { email: 'bob@x.io' } } }, { type: 'page', anonymousId: 'a1' }] };
    // The second message inherits the batch's email: it is Ada's.
    const rewrite = withoutPerson('segment', 'batch', JSON.stringify(body), isAda)!;
    expect(rewrite).toMatchObject({ removed: 1, left: 1 });
    expect(JSON.parse(rewrite.body!)).toEqual({ ...body, batch: [body.batch[0]] });
  });

  it('deletes a single message or a batch with nothing left, and leaves others\' and unreadable bodies alone', () => {
    expect(withoutPerson('segment', 'identify', '{"userId":"ada"}', isAda)).toEqual({ body: null, removed: 1, left: 0 });
    expect(withoutPerson('segment', 'batch', '{"batch":[{"type":"track","userId":"ada"}]}', isAda)).toEqual({ body: null, removed: 1, left: 0 });
    expect(withoutPerson('segment', 'track', '{"userId":"bob"}', isAda)).toBeUndefined();
    expect(withoutPerson('segment', 'batch', '{"batch":', isAda)).toBeUndefined();
    expect(withoutPerson('client', 'track', '{"uid":"ada"}', isAda)).toBeUndefined();
  });
});
