import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialect-capabilities.ts';

/**
 * Distributions and system events (issue 6):
 * - `metric_entries`: values of `metric` events, exact decimal text (never a float), per collaborator;
 * - `distributions`: a pool (fixed, or basis points of a metric) shared by a metric each period;
 * - `distribution_runs`: one row per processed period. Its unique `(distribution_id, period_start)`
 *   is what makes a period run once when two processes' heartbeats race: the loser's insert
 *   conflicts (PostgreSQL waits for the winner's commit first) and it issues nothing;
 * - `allocations`: each collaborator's share and the obligation it became;
 * - `collaborator_submissions`: applications and their decision;
 * - `lesson_incentives`: a program's flat reward per completed lesson, per currency.
 */
export async function up(db: Kysely<any>, dialect: DialectCapabilities): Promise<void> {
  const big = dialect.bigintType;
  const withId = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', dialect.autoIncrementType, (c) => {
        const pk = c.primaryKey();
        return dialect.needsAutoIncrementModifier ? pk.autoIncrement() : pk;
      })
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'));
  const run = (table: CreateTableBuilder<string, string>) => table.execute();

  await run(
    withId('metric_entries')
      .addColumn('collaborator_id', 'integer', (c) => c.notNull().references('collaborators.id'))
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('occurred_at', big, (c) => c.notNull())
      .addColumn('inbound_event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', big, (c) => c.notNull()),
  );
  await db.schema.createIndex('metric_entries_period').on('metric_entries').columns(['workspace_id', 'metric', 'occurred_at']).execute();

  await run(
    withId('distributions')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('pool_type', 'text', (c) => c.notNull())
      .addColumn('pool_amount', big)
      .addColumn('pool_basis_points', 'integer')
      .addColumn('pool_metric', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', big, (c) => c.notNull())
      .addColumn('updated_at', big, (c) => c.notNull()),
  );
  await db.schema.createIndex('distributions_ws').on('distributions').columns(['workspace_id', 'id']).execute();

  await run(
    withId('distribution_runs')
      .addColumn('distribution_id', 'integer', (c) => c.notNull().references('distributions.id'))
      .addColumn('period_start', big, (c) => c.notNull())
      .addColumn('period_end', big, (c) => c.notNull())
      .addColumn('pool', big, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('metric_total', 'text', (c) => c.notNull())
      .addColumn('inbound_event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', big, (c) => c.notNull()),
  );
  await db.schema.createIndex('distribution_runs_period').on('distribution_runs').columns(['distribution_id', 'period_start']).unique().execute();

  await run(
    withId('allocations')
      .addColumn('run_id', 'integer', (c) => c.notNull().references('distribution_runs.id'))
      .addColumn('distribution_id', 'integer', (c) => c.notNull())
      .addColumn('collaborator_id', 'integer', (c) => c.notNull())
      .addColumn('metric_value', 'text', (c) => c.notNull())
      .addColumn('amount', big, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('obligation_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', big, (c) => c.notNull()),
  );
  await db.schema.createIndex('allocations_run').on('allocations').columns(['workspace_id', 'run_id']).execute();
  await db.schema.createIndex('allocations_obligation').on('allocations').columns(['workspace_id', 'obligation_id']).execute();

  await run(
    withId('collaborator_submissions')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('user_id', 'text')
      .addColumn('code', 'text')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('collaborator_id', 'integer')
      .addColumn('inbound_event_id', 'text', (c) => c.notNull())
      .addColumn('created_at', big, (c) => c.notNull())
      .addColumn('updated_at', big, (c) => c.notNull()),
  );
  await db.schema.createIndex('collaborator_submissions_ws').on('collaborator_submissions').columns(['workspace_id', 'id']).execute();

  await db.schema
    .createTable('lesson_incentives')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('program_id', 'integer', (c) => c.notNull().references('attribution_programs.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', big, (c) => c.notNull())
    .addColumn('updated_at', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_incentives_pk', ['workspace_id', 'program_id', 'currency'])
    .execute();
}
