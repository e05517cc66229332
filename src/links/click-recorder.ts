import { CompiledQuery, type Kysely } from 'kysely';
import { insertTextBySize, rowParameters, type Database, type Db } from '../db/index.ts';
import { GroupCommit } from '../inbox/index.ts';
import { AddressHasher, utcDay } from './address-hasher.ts';
import type { LinkClickDayTable, LinkClickTable } from './tables.ts';

/** Longest referrer or user agent kept: enough to read, bounded so a crafted header costs nothing. */
const MAX_HEADER_TEXT = 500;

/** One click as the redirect saw it. `address` is hashed in the batch and never stored. */
export interface Click {
  readonly workspaceId: string;
  readonly code: string;
  readonly collaboratorId: number | null;
  readonly programId: number | null;
  readonly valid: boolean;
  readonly referrer: string | undefined;
  readonly userAgent: string | undefined;
  readonly address: string;
  readonly at: number;
}

const CLICK_COLUMNS = ['workspace_id', 'code', 'collaborator_id', 'program_id', 'valid', 'referrer', 'user_agent', 'ip_hash', 'clicked_at'] as const satisfies ReadonlyArray<keyof LinkClickTable>;
const DAY_COLUMNS = ['workspace_id', 'day', 'collaborator_id', 'program_id', 'clicks', 'invalid_clicks'] as const satisfies ReadonlyArray<keyof LinkClickDayTable>;
const ROWS_PER_STATEMENT = 100;

// Plain SQL text per row count, as the inbox and the event insert do: the query builder's compile
// of a 100-row insert cost more than running it, on every batch.
const clickInsert = insertTextBySize('link_clicks', CLICK_COLUMNS);
const dayUpsert = insertTextBySize(
  'link_click_days',
  DAY_COLUMNS,
  'on conflict ("workspace_id", "day", "collaborator_id", "program_id") do update set ' +
    '"clicks" = "link_click_days"."clicks" + excluded."clicks", "invalid_clicks" = "link_click_days"."invalid_clicks" + excluded."invalid_clicks"',
);

async function insertAll<Row>(trx: Kysely<Database>, rows: readonly Row[], columns: readonly (keyof Row)[], text: (dialect: Db['dialect'], count: number) => string, dialect: Db['dialect']): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const count = Math.min(ROWS_PER_STATEMENT, rows.length - start);
    await trx.executeQuery(CompiledQuery.raw(text(dialect, count), rowParameters(rows, start, count, columns)));
  }
}

function bounded(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text.slice(0, MAX_HEADER_TEXT);
}

/**
 * Records clicks with the inbox's group commit (inbox/group-commit.ts): the clicks of one
 * event-loop turn share one transaction, which inserts their rows and adds them to the day
 * counts (`link_click_days`, one upsert per collaborator, program and day in the batch). The
 * redirect waits for that commit and writes nothing else, so a click costs a share of one
 * transaction, not one of its own.
 *
 * The transaction is a relaxed one (`Db.relaxedTransaction`): it survives a crash of the process
 * like any other, but a power loss may take the last clicks with it. A click is a count the
 * shopper never sees acknowledged, and the fsync the inbox pays for its 2xx would be most of the
 * redirect's cost.
 */
export class ClickRecorder {
  private readonly committer: GroupCommit<Click, undefined>;
  private readonly hasher = new AddressHasher();

  constructor(private readonly db: Db) {
    this.committer = new GroupCommit((clicks) => this.commit(clicks), 5_000);
  }

  /** Resolves once the click and its count are committed. */
  record(click: Click): Promise<undefined> {
    return this.committer.submit(click);
  }

  /** Resolves once every click submitted so far is committed (graceful shutdown). */
  drain(): Promise<void> {
    return this.committer.drain();
  }

  private async commit(clicks: Click[]): Promise<undefined[]> {
    const { dialect } = this.db;
    const salts: Array<() => void> = [];
    await this.db.relaxedTransaction(async (trx) => {
      const rows: Omit<LinkClickTable, 'id'>[] = [];
      const days = new Map<string, LinkClickDayTable>();
      let hashed: { day: string; hash: (address: string) => string } | undefined;
      for (const click of clicks) {
        const day = utcDay(click.at);
        if (hashed?.day !== day) {
          const hasher = await this.hasher.hasherFor(trx, day);
          salts.push(hasher.committed);
          hashed = { day, hash: hasher.hash };
        }
        rows.push({
          workspace_id: click.workspaceId,
          code: click.code.slice(0, 64),
          collaborator_id: click.collaboratorId,
          program_id: click.programId,
          valid: click.valid ? 1 : 0,
          referrer: bounded(click.referrer),
          user_agent: bounded(click.userAgent),
          ip_hash: hashed.hash(click.address),
          clicked_at: click.at,
        });
        const collaboratorId = click.collaboratorId ?? 0;
        const programId = click.programId ?? 0;
        const key = `${click.workspaceId}\u0000${day}\u0000${collaboratorId}\u0000${programId}`;
        let count = days.get(key);
        if (!count) days.set(key, (count = { workspace_id: click.workspaceId, day, collaborator_id: collaboratorId, program_id: programId, clicks: 0, invalid_clicks: 0 }));
        if (click.valid) count.clicks += 1;
        else count.invalid_clicks += 1;
      }
      await insertAll(trx, rows, CLICK_COLUMNS, clickInsert, dialect);
      await insertAll(trx, [...days.values()], DAY_COLUMNS, dayUpsert, dialect);
    });
    for (const committed of salts) committed();
    return clicks.map(() => undefined);
  }
}
