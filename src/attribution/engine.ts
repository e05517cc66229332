import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { retryOnConflict, type Database, type Db } from '../db/index.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { Dispatcher, DomainBus } from './bus/index.ts';
import { leadFactory, refundFactory, renewalFactory, saleFactory, transactionCompletedFactory } from './factories/commerce-factories.ts';
import { couponAppliedFactory } from './factories/checkout-factories.ts';
import { FactoryRegistry } from './factories/registry.ts';
import { siteVisitedFactory } from './factories/site-visited-factory.ts';
import { refused, type FlowContext, type FlowHints, type FlowResult } from './flows/flow-context.ts';
import { ProgramCache } from './model/program-cache.ts';
import type { IpHasher } from './partners/ip-hasher.ts';

/** What a plugin module's default export receives: subscribe to the bus, add factories when the registry opens. */
export interface AttributionPluginApi {
  readonly bus: DomainBus;
}

/** A plugin module (listed in `ATTRIBUTION_PLUGINS`) default-exports this. */
export type AttributionPlugin = (api: AttributionPluginApi) => void | Promise<void>;

/** One inbound domain event to run: its slug, its validated body, and the request's hints. */
export interface InboundDomainEvent {
  workspaceId: string;
  inboundEventId: string;
  slug: string;
  body: Record<string, unknown>;
  hints: FlowHints;
  now: number;
}

/**
 * The attribution engine of one process: the typed bus and the factory registry. Built-ins are
 * added first; then the registry broadcasts EventFactoryRegistryInitiated, when plugins add their
 * slugs (Siren's `addFactoryClass`).
 */
export class AttributionEngine {
  readonly bus = new DomainBus();
  readonly registry = new FactoryRegistry();
  private readonly committedListeners: Array<() => void> = [];

  /**
   * The runtime's clock: admin actions, the heartbeat and hold releases read "now" from it. The
   * address hasher serves the self-referral rule; without one no address is ever matched.
   */
  constructor(
    readonly clock: Clock = systemClock,
    readonly ipHasher: IpHasher | null = null,
  ) {}

  /** Builds the engine, importing each plugin module (paths relative to the working directory). */
  static async create(pluginPaths: readonly string[] = [], clock: Clock = systemClock, ipHasher: IpHasher | null = null): Promise<AttributionEngine> {
    const engine = new AttributionEngine(clock, ipHasher);
    for (const factory of [siteVisitedFactory, saleFactory, transactionCompletedFactory, refundFactory, leadFactory, renewalFactory, couponAppliedFactory]) {
      engine.registry.addFactory(factory);
    }
    // A plugin written in TypeScript loads under `npm start` (compiled JavaScript, no tsx) too.
    if (import.meta.url.endsWith('.js') && pluginPaths.some((path) => /\.[cm]?ts$/.test(path))) {
      const { register } = await import('tsx/esm/api');
      register();
    }
    for (const path of pluginPaths) {
      const module = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
      if (typeof module.default !== 'function') throw new Error(`attribution plugin ${path} must default-export a function`);
      await (module.default as AttributionPlugin)({ bus: engine.bus });
    }
    engine.bus.broadcastSystem('EventFactoryRegistryInitiated', { registry: engine.registry });
    return engine;
  }

  /**
   * Runs the flow of one inbound event inside `trx`; the caller owns the transaction. Flows that
   * share one transaction may share `programs` (see ProgramCache for when to clear it).
   */
  async run(trx: Kysely<Database>, event: InboundDomainEvent, programs = new ProgramCache()): Promise<FlowResult> {
    const factory = this.registry.get(event.slug);
    if (!factory) return refused('not_found', `No event factory for ${event.slug}.`);
    const flow = this.flowContext(trx, event.workspaceId, event.inboundEventId, event.now, event.hints, programs);
    const result = await factory.handle(event.body, flow);
    await flow.dispatcher.flush();
    return result;
  }

  /**
   * Runs an admin action (approve, reject, manual attribution) as its own inbound event: one
   * transaction, its events logged under `inboundEventId` (a fresh `act_…` id unless given). A
   * transaction that lost a race (a PostgreSQL deadlock or serialization failure, a guarded
   * transition that found its row changed) runs again from the start on the new state, a bounded
   * number of times: the action must only read and write through `flow`.
   */
  async runAction<T>(db: Db, workspaceId: string, action: (flow: FlowContext) => Promise<T>, inboundEventId = `act_${newId()}`): Promise<T> {
    const result = await retryOnConflict(() =>
      db.kysely.transaction().execute(async (trx) => {
        const flow = this.flowContext(trx, workspaceId, inboundEventId, this.clock.now(), { opportunityId: null }, new ProgramCache());
        const outcome = await action(flow);
        await flow.dispatcher.flush();
        return outcome;
      }),
    );
    for (const listener of this.committedListeners) listener();
    return result;
  }

  /**
   * Called after each admin action's transaction commits: what it queued (Siren webhooks) is
   * visible now, so the delivery worker can be woken instead of waiting for its next poll.
   */
  onActionCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  private flowContext(trx: Kysely<Database>, workspaceId: string, inboundEventId: string, now: number, hints: FlowHints, programs: ProgramCache): FlowContext {
    const context = { trx, workspaceId, inboundEventId, now };
    let ipHash: string | null | undefined;
    const clientIpHash = () => (ipHash === undefined ? (ipHash = this.ipHasher?.hash(hints.clientIp) ?? null) : ipHash);
    return { ...context, dispatcher: new Dispatcher(this.bus, context), hints, programs, clientIpHash };
  }
}
