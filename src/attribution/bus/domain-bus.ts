import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { LedgerChange } from '../ledger/ledger-change.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import {
  MUTABLE_EVENTS,
  type DomainEventMap,
  type DomainEventName,
  type ListenerPayload,
  type SystemEventMap,
} from './domain-event-map.ts';

/** What a listener may use: the inbound event's transaction and identity. */
export interface ListenerContext {
  readonly trx: Kysely<Database>;
  readonly workspaceId: string;
  readonly inboundEventId: string;
  readonly now: number;
}

export type DomainListener<K extends DomainEventName> = (payload: ListenerPayload<K>, context: ListenerContext) => void | Promise<void>;
export type SystemListener<K extends keyof SystemEventMap> = (payload: SystemEventMap[K]) => void;

interface Registered {
  order: number;
  added: number;
  readOnly: boolean;
  listener: (payload: never, context: ListenerContext) => void | Promise<void>;
}

/** How a listener is registered. */
export interface ListenerOptions {
  /** Lower runs first (default 0). */
  order?: number;
  /**
   * The listener neither changes the payload nor keeps it past its own run (it serialises what it
   * needs at once), so it may be handed the dispatched object itself instead of a frozen copy.
   * Copying and freezing every event for such a listener (the Siren webhook outbox, registered for
   * most events) cost a sale more than a tenth of its flow. Other listeners still get copies.
   */
  readOnly?: boolean;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The typed domain bus. Listeners run in ascending `order`, then in the order they were added;
 * every listener is awaited before the next, so a flow is deterministic. One bus serves the whole
 * process; a `Dispatcher` binds it to one inbound event's transaction and log.
 */
export class DomainBus {
  private readonly listeners = new Map<string, Registered[]>();
  private readonly systemListeners = new Map<string, Array<(payload: never) => void>>();
  private added = 0;

  /** Adds a listener; returns a function that removes it. Lower `order` runs first (default 0). */
  on<K extends DomainEventName>(name: K, listener: DomainListener<K>, options: ListenerOptions = {}): () => void {
    const list = this.listeners.get(name) ?? [];
    const entry: Registered = { order: options.order ?? 0, added: this.added++, readOnly: options.readOnly ?? false, listener: listener as Registered['listener'] };
    list.push(entry);
    list.sort((a, b) => a.order - b.order || a.added - b.added);
    this.listeners.set(name, list);
    return () => {
      const index = list.indexOf(entry);
      if (index !== -1) list.splice(index, 1);
    };
  }

  onSystem<K extends keyof SystemEventMap>(name: K, listener: SystemListener<K>): void {
    const list = this.systemListeners.get(name) ?? [];
    list.push(listener as (payload: never) => void);
    this.systemListeners.set(name, list);
  }

  broadcastSystem<K extends keyof SystemEventMap>(name: K, payload: SystemEventMap[K]): void {
    for (const listener of this.systemListeners.get(name) ?? []) (listener as SystemListener<K>)(payload);
  }

  /** @internal used by Dispatcher */
  async runListeners<K extends DomainEventName>(name: K, payload: DomainEventMap[K], context: ListenerContext): Promise<DomainEventMap[K]> {
    const list = this.listeners.get(name);
    if (!list || list.length === 0) return payload;
    if (MUTABLE_EVENTS.has(name)) {
      for (const { listener } of [...list]) await (listener as DomainListener<K>)(payload as ListenerPayload<K>, context);
      return payload;
    }
    // Immutable events hand listeners a frozen copy, so a listener cannot change what later steps
    // read; it is made once, for the first listener that is not read-only.
    let frozen: DomainEventMap[K] | undefined;
    for (const { listener, readOnly } of [...list]) {
      const given = readOnly ? payload : (frozen ??= deepFreeze(structuredClone(payload)));
      await (listener as DomainListener<K>)(given as ListenerPayload<K>, context);
    }
    return frozen ?? payload;
  }
}

/** A flow logs a handful of events; longer flows (distribution runs) write several inserts. */
const LOG_ROWS_PER_INSERT = 64;

/** Ten parameters a row: far below either database's limit per statement. */
const LEDGER_ROWS_PER_INSERT = 500;

type LogParams = Record<string, string | number>;

/** One prepared insert per row count, so a flow's log rows cost one statement without rebuilding it. */
const logInserts = new Map<number, PreparedQuery<LogParams, unknown>>();

function logInsert(rows: number): PreparedQuery<LogParams, unknown> {
  let insert = logInserts.get(rows);
  if (!insert) {
    insert = new PreparedQuery((db, p: LogParams) =>
      db.insertInto('domain_events').values(
        Array.from({ length: rows }, (_, i) => ({
          workspace_id: p.workspaceId as string,
          inbound_event_id: p.inboundEventId as string,
          sequence: p[`sequence${i}`] as number,
          name: p[`name${i}`] as string,
          payload: p[`payload${i}`] as string,
          created_at: p.now as number,
        })),
      ),
    );
    logInserts.set(rows, insert);
  }
  return insert;
}

/**
 * Dispatches the events of one inbound event inside its transaction and records each for the
 * domain-event log with a sequence number, so the flow's order can be read back. The log rows are
 * written together by `flush()` at the end of the flow (one insert instead of one per event, the
 * largest single cost of a sale), still inside the flow's transaction.
 */
export class Dispatcher {
  private sequence = 0;
  private readonly context: ListenerContext;
  private pending: Array<{ sequence: number; name: DomainEventName; payload: string }> = [];
  private ledger: Array<{ sequence: number; name: DomainEventName; change: LedgerChange }> = [];

  constructor(
    private readonly bus: DomainBus,
    context: ListenerContext,
  ) {
    this.context = context;
  }

  get listenerContext(): ListenerContext {
    return this.context;
  }

  /**
   * Runs the listeners, logs the event, and returns the payload as the listeners left it. `ledger`
   * are the balance changes the event announces: they are written to the ledger with it, pointing
   * at its sequence.
   */
  async dispatch<K extends DomainEventName>(name: K, payload: DomainEventMap[K], ledger: readonly LedgerChange[] = []): Promise<DomainEventMap[K]> {
    this.sequence += 1;
    const sequence = this.sequence;
    for (const change of ledger) this.ledger.push({ sequence, name, change });
    const final = await this.bus.runListeners(name, payload, this.context);
    this.pending.push({ sequence, name, payload: JSON.stringify(final) });
    return final;
  }

  /** Writes the events dispatched since the last flush to the domain-event log, and their ledger changes. */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    const { trx, workspaceId, inboundEventId, now } = this.context;
    const entries = this.ledger;
    this.ledger = [];
    for (let start = 0; start < entries.length; start += LEDGER_ROWS_PER_INSERT) {
      await trx
        .insertInto('ledger_entries')
        .values(
          entries.slice(start, start + LEDGER_ROWS_PER_INSERT).map(({ sequence, name, change }) => ({
            workspace_id: workspaceId,
            collaborator_id: change.collaboratorId,
            obligation_id: change.obligationId,
            kind: change.kind,
            amount: change.amount,
            currency: change.currency,
            inbound_event_id: inboundEventId,
            event_name: name,
            event_sequence: sequence,
            created_at: now,
          })),
        )
        .execute();
    }
    for (let start = 0; start < rows.length; start += LOG_ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + LOG_ROWS_PER_INSERT);
      const params: LogParams = { workspaceId, inboundEventId, now };
      chunk.forEach((row, i) => {
        params[`sequence${i}`] = row.sequence;
        params[`name${i}`] = row.name;
        params[`payload${i}`] = row.payload;
      });
      await logInsert(chunk.length).run(trx, params);
    }
  }
}
