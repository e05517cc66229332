import { describe, expect, it } from 'vitest';
import { DomainBus, type ListenerContext } from '../../src/attribution/bus/index.ts';
import { FactoryRegistry } from '../../src/attribution/factories/registry.ts';

const context = { workspaceId: 'ws', inboundEventId: 'in', now: 0 } as unknown as ListenerContext;

const sale = () => ({ source: 's', externalId: 'e', total: 1000, currency: 'USD', status: 'complete' as const, opportunityId: null });
const request = () => ({ ...sale(), items: [], userId: null, email: null, couponCode: null });

describe('the domain bus', () => {
  it('runs listeners by ascending order, then in the order they were added', async () => {
    const bus = new DomainBus();
    const calls: string[] = [];
    bus.on('SaleTriggered', () => void calls.push('b (order 0, second)'));
    bus.on('SaleTriggered', () => void calls.push('late (order 10)'), { order: 10 });
    bus.on('SaleTriggered', () => void calls.push('early (order -5)'), { order: -5 });
    bus.on('SaleTriggered', () => void calls.push('c (order 0, third)'));
    await bus.runListeners('SaleTriggered', sale(), context);
    expect(calls).toEqual(['early (order -5)', 'b (order 0, second)', 'c (order 0, third)', 'late (order 10)']);
  });

  it('awaits each listener before the next', async () => {
    const bus = new DomainBus();
    const calls: string[] = [];
    bus.on('SaleTriggered', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      calls.push('slow first');
    });
    bus.on('SaleTriggered', () => void calls.push('second'));
    await bus.runListeners('SaleTriggered', sale(), context);
    expect(calls).toEqual(['slow first', 'second']);
  });

  it('hands immutable events frozen so a listener cannot change what later steps read', async () => {
    const bus = new DomainBus();
    bus.on('SaleTriggered', (payload) => {
      (payload as { total: number }).total = 1;
    });
    const original = sale();
    await expect(bus.runListeners('SaleTriggered', original, context)).rejects.toThrow(TypeError);
    expect(original.total).toBe(1000);
  });

  it('hands a read-only listener the dispatched object, and still a frozen copy to the others', async () => {
    const bus = new DomainBus();
    const seen: Array<{ payload: object; frozen: boolean }> = [];
    const record = (payload: object) => void seen.push({ payload, frozen: Object.isFrozen(payload) });
    bus.on('SaleTriggered', record, { readOnly: true });
    bus.on('SaleTriggered', record);
    bus.on('SaleTriggered', record, { order: 1 });
    const original = sale();
    const returned = await bus.runListeners('SaleTriggered', original, context);
    expect(seen[0]).toEqual({ payload: original, frozen: false });
    expect(seen[0]!.payload).toBe(original);
    expect(seen[1]!.frozen).toBe(true);
    expect(seen[1]!.payload).not.toBe(original);
    expect(seen[2]!.payload).toBe(seen[1]!.payload);
    expect(returned).toBe(seen[1]!.payload);
    expect(Object.isFrozen(original)).toBe(false);
  });

  it('returns a mutable event as the last listener left it', async () => {
    const bus = new DomainBus();
    bus.on('TransactionCreateRequested', (payload) => {
      payload.total -= 100;
    });
    bus.on('TransactionCreateRequested', (payload) => {
      payload.currency = 'EUR';
    });
    expect(await bus.runListeners('TransactionCreateRequested', request(), context)).toMatchObject({ total: 900, currency: 'EUR' });
  });

  it('stops calling a listener once it is removed', async () => {
    const bus = new DomainBus();
    let calls = 0;
    const off = bus.on('SaleTriggered', () => void (calls += 1));
    await bus.runListeners('SaleTriggered', sale(), context);
    off();
    await bus.runListeners('SaleTriggered', sale(), context);
    expect(calls).toBe(1);
  });
});

describe('the factory registry', () => {
  const factory = { slug: 'thing', schema: { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } }, handle: async () => ({ status: 200, opportunityId: null }) };

  it('refuses a bad slug and a slug registered twice', () => {
    const registry = new FactoryRegistry();
    registry.addFactory(factory);
    expect(() => registry.addFactory(factory)).toThrow(/already registered/);
    expect(() => registry.addFactory({ ...factory, slug: 'Bad Slug' })).toThrow(/invalid/);
  });

  it('lists schema errors and the factory\'s own checks together, one per field', () => {
    const registry = new FactoryRegistry();
    registry.addFactory({ ...factory, check: () => [{ field: 'a', message: 'duplicate of a schema error' }, { field: 'b', message: 'b is wrong' }] });
    expect(registry.validate('thing', {})).toEqual([
      { field: 'a', message: 'is required' },
      { field: 'b', message: 'b is wrong' },
    ]);
    expect(registry.validate('thing', [])).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('deduplicates by source + externalId unless the factory says otherwise', () => {
    const registry = new FactoryRegistry();
    registry.addFactory(factory);
    registry.addFactory({ ...factory, slug: 'visit', dedupeKey: () => null });
    expect(registry.dedupeKey('thing', { source: 'stripe', externalId: 7 })).toBe('dom:thing:stripe:7');
    expect(registry.dedupeKey('thing', { source: 'stripe' })).toBeNull();
    expect(registry.dedupeKey('visit', { source: 'stripe', externalId: 7 })).toBeNull();
  });
});
