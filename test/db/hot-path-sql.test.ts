import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placementOf } from '../../src/db/distribution.ts';
import { readPostgresCatalog } from '../../src/db/distribution-rules.ts';
import { newId } from '../../src/lib/ids.ts';
import { AttributionFixtures } from '../attribution/fixtures/attribution-fixtures.ts';
import { forwardingApi } from '../forward/forward-support.ts';
import type { Receiver } from '../forward/receiver.ts';
import { basicAuth, useTestServer } from '../support/harness.ts';

// Every statement the hot paths send to PostgreSQL, read off the wire (pg.Client's query: an
// observer, the database is real), must name the workspace of each distributed table it touches
// (docs/scaling.md): on Citus that routes it to one shard. Those that cannot yet are listed in
// KNOWN_MULTI_SHARD with why and the way out; a new statement that does not filter fails here.

/** Statements on distributed tables that do not name a workspace, each with why (docs/scaling.md, "Known limitations"). */
const KNOWN_MULTI_SHARD: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  {
    pattern: /^select "workspace_id" from \(select "workspace_id", "(available_at|seq)" as "position" from "(inbox|inbox_journal)"( where "available_at" <= \$1)? order by "(available_at|seq)" limit \$\d+\) as "oldest" group by "workspace_id" order by min\("position"\) limit \$\d+$/,
    why: 'a workspace-scoped claim first reads, without locks, which workspaces the oldest due rows belong to; each locking claim then names one (inbox/claim-scope.ts)',
  },
  {
    pattern: /^update "inbox" set "status" = 'processed', .* where "available_at" is not null and "id" in \(/,
    why: "marks a batch's rows processed by id; a batch spans workspaces (a multi-shard UPDATE, which Citus runs as one distributed transaction)",
  },
  { pattern: /^select "id", "status", "event_id", "process_error" from "inbox" where "id" in \(/, why: 'the synchronous answer waits on inbox rows by id (ProcessingWaiters); ids are global' },
  {
    pattern: /^select "d"\.\* from "destinations" as "d" where "d"\."enabled" = \$1 and exists \(select "x"\."id" from "deliveries" as "x" where "x"\."workspace_id" = "d"\."workspace_id"/,
    why: 'finds the destinations with due deliveries in every workspace: a read without locks; the claims it leads to name the workspace',
  },
  { pattern: /^select \* from "destinations" where "id" = \$1$/, why: 'a delivery lane re-reads its destination by id every few seconds (one row)' },
  { pattern: /^select "id", "updated_at", "enabled" from "destinations" where "id" in \(/, why: "idle delivery lanes check, by id, whether their destinations changed (one read for all lanes)" },
  {
    pattern: /^update "deliveries" set .* where "id" in \(.*\) and "locked_by" = /,
    why: 'settling or releasing claimed deliveries by id (Settlement carries no workspace yet); rows this worker locked',
  },
];

interface Recorded {
  readonly text: string;
  readonly tables: string[];
}

/** Table names a statement reads or writes. */
function tablesOf(text: string, known: Set<string>): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b(?:from|into|update|join)\s+(?:"?\w+"?\.)?"?(\w+)"?/gi)) {
    if (known.has(match[1]!)) names.add(match[1]!);
  }
  return [...names];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A statement on two distributed tables or more pairs their workspaces (`"a"."workspace_id" = "b"."workspace_id"`). */
function joinsWithinWorkspace(text: string): boolean {
  return /"?\w+"?\."?workspace_id"?\s*=\s*"?\w+"?\."?workspace_id"?/.test(text);
}

/** An insert that writes the workspace column, or a statement that filters by it. */
function namesWorkspace(text: string): boolean {
  const insert = /^\s*insert\s+into\s+\S+\s*\(([^)]*)\)/i.exec(text);
  if (insert) return /\bworkspace_id\b/.test(insert[1]!);
  return /"?workspace_id"?\s*(?:=|in\s*\()/i.test(text);
}

describe('hot-path SQL on PostgreSQL', () => {
  // WORKER_CLAIM_SCOPE=workspace, as on Citus: every locking claim names one workspace.
  const server = useTestServer('postgres', { forwardAllowPrivateTargets: true, forwardRetryBaseMs: 20, workerClaimScope: 'workspace' });
  const recorded: Recorded[] = [];
  const originalQuery = pg.Client.prototype.query;
  let recording = false;
  let distributedTables = new Set<string>();
  let receiver: Receiver | undefined;

  beforeAll(async () => {
    const catalog = await readPostgresCatalog(server.db.kysely);
    distributedTables = new Set(catalog.tables.map((table) => table.name).filter((name) => placementOf(name) === 'distributed'));
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      if (recording) {
        const first = args[0] as string | { text?: string };
        const text = typeof first === 'string' ? first : (first?.text ?? '');
        const tables = tablesOf(text, distributedTables);
        if (tables.length > 0) recorded.push({ text, tables });
      }
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
  });
  afterAll(async () => {
    pg.Client.prototype.query = originalQuery;
    await receiver?.close();
  });

  it('names the workspace in every statement on a distributed table, but for the known multi-shard ones, and joins only within a workspace', async () => {
    const api = forwardingApi(server);
    const wired = await api.wire({ eventNames: ['Hot Path'] });
    receiver = wired.receiver;
    const fixtures = await AttributionFixtures.create(server);
    await fixtures.program();
    const collaboratorId = await fixtures.collaborator();

    recording = true;
    // Ingest and processing: a single event and a batch, forwarded to a webhook and delivered.
    const single = await server.inject({ method: 'POST', url: '/v1/track', headers: { authorization: basicAuth(server.writeKey) }, payload: { event: 'Hot Path', userId: 'u-1', messageId: newId() } });
    expect(single.statusCode).toBe(200);
    await api.track([{ event: 'Hot Path' }, { event: 'Hot Path' }]);
    await api.settled(wired.destinationId, 3, ['delivered']);
    // Attribution: a visit, then a sale through the event API.
    await fixtures.visit(collaboratorId);
    const sale = await fixtures.send('sale', { source: 'shop', externalId: 'hot-1', total: 25, collaboratorId });
    expect(sale.statusCode).toBe(200);
    recording = false;

    // Citus runs a locking read only on one shard: no exception covers one.
    const lockingAcrossWorkspaces = recorded.filter((statement) => /\bfor update\b/i.test(statement.text) && !namesWorkspace(statement.text));
    expect([...new Set(lockingAcrossWorkspaces.map((statement) => oneLine(statement.text).slice(0, 240)))]).toEqual([]);
    const unexplained = recorded.filter((statement) => !namesWorkspace(statement.text) && !KNOWN_MULTI_SHARD.some((exception) => exception.pattern.test(oneLine(statement.text))));
    const shown = [...new Set(unexplained.map((statement) => `${statement.tables.join(',')}: ${statement.text.replace(/\s+/g, ' ').slice(0, 240)}`))];
    expect(shown).toEqual([]);
    // Nothing joins across workspaces: a statement on several distributed tables pairs their workspaces.
    const crossing = recorded.filter((statement) => statement.tables.length > 1 && !joinsWithinWorkspace(statement.text));
    expect([...new Set(crossing.map((statement) => oneLine(statement.text).slice(0, 240)))]).toEqual([]);
    expect(recorded.length).toBeGreaterThan(20);
  });
});
