import type { Db } from '../../db/index.ts';
import { isoOrNull } from '../../lib/time.ts';
import type { ConversionRow, ObligationRow, TransactionRow } from '../model/tables.ts';
import type { QueryReader } from './query-params.ts';
import { parseItems } from './resources.ts';
import { offsetRows, type AttributionTableName } from './rows.ts';
import { SIREN_VOCABULARY, storedStatuses, toSirenStatus, type SirenCollection } from './siren-vocabulary.ts';
import type { PayoutRow } from './tables.ts';

/**
 * Siren's reconciliation readers (`/siren/v1/conversions|transactions|obligations|payouts`):
 * camelCase records as Siren's SDK reads them, integer ids, money in integer minor units next to
 * its `currency`, statuses in Siren's words (siren-vocabulary.ts).
 */

export function toSirenConversion(row: ConversionRow) {
  return {
    id: row.id,
    status: toSirenStatus('conversions', row.status),
    type: row.kind,
    programId: row.program_id,
    collaboratorId: row.collaborator_id,
    opportunityId: row.opportunity_id,
    engagementId: row.engagement_id,
    transactionId: row.transaction_id,
    amount: row.amount,
    currency: row.currency,
    createdAt: isoOrNull(row.created_at),
    reviewedAt: isoOrNull(row.reviewed_at),
  };
}

export function toSirenTransaction(row: TransactionRow) {
  return {
    id: row.id,
    status: toSirenStatus('transactions', row.status),
    source: row.source,
    externalId: row.external_id,
    opportunityId: row.opportunity_id,
    total: row.total,
    refundedTotal: row.refunded_total,
    currency: row.currency,
    items: parseItems(row.items),
    couponCode: row.coupon_code,
    createdAt: isoOrNull(row.created_at),
    completedAt: isoOrNull(row.completed_at),
    refundedAt: isoOrNull(row.refunded_at),
  };
}

export function toSirenObligation(row: ObligationRow) {
  return {
    id: row.id,
    status: toSirenStatus('obligations', row.status),
    type: row.kind,
    conversionId: row.conversion_id,
    collaboratorId: row.collaborator_id,
    amount: row.amount,
    originalAmount: row.original_amount,
    currency: row.currency,
    createdAt: isoOrNull(row.created_at),
    updatedAt: isoOrNull(row.updated_at),
  };
}

export function toSirenPayout(row: PayoutRow) {
  return {
    id: row.id,
    status: toSirenStatus('payouts', row.status),
    collaboratorId: row.collaborator_id,
    amount: row.amount,
    currency: row.currency,
    createdAt: isoOrNull(row.created_at),
    paidAt: isoOrNull(row.paid_at),
  };
}

/** A filter: the query key Siren's SDK sends, the column it reads, and how the value is parsed. */
type FilterSpec = { key: string; column: string; read: (reader: QueryReader, key: string) => string | number | undefined };

const byId = (key: string, column: string): FilterSpec => ({ key, column, read: (r, k) => r.id(k) });
const byText = (key: string, column: string): FilterSpec => ({ key, column, read: (r, k) => r.text(k) });
const byCurrency: FilterSpec = { key: 'currency', column: 'currency', read: (r, k) => r.currency(k) };

interface ReaderSpec {
  table: AttributionTableName;
  filters: FilterSpec[];
  toRecord: (row: never) => unknown;
}

export const SIREN_READERS: Record<SirenCollection, ReaderSpec> = {
  conversions: {
    table: 'conversions',
    filters: [
      byId('collaboratorId', 'collaborator_id'),
      byId('programId', 'program_id'),
      byId('transactionId', 'transaction_id'),
      byId('opportunityId', 'opportunity_id'),
      { key: 'type', column: 'kind', read: (r, k) => r.oneOf(k, ['sale', 'lead'] as const) },
    ],
    toRecord: toSirenConversion,
  },
  transactions: {
    table: 'attribution_transactions',
    filters: [byText('source', 'source'), byText('externalId', 'external_id'), byId('opportunityId', 'opportunity_id'), byCurrency],
    toRecord: toSirenTransaction,
  },
  obligations: {
    table: 'obligations',
    filters: [
      byId('collaboratorId', 'collaborator_id'),
      byId('conversionId', 'conversion_id'),
      byCurrency,
      { key: 'type', column: 'kind', read: (r, k) => r.oneOf(k, ['commission', 'clawback'] as const) },
    ],
    toRecord: toSirenObligation,
  },
  payouts: {
    table: 'payouts',
    filters: [byId('collaboratorId', 'collaborator_id'), byCurrency],
    toRecord: toSirenPayout,
  },
};

export const MAX_PER_PAGE = 100;

/** The query `readSirenPage` reads for a collection, for /openapi.json. */
export function sirenPageQuery(collection: SirenCollection) {
  return {
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, default: 1 },
      perPage: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: 25 },
      status: { type: 'string', enum: [...SIREN_VOCABULARY[collection].words] },
      ...Object.fromEntries(SIREN_READERS[collection].filters.map((filter) => [filter.key, { type: 'string' }])),
    },
  };
}

/**
 * Reads `page`, `perPage`, `status` and the collection's filters; any other key is refused with a
 * 400 naming it, because a misspelt filter that is ignored would hand a reconciler every record.
 * Oldest first, so a page holds the same rows while new records arrive at the end.
 */
export async function readSirenPage(db: Db, workspaceId: string, collection: SirenCollection, reader: QueryReader) {
  const spec = SIREN_READERS[collection];
  const page = reader.integer('page', 1, 1, 1_000_000);
  const perPage = reader.integer('perPage', 25, 1, MAX_PER_PAGE);
  const status = reader.oneOf('status', SIREN_VOCABULARY[collection].words);
  const where: Array<{ column: string; values: Array<string | number> }> = [];
  for (const filter of spec.filters) {
    const value = filter.read(reader, filter.key);
    if (value !== undefined) where.push({ column: filter.column, values: [value] });
  }
  reader.rejectUnknown(['page', 'perPage', 'status', ...spec.filters.map((f) => f.key)]);
  reader.done();
  const statuses = storedStatuses(collection, status);
  if (statuses.length === 0) return { records: [], total: 0 };
  where.push({ column: 'status', values: statuses });
  const { rows, total } = await offsetRows<never>(db, spec.table, workspaceId, where, (page - 1) * perPage, perPage);
  return { records: rows.map(spec.toRecord), total };
}
