import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { programsById } from './programs.ts';
import type { ProgramRow } from './tables.ts';

/**
 * Programs read by id, kept for one database transaction: the worker runs a batch of flows in one
 * transaction, and a sale reads its program twice (award, then approval on payment), so a batch
 * of sales in one program reads it once instead of twice per sale. Reusing a read inside the
 * transaction that made it is safe: on SQLite the batch holds the write lock, and on PostgreSQL a
 * program changed by an admin meanwhile is as if changed just after the batch (nothing locks the
 * program row either way). Whoever writes programs inside the transaction, or rolls back a part
 * of it that may have, calls `clear()` (recipes do; the attribution stage does on every rollback).
 */
export class ProgramCache {
  /** Per workspace, per program id; null records a program that is not there. */
  private readonly workspaces = new Map<string, Map<number, ProgramRow | null>>();

  /** The programs of `workspaceId` among `ids`, as programsById answers. */
  async byIds(trx: Kysely<Database>, workspaceId: string, ids: Iterable<number>): Promise<Map<number, ProgramRow>> {
    let known = this.workspaces.get(workspaceId);
    if (!known) this.workspaces.set(workspaceId, (known = new Map()));
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !known.has(id));
    if (missing.length > 0) {
      const found = await programsById(trx, workspaceId, missing);
      for (const id of missing) known.set(id, found.get(id) ?? null);
    }
    const result = new Map<number, ProgramRow>();
    for (const id of wanted) {
      const row = known.get(id);
      if (row) result.set(id, row);
    }
    return result;
  }

  clear(): void {
    this.workspaces.clear();
  }
}
