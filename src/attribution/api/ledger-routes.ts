import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { conversionSchema, engagementSchema, idPageQuery, obligationSchema, opportunitySchema, pageOf, transactionSchema } from './api-schemas.ts';
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
  /** For /openapi.json: the resource's schema, its plural and singular names, and the filters `filters` reads. */
  schema: object;
  names: [plural: string, singular: string];
  query: Record<string, object>;
}

function collection<Row extends { id: number }>(spec: Collection<Row>): Collection<Row> {
  return spec;
}

const ID = { type: 'integer' };
const TEXT = { type: 'string' };

/** The records the engine writes; the admin API reads them (conversions also have review actions). */
export const LEDGER = {
  opportunities: collection<OpportunityRow>({
    table: 'opportunities',
    path: 'opportunities',
    what: 'Opportunity',
    filters: (r) => ({ status: r.oneOf('status', ['active', 'inactive', 'invalid'] as const), collaborator_id: r.id('collaborator_id'), user_id: r.text('user_id') }),
    toResource: toOpportunityResource,
    schema: opportunitySchema,
    names: ['Opportunities', 'Opportunity'],
    query: { status: { type: 'string', enum: ['active', 'inactive', 'invalid'] }, collaborator_id: ID, user_id: TEXT },
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
    schema: engagementSchema,
    names: ['Engagements', 'Engagement'],
    query: { status: { type: 'string', enum: ['active', 'completed', 'superseded'] }, opportunity_id: ID, program_id: ID, collaborator_id: ID },
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
    schema: transactionSchema,
    names: ['Transactions', 'Transaction'],
    query: { status: { type: 'string', enum: ['pending', 'complete', 'cancelled', 'refunded'] }, source: TEXT, external_id: TEXT, opportunity_id: ID, currency: TEXT, subscription_id: TEXT, renews_transaction_id: ID },
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
    schema: conversionSchema,
    names: ['Conversions', 'Conversion'],
    query: { status: { type: 'string', enum: ['pending', 'approved', 'rejected'] }, kind: { type: 'string', enum: ['sale', 'lead'] }, program_id: ID, collaborator_id: ID, opportunity_id: ID, transaction_id: ID },
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
    schema: obligationSchema,
    names: ['Obligations', 'Obligation'],
    query: { status: { type: 'string', enum: ['draft', 'pending', 'complete', 'cancelled'] }, kind: { type: 'string', enum: ['commission', 'clawback'] }, collaborator_id: ID, conversion_id: ID, currency: TEXT },
  }),
};

function registerCollection<Row extends { id: number }>(scope: FastifyInstance, deps: Deps, spec: Collection<Row>): void {
  const [plural, singular] = spec.names;
  const list = describeRoute({
    operationId: `list${plural}`,
    summary: `List ${plural.toLowerCase()}`,
    tags: ['Records'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams(),
    querystring: idPageQuery({
      ...spec.query,
      from: { type: 'string', format: 'date-time', description: 'Created at or after.' },
      to: { type: 'string', format: 'date-time', description: 'Created before.' },
    }),
    response: { 200: json(`A page of ${plural.toLowerCase()}, newest first.`, pageOf(spec.schema)) },
  });
  const get = describeRoute({
    operationId: `get${singular}`,
    summary: `Get ${/^[AEIOU]/.test(singular) ? 'an' : 'a'} ${singular.toLowerCase()}`,
    tags: ['Records'],
    security: SECURITY.workspace('admin'),
    params: workspaceParams({ recordId: `The ${singular.toLowerCase()} id.` }),
    response: { 200: json(`The ${singular.toLowerCase()}.`, spec.schema) },
  });
  scope.get(`/${spec.path}`, list, async (request: FastifyRequest) => {
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

  scope.get(`/${spec.path}/:recordId`, get, async (request: FastifyRequest) => {
    const row = await getRow<Row>(deps.db, spec.table, workspaceOf(request), pathId(request, 'recordId', spec.what), spec.what);
    return spec.toResource(row);
  });
}

/** Opportunities, engagements, transactions, conversions and obligations: list (filtered) and get. */
export function registerLedgerRoutes(scope: FastifyInstance, deps: Deps): void {
  for (const spec of Object.values(LEDGER)) registerCollection(scope, deps, spec as Collection<{ id: number }>);
}
