/**
 * Setup the attribution benchmarks share (bench/attribution-sale.ts, bench/stripe-sale.ts): live
 * opportunities written straight into the server's SQLite file, and a wait for the worker.
 */
import SQLite from 'better-sqlite3';

/** A program, a collaborator and `count` live opportunities with one engagement each; returns the first id. */
export function prepareOpportunities(file: string, workspaceId: string, count: number): number {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const now = Date.now();
  const far = now + 30 * 86_400_000;
  try {
    return db.transaction(() => {
      const program = db
        .prepare(
          `insert into attribution_programs (workspace_id, name, status, incentive_type, incentive_bps, attribution_window_days,
             attribution_model, engagement_trigger, approval, created_at, updated_at)
           values (?, 'Bench', 'active', 'percent', 1000, 30, 'last_touch', 'any', 'on_payment', ?, ?)`,
        )
        .run(workspaceId, now, now).lastInsertRowid;
      const collaborator = db
        .prepare(`insert into collaborators (workspace_id, name, status, created_at, updated_at) values (?, 'Bench partner', 'active', ?, ?)`)
        .run(workspaceId, now, now).lastInsertRowid;
      const opportunity = db.prepare(
        `insert into opportunities (workspace_id, collaborator_id, status, origin, created_at, expires_at) values (?, ?, 'active', 'referral', ?, ?)`,
      );
      const engagement = db.prepare(
        `insert into engagements (workspace_id, opportunity_id, program_id, collaborator_id, status, created_at, expires_at) values (?, ?, ?, ?, 'active', ?, ?)`,
      );
      let first = 0;
      for (let i = 0; i < count; i += 1) {
        const id = Number(opportunity.run(workspaceId, collaborator, now, far).lastInsertRowid);
        if (i === 0) first = id;
        engagement.run(workspaceId, id, program, collaborator, now, far);
      }
      return first;
    })();
  } finally {
    db.close();
  }
}

/**
 * Waits until the worker has processed every event the track run left in the inbox: /v1/track
 * answers once an event is durable, and the worker catches up afterwards, so without the wait the
 * sale run would pay for the track run's processing. Returns the seconds it took.
 */
export async function drainBacklog(file: string): Promise<number> {
  const started = Date.now();
  const db = new SQLite(file, { readonly: true });
  try {
    // Segment requests wait in the journal until a worker splits them into inbox rows.
    const waiting = db.prepare('select (select count(*) from inbox where available_at is not null) + (select count(*) from inbox_journal) as n');
    while ((waiting.get() as { n: number }).n > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    db.close();
  }
  return (Date.now() - started) / 1000;
}

