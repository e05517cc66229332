import type { Kysely } from 'kysely';
import { retryOnConflict, type Database, type Db, type IngestApi } from '../db/index.ts';
import { scrubAttribution } from './attribution-scrub.ts';
import { IdentitySet, messageIdentity, type MessageIdentity } from './identities.ts';
import { withoutPerson, type JournalRewrite } from './journal-rewrite.ts';
import { suppress } from './regulation-store.ts';
import { ZERO_COUNTS, type ErasureCounts, type RegulationRow, type SubjectType } from './tables.ts';

type Json = Record<string, unknown>;

/** Rows read (and erased) per transaction: short enough never to hold SQLite's write lock for long. */
export const ERASURE_PAGE = 500;

/** Inbox rows that never became canonical events (or not yet) are found by their payload. */
const UNPROCESSED_STATUSES = ['received', 'processing', 'failed', 'blocked'] as const;

export interface ErasureDeps {
  readonly db: Db;
  /** Drops the events from live-stream readers' buffers in this process; answers how many frames. */
  readonly forgetLive: (workspaceId: string, eventIds: readonly string[]) => number;
}

/** What one pass did. */
export interface PassResult {
  /** Anything erased, or new ids of the person found: another pass is due. */
  readonly found: boolean;
  /** The person's ids grew (new ids are suppressed while the delete runs). */
  readonly grew: boolean;
}

