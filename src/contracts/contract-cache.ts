import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { compileSchemaDefinition, type CompiledSchema } from './schema-definition.ts';
import type { EventContractRow } from './tables.ts';

/** An active contract with its schema compiled. */
export interface CompiledContract {
  readonly row: EventContractRow;
  readonly compiled: CompiledSchema;
}

interface WorkspaceEntry {
  version: number;
  checkedAt: number;
  /** Keyed by `type\0name`; name '' holds the contracts that match every name of the type. */
  byKey: Map<string, CompiledContract[]>;
}

const key = (type: string, name: string) => `${type}\u0000${name}`;

/**
 * Compiled contracts per workspace, for the pipeline. Writes in this process invalidate at once;
 * writes by other processes bump `contract_versions`, which this cache re-reads at most once per
 * `maxAgeMs` per workspace (one indexed query for all the batch's workspaces). A reload reuses the
 * compiled schema of every contract whose `updated_at` did not change.
 *
 * The runtime makes one per process and hands it to both the pipeline stage and the contract
 * routes (which invalidate it), with the `onCompileError` it chose: no module keeps a cache per
 * database handle, where the first caller's callback would win.
 */
export class ContractCache {
  private readonly workspaces = new Map<string, WorkspaceEntry>();

  constructor(
    private readonly maxAgeMs = 1000,
    private readonly onCompileError: (contractId: string, error: unknown) => void = () => {},
  ) {}

  /** Drops a workspace's compiled contracts; the next batch reloads them. */
  invalidate(workspaceId: string): void {
    this.workspaces.delete(workspaceId);
  }

  /** Active contracts that apply to an event of this type and name. */
  matching(workspaceId: string, type: string, name: string | null): CompiledContract[] {
    const entry = this.workspaces.get(workspaceId);
    if (!entry || entry.byKey.size === 0) return [];
    const exact = name === null || name === '' ? [] : (entry.byKey.get(key(type, name)) ?? []);
    const any = entry.byKey.get(key(type, '')) ?? [];
    return exact.length === 0 ? any : any.length === 0 ? exact : [...exact, ...any];
  }

  /** Makes sure the workspaces' contracts are loaded and no older than `maxAgeMs`. */
  async refresh(trx: Kysely<Database>, workspaceIds: Iterable<string>, now: number): Promise<void> {
    const stale = [...new Set(workspaceIds)].filter((id) => {
      const entry = this.workspaces.get(id);
      return !entry || now - entry.checkedAt >= this.maxAgeMs;
    });
    if (stale.length === 0) return;
    const versions = new Map<string, number>();
    const rows = await trx.selectFrom('contract_versions').selectAll().where('workspace_id', 'in', stale).execute();
    for (const row of rows) versions.set(row.workspace_id, Number(row.version));
    const reload: string[] = [];
    for (const id of stale) {
      const entry = this.workspaces.get(id);
      const version = versions.get(id) ?? 0;
      if (entry && entry.version === version) entry.checkedAt = now;
      else reload.push(id);
    }
    if (reload.length === 0) return;
    const contracts = await trx
      .selectFrom('event_contracts')
      .selectAll()
      .where('workspace_id', 'in', reload)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    const previous = new Map<string, CompiledContract>();
    for (const id of reload) {
      for (const list of this.workspaces.get(id)?.byKey.values() ?? []) for (const c of list) previous.set(c.row.id, c);
      this.workspaces.set(id, { version: versions.get(id) ?? 0, checkedAt: now, byKey: new Map() });
    }
    for (const row of contracts) {
      const compiled = this.compile(row, previous.get(row.id));
      if (!compiled) continue;
      const byKey = this.workspaces.get(row.workspace_id)!.byKey;
      const k = key(row.event_type, row.event_name);
      const list = byKey.get(k);
      if (list) list.push(compiled);
      else byKey.set(k, [compiled]);
    }
  }

  private compile(row: EventContractRow, previous: CompiledContract | undefined): CompiledContract | undefined {
    if (previous && previous.row.updated_at === row.updated_at) return { row, compiled: previous.compiled };
    try {
      return { row, compiled: compileSchemaDefinition(JSON.parse(row.schema_definition)) };
    } catch (error) {
      // Schemas are checked when saved; one that no longer compiles (e.g. after an upgrade) must
      // not stop every event of the workspace, so it is skipped and reported.
      this.onCompileError(row.id, error);
      return undefined;
    }
  }
}
