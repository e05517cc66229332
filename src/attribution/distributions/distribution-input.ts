import { AppError, type FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import { METRIC_NAME } from './metric-factory.ts';
import type { DistributionTable } from './tables.ts';

type Columns = Partial<Omit<DistributionTable, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>>;

const pool = {
  type: 'object',
  required: ['type', 'currency'],
  additionalProperties: false,
  properties: {
    type: { enum: ['fixed', 'metric_share'] },
    amount: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    basis_points: { type: 'integer', minimum: 1, maximum: 10_000 },
    metric: METRIC_NAME,
    currency: { type: 'string', format: 'currency' },
  },
};

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  metric: METRIC_NAME,
  pool,
  period: { enum: ['daily', 'weekly', 'monthly'] },
  status: { enum: ['active', 'inactive'] },
};

/** The bodies, as validated and as /openapi.json shows them. */
export const createDistributionBody = {
  type: 'object',
  required: ['name', 'metric', 'pool', 'period'],
  additionalProperties: false,
  properties,
  examples: [{ name: 'Monthly bonus pool', metric: 'referred_revenue', pool: { type: 'fixed', amount: 100000, currency: 'USD' }, period: 'monthly' }],
};
export const updateDistributionBody = { type: 'object', additionalProperties: false, properties };

const validateCreate = ajv.compile(createDistributionBody);
const validateUpdate = ajv.compile(updateDistributionBody);

interface PoolInput {
  type?: 'fixed' | 'metric_share';
  amount?: number;
  basis_points?: number;
  metric?: string;
  currency?: string;
}

/** The pool's one-of rules, which a schema would report as noise: each type names its own fields. */
function poolErrors(input: PoolInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.type === 'fixed') {
    if (input.amount === undefined) errors.push({ field: 'pool.amount', message: 'is required for a fixed pool (minor units per period)' });
    for (const field of ['basis_points', 'metric'] as const) if (input[field] !== undefined) errors.push({ field: `pool.${field}`, message: 'is only for a metric_share pool' });
  }
  if (input.type === 'metric_share') {
    if (input.basis_points === undefined) errors.push({ field: 'pool.basis_points', message: 'is required for a metric_share pool' });
    if (input.metric === undefined) errors.push({ field: 'pool.metric', message: 'is required for a metric_share pool (its values are minor units of the currency)' });
    if (input.amount !== undefined) errors.push({ field: 'pool.amount', message: 'is only for a fixed pool' });
  }
  return errors;
}

function read(body: unknown, create: boolean): Columns {
  const value = body ?? {};
  const validate = create ? validateCreate : validateUpdate;
  const errors = validate(value) ? [] : fieldErrors(validate.errors);
  const input = value as { name?: string; metric?: string; pool?: PoolInput; period?: DistributionTable['period']; status?: DistributionTable['status'] };
  if (input.pool && typeof input.pool === 'object') {
    const seen = new Set(errors.map((e) => e.field));
    for (const error of poolErrors(input.pool)) if (!seen.has(error.field)) errors.push(error);
  }
  if (errors.length > 0) throw AppError.validation(errors);
  const columns: Columns = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.metric !== undefined) columns.metric = input.metric;
  if (input.period !== undefined) columns.period = input.period;
  if (input.status !== undefined) columns.status = input.status;
  if (input.pool !== undefined) {
    columns.pool_type = input.pool.type!;
    columns.pool_amount = input.pool.amount ?? null;
    columns.pool_basis_points = input.pool.basis_points ?? null;
    columns.pool_metric = input.pool.metric ?? null;
    columns.currency = input.pool.currency!;
  }
  return columns;
}

/** `POST …/distributions`: name, metric, pool and period are required; status defaults to active. */
export const readDistributionCreate = (body: unknown) => read(body, true) as Required<Pick<Columns, 'name' | 'metric' | 'pool_type' | 'currency' | 'period'>> & Columns;

/** `PATCH …/distributions/{id}`: any field; a pool replaces the whole pool. */
export const readDistributionUpdate = (body: unknown) => read(body, false);

export const runDistributionsBody = {
  type: 'object',
  additionalProperties: false,
  properties: { at: { type: 'string', minLength: 1, maxLength: 40, description: 'ISO-8601; the periods ended by then run. Default: now.' } },
};
const readRunBody = ajv.compile(runDistributionsBody);

/** `POST …/distributions/run`: `at` (ISO time) picks the periods that have ended by then; default now. */
export function readRunRequest(body: unknown): { at: number } {
  const value = body ?? {};
  const errors = readRunBody(value) ? [] : fieldErrors(readRunBody.errors);
  const at = (value as { at?: string }).at;
  if (errors.length === 0 && at !== undefined && Number.isNaN(Date.parse(at))) errors.push({ field: 'at', message: 'must be an ISO 8601 date-time' });
  if (errors.length > 0) throw AppError.validation(errors);
  return { at: at === undefined ? Date.now() : Date.parse(at) };
}