function parse(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function addCounts(into: ErasureCounts, delta: Partial<ErasureCounts>): ErasureCounts {
  const out = { ...into };
  for (const [key, value] of Object.entries(delta) as Array<[keyof ErasureCounts, number]>) out[key] += value;
  return out;
}

/**
 * One pass over everything Tributary keeps of a workspace's events, erasing what belongs to the
 * person: canonical events (with their inbox rows, contract violations, deliveries and attempts,
 * live-stream frames, and attribution's identifying fields), inbox rows that never became events
 * (by payload), and messages of Segment requests still in the journal (their bodies rewritten
 * without them). Each page is one short transaction that also adds to the regulation's counts and
 * stores the ids found so far, so a crash loses no progress and counts nothing twice.
 *
 * Who the person is grows while the pass reads: an event that matches links the other ids it
 * names (an identify naming both the anonymous id and the user id, an alias). An event read before
 * its link was found is caught by the next pass; the runner repeats passes until one finds nothing.
 */
export class Erasure {
  private readonly identities: IdentitySet;
  private found = false;
  private grew = false;
  /** Ids found but not yet stored with the regulation (and suppressed). */
  private unsaved: Array<[SubjectType, string]> = [];

  constructor(
    private readonly deps: ErasureDeps,
    private readonly regulation: RegulationRow,
    identities: IdentitySet,
    private readonly now: () => number,
  ) {
    this.identities = identities;
  }

  async pass(): Promise<PassResult> {
    this.found = false;
    this.grew = false;
    // Upstream first: a worker moves the person's events journal → inbox → events while a pass
    // reads. Read in that order, an event a worker commits during the pass is found downstream
    // later in the same pass, or its journal record or inbox row was seen first (and the
    // erasure waited for the worker's lock, then counts it as found so another pass runs).
    await this.eraseJournal();
    for (const status of UNPROCESSED_STATUSES) await this.eraseUnprocessed(status);
    await this.eraseEvents();
    await this.eraseAttribution();
    return { found: this.found, grew: this.grew };
  }

  private get workspaceId(): string {
    return this.regulation.workspace_id;
  }

  private link(identity: MessageIdentity): void {
    const added = this.identities.link(identity);
    if (added.length === 0) return;
    this.grew = true;
    this.found = true;
    this.unsaved.push(...added);
  }

  /** Canonical events, in pages by id, and everything keyed by their ids. */
  private async eraseEvents(): Promise<void> {
    const { db } = this.deps;
    let after: string | undefined;
    for (;;) {
      let query = db.kysely
        .selectFrom('events')
        .select(['id', 'inbox_id', 'type', 'user_id', 'anonymous_id', 'email', 'previous_id'])
        .where('workspace_id', '=', this.workspaceId)
        .orderBy('id')
        .limit(ERASURE_PAGE);
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      const matched = rows.filter((row) => {
        const identity = { userId: row.user_id, anonymousId: row.anonymous_id, email: row.email, previousId: row.type === 'alias' ? row.previous_id : null };
        if (!this.identities.matches(identity)) return false;
        this.link(identity);
        return true;
      });
      const eventIds = matched.map((row) => row.id);
      const inboxIds = matched.map((row) => row.inbox_id);
      if (eventIds.length > 0) {
        await this.commit(async (trx) => {
          const live_messages = this.deps.forgetLive(this.workspaceId, eventIds);
          const contract_violations = await this.deleteViolations(trx, eventIds);
          const deliveries = await this.deleteDeliveries(trx, eventIds);
          const attribution_records = await scrubAttribution(trx, this.workspaceId, this.identities, eventIds);
          const inbox_rows = await this.deleteInboxRows(trx, inboxIds);
          const events = Number(
            (await trx.deleteFrom('events').where('workspace_id', '=', this.workspaceId).where('id', 'in', eventIds).executeTakeFirst()).numDeletedRows,
          );
          return { events, inbox_rows, contract_violations, deliveries, attribution_records, live_messages };
        });
      }
      if (rows.length < ERASURE_PAGE) return;
    }
  }

  /** Inbox rows of one status that are not canonical events, matched by their payload. */
  private async eraseUnprocessed(status: (typeof UNPROCESSED_STATUSES)[number]): Promise<void> {
    const { db } = this.deps;
    let after: string | undefined;
    for (;;) {
      let query = db.kysely
        .selectFrom('inbox')
        .select(['id', 'api', 'payload'])
        .where('workspace_id', '=', this.workspaceId)
        .where('status', '=', status)
        .orderBy('id')
        .limit(ERASURE_PAGE);
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = await query.execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.id;
      const ids = rows.flatMap((row) => {
        const payload = parse(row.payload);
        if (payload === undefined) return [];
        const identity = messageIdentity(row.api as IngestApi, payload);
        if (!this.identities.matches(identity)) return [];
        this.link(identity);
        return [row.id];
      });
      if (ids.length > 0) {
        await this.commit(async (trx) => {
          // A blocked row's violations carry the id its event would have had: the row's own.
          const contract_violations = await this.deleteViolations(trx, ids);
          const inbox_rows = await this.deleteInboxRows(trx, ids);
          return { inbox_rows, contract_violations };
        });
      }
      if (rows.length < ERASURE_PAGE) return;
    }
  }

  /**
   * Segment requests waiting in the journal, kept as their raw bodies: the person's messages are
   * cut out and the body is written again without them (or the record deleted when nothing is
   * left), so the other people's events of the same batch still arrive. A record a worker is
   * moving into the inbox meanwhile is gone once that worker commits (its events are then inbox
   * rows, which the next pass finds).
   */
  private async eraseJournal(): Promise<void> {
    const { db } = this.deps;
    let after = 0;
    for (;;) {
      const rows = await db.kysely
        .selectFrom('inbox_journal')
        .select(['seq', 'api', 'route', 'body'])
        .where('workspace_id', '=', this.workspaceId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(ERASURE_PAGE)
        .execute();
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.seq;
      const touched = rows.filter((row) => this.rewrite(row.api, row.route, row.body) !== undefined);
      if (touched.length > 0) {
        await this.commit(async (trx) => {
            let journal_messages = 0;
            let lockedRows = trx.selectFrom('inbox_journal').select(['seq', 'api', 'route', 'body']).where('seq', 'in', touched.map((row) => row.seq));
            if (db.dialect.supportsSkipLocked) lockedRows = lockedRows.forUpdate();
            const locked = await lockedRows.execute();
          // A record a worker moved into the inbox meanwhile: its events are inbox rows or
          // events now, which the rest of this pass or the next one erases.
          if (locked.length < touched.length) this.found = true;
          for (const row of locked) {
              const rewrite = this.rewrite(row.api, row.route, row.body);
              if (rewrite === undefined) continue;
              journal_messages += rewrite.removed;
              if (rewrite.body === null) await trx.deleteFrom('inbox_journal').where('seq', '=', row.seq).execute();
              else await trx.updateTable('inbox_journal').set({ body: rewrite.body, event_count: rewrite.left }).where('seq', '=', row.seq).execute();
            }
            return { journal_messages };
        });
      }
      if (rows.length < ERASURE_PAGE) return;
    }
  }

  /** The record's body without the person's messages (journal-rewrite.ts), linking their ids. */
  private rewrite(api: string, route: string, text: string): JournalRewrite | undefined {
    return withoutPerson(api, route, text, (identity) => {
      if (!this.identities.matches(identity)) return false;
      this.link(identity);
      return true;
    });
  }

  /** Attribution rows that name the person without coming from one of the person's events. */
  private async eraseAttribution(): Promise<void> {
    await this.commit(async (trx) => ({ attribution_records: await scrubAttribution(trx, this.workspaceId, this.identities, []) }));
  }

  /**
   * Inbox rows, with the answers kept for repeats of `/event/{slug}` requests (domain outcomes):
   * with the row's dedupe key gone, nothing can ask for them again.
   */
  private async deleteInboxRows(trx: Kysely<Database>, ids: readonly string[]): Promise<number> {
    await trx.deleteFrom('domain_outcomes').where('workspace_id', '=', this.workspaceId).where('inbox_id', 'in', ids).execute();
    const result = await trx.deleteFrom('inbox').where('workspace_id', '=', this.workspaceId).where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async deleteViolations(trx: Kysely<Database>, eventIds: readonly string[]): Promise<number> {
    const result = await trx.deleteFrom('contract_violations').where('workspace_id', '=', this.workspaceId).where('event_id', 'in', eventIds).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deliveries of the events (forwarded copies and Siren webhooks rendered from them), with their attempts. */
  private async deleteDeliveries(trx: Kysely<Database>, eventIds: readonly string[]): Promise<number> {
    const ids = (
      await trx.selectFrom('deliveries').select('id').where('workspace_id', '=', this.workspaceId).where('event_id', 'in', eventIds).execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', ids).execute();
    const result = await trx.deleteFrom('deliveries').where('id', 'in', ids).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Runs one page's erasure in a transaction with the regulation's bookkeeping: its counts, the
   * ids found so far, and a suppression of each newly found id while the delete runs. A
   * transaction that lost a race with a worker (PostgreSQL) runs again.
   */
  private async commit(erase: (trx: Kysely<Database>) => Promise<Partial<ErasureCounts>>): Promise<void> {
    const unsaved = this.unsaved;
    await retryOnConflict(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const delta = await erase(trx);
        const erased = Object.values(delta).some((n) => n > 0);
        if (!erased && unsaved.length === 0) return;
        if (erased) this.found = true;
        const now = this.now();
        const current = await trx.selectFrom('regulations').select('counts').where('id', '=', this.regulation.id).executeTakeFirstOrThrow();
        const counts = addCounts({ ...ZERO_COUNTS, ...(JSON.parse(current.counts) as Partial<ErasureCounts>) }, delta);
        await trx
          .updateTable('regulations')
          .set({ counts: JSON.stringify(counts), identities: JSON.stringify(this.identities.toLists()), updated_at: now })
          .where('id', '=', this.regulation.id)
          .execute();
        if (unsaved.length > 0) await suppress(trx, this.workspaceId, this.regulation.id, unsaved, true, now);
      }),
    );
    if (this.unsaved === unsaved) this.unsaved = [];
  }
}
