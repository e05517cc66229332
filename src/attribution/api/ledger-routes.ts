import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConversionRow, EngagementRow, ObligationRow, OpportunityRow, TransactionRow } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { readIdPage, toIdPage } from './id-pagination.ts';
import { QueryReader, type Query } from './query-params.ts';
import {
  toConversionResource,
  toEngagementResource,
  toObligationResource,
  toOpportunityResource,
  toTransactionResource,
} from './resources.ts';
import { getRow, listRows, type AttributionTableName, type Filters } from './rows.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

/** One read-only collection: its table, path, filters and resource shape. */
interface Collection<Row extends { id: number }> {
  table: AttributionTableName;
  path: string;
  what: string;
  filters: (reader: QueryReader) => Filters;
  toResource: (row: Row) => unknown;
}

function collection<Row extends { id: number }>(spec: Collection<Row>): Collection<Row> {
  return spec;
}

/** The records the engine writes; the admin API reads them (conversions also have review actions). */
export const LEDGER = {
  opportunities: collection<OpportunityRow>({
    table: 'opportunities',
    path: 'opportunities',
    what: 'Opportunity',
    filters: (r) => ({ status: r.oneOf('status', ['active', 'inactive', 'invalid'] as const), collaborator_id: r.id('collaborator_id'), user_id: r.text('user_id') }),
    toResource: toOpportunityResource,
  }),
  engagements: collection<EngagementRow>({
    table: 'engagements',
    path: 'engagements',
    what: 'Engagement',
    filters: (r) => ({
      status: r.oneOf('status', ['active', 'completed', 'superseded'] as const),
      opportunity_id: r.id('opportunity_id'),
      program_id: r.id('program_id'),
      collaborator_id: r.id('collaborator_id'),
    }),
    toResource: toEngagementResource,
  }),
  transactions: collection<TransactionRow>({
    table: 'attribution_transactions',
    path: 'transactions',
    what: 'Transaction',
    filters: (r) => ({
      status: r.oneOf('status', ['pending', 'complete', 'cancelled', 'refunded'] as const),
      source: r.text('source'),
      external_id: r.text('external_id'),
      opportunity_id: r.id('opportunity_id'),
      currency: r.currency('currency'),
      subscription_id: r.text('subscription_id'),
      renews_transaction_id: r.id('renews_transaction_id'),
    }),
    toResource: toTransactionResource,
  }),
  conversions: collection<ConversionRow>({
    table: 'conversions',
    path: 'conversions',
    what: 'Conversion',
    filters: (r) => ({
      status: r.oneOf('status', ['pending', 'approved', 'rejected'] as const),
      kind: r.oneOf('kind', ['sale', 'lead'] as const),
      program_id: r.id('program_id'),
      collaborator_id: r.id('collaborator_id'),
      opportunity_id: r.id('opportunity_id'),
      transaction_id: r.id('transaction_id'),
    }),
    toResource: toConversionResource,
  }),
  obligations: collection<ObligationRow>({
    table: 'obligations',
    path: 'obligations',
    what: 'Obligation',
    filters: (r) => ({
      status: r.oneOf('status', ['draft', 'flagged', 'hold', 'pending', 'complete', 'cancelled'] as const),
      kind: r.oneOf('kind', ['commission', 'clawback'] as const),
      collaborator_id: r.id('collaborator_id'),
      conversion_id: r.id('conversion_id'),
      currency: r.currency('currency'),
    }),
    toResource: toObligationResource,
  }),
};

function registerCollection<Row extends { id: number }>(scope: FastifyInstance, deps: Deps, spec: Collection<Row>): void {
  scope.get(`/${spec.path}`, async (request: FastifyRequest) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const filters = spec.filters(reader);
    // Reconciling a period: records created from `from` (inclusive) to `to` (exclusive).
    const created = { from: reader.time('from'), to: reader.time('to') };
    reader.rejectUnknown(['limit', 'cursor', 'from', 'to', ...Object.keys(filters)]);
    reader.done();
    const rows = await listRows<Row>(deps.db, spec.table, workspaceOf(request), filters, page, created);
    return toIdPage(rows, page, spec.toResource);
  });

  scope.get(`/${spec.path}/:recordId`, async (request: FastifyRequest) => {
    const row = await getRow<Row>(deps.db, spec.table, workspaceOf(request), pathId(request, 'recordId', spec.what), spec.what);
    return spec.toResource(row);
  });
}

/** Opportunities, engagements, transactions, conversions and obligations: list (filtered) and get. */
export function registerLedgerRoutes(scope: FastifyInstance, deps: Deps): void {
  for (const spec of Object.values(LEDGER)) registerCollection(scope, deps, spec as Collection<{ id: number }>);
}
