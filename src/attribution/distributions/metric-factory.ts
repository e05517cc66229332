import { ROW_ID_SCHEMA, type DialectCapabilities } from '../../db/index.ts';
import { ERROR_CODES, type FieldError } from '../../errors/index.ts';
import type { EventFactory } from '../factories/event-factory.ts';
import { ok, refused, type FlowResult } from '../flows/flow-context.ts';
import { closedPeriodFor, type ClosedPeriod } from './closed-periods.ts';
import { isMetricValue, normalizeDecimal } from './decimal.ts';

export const METRIC_NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' } as const;

/** The refusal of a value for a closed period: `occurredAt` is the field at fault, and the message names the run. */
function periodClosed(closed: ClosedPeriod): FlowResult {
  const start = new Date(closed.periodStart).toISOString();
  const end = new Date(closed.periodEnd).toISOString();
  return {
    status: ERROR_CODES.metric_period_closed,
    opportunityId: null,
    error: {
      code: 'metric_period_closed',
      message: `The period ${start} – ${end} of this metric was already distributed; the value was not recorded.`,
      fields: [{ field: 'occurredAt', message: `falls in the period ${start} – ${end} that distribution ${closed.distributionId} (${closed.distributionName}) already distributed (run ${closed.runId})` }],
    },
  };
}

/**
 * `metric`: a value of a named metric for one collaborator (`{ collaboratorId, metric, value,
 * occurredAt? }`), recorded as MetricsTriggered and counted in every distribution period that
 * holds `occurredAt` (default: when it arrived). `value` is a non-negative integer or exact
 * decimal text (`"12.5"`); a JSON fraction is refused, since its float may not be what was meant.
 * With `source` and `externalId` a retry is recognised as a duplicate.
 *
 * A value whose period a distribution counting the metric has already run is refused with
 * `409 metric_period_closed` (see closed-periods.ts): the period's money is out, and moving the
 * value into another period would pay it for a time it did not happen in.
 */
export const metricFactory = (dialect: DialectCapabilities): EventFactory => ({
  slug: 'metric',
  schema: {
    type: 'object',
    required: ['collaboratorId', 'metric', 'value'],
    properties: {
      collaboratorId: ROW_ID_SCHEMA,
      metric: METRIC_NAME,
      value: { type: ['integer', 'string'] },
      occurredAt: { type: 'string', minLength: 1, maxLength: 40 },
      source: { type: 'string', minLength: 1, maxLength: 100 },
      externalId: { type: ['string', 'number'] },
    },
  },
  check(body) {
    const errors: FieldError[] = [];
    if (body.value !== undefined && !isMetricValue(body.value)) errors.push({ field: 'value', message: 'must be a non-negative integer or decimal text such as "12.5"' });
    if (typeof body.occurredAt === 'string' && Number.isNaN(Date.parse(body.occurredAt))) errors.push({ field: 'occurredAt', message: 'must be an ISO 8601 date-time' });
    return errors;
  },
  async handle(body, flow) {
    const collaboratorId = Number(body.collaboratorId);
    const collaborator = await flow.trx
      .selectFrom('collaborators')
      .select('id')
      .where('workspace_id', '=', flow.workspaceId)
      .where('id', '=', collaboratorId)
      .executeTakeFirst();
    if (!collaborator) return refused('not_found', 'Collaborator not found.');
    const value = normalizeDecimal(body.value as string | number);
    const occurredAt = typeof body.occurredAt === 'string' ? Date.parse(body.occurredAt) : flow.now;
    const closed = await closedPeriodFor(flow, dialect, String(body.metric), occurredAt);
    if (closed) return periodClosed(closed);
    const row = await flow.trx
      .insertInto('metric_entries')
      .values({
        workspace_id: flow.workspaceId,
        collaborator_id: collaboratorId,
        metric: String(body.metric),
        value,
        occurred_at: occurredAt,
        inbound_event_id: flow.inboundEventId,
        created_at: flow.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await flow.dispatcher.dispatch('MetricsTriggered', {
      metricEntryId: row.id,
      collaboratorId,
      metric: String(body.metric),
      value,
      occurredAt: new Date(occurredAt).toISOString(),
    });
    return ok(null);
  },
});
