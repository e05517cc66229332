import { ROW_ID_SCHEMA } from '../../db/index.ts';
import type { FieldError } from '../../errors/index.ts';
import type { EventFactory } from '../factories/event-factory.ts';
import { ok, refused } from '../flows/flow-context.ts';
import { isMetricValue, normalizeDecimal } from './decimal.ts';

export const METRIC_NAME = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' } as const;

/**
 * `metric`: a value of a named metric for one collaborator (`{ collaboratorId, metric, value,
 * occurredAt? }`), recorded as MetricsTriggered and counted in every distribution period that
 * holds `occurredAt` (default: when it arrived). `value` is a non-negative integer or exact
 * decimal text (`"12.5"`); a JSON fraction is refused, since its float may not be what was meant.
 * With `source` and `externalId` a retry is recognised as a duplicate.
 */
export const metricFactory: EventFactory = {
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
    if (!collaborator) return refused(404, 'not_found', 'Collaborator not found.');
    const value = normalizeDecimal(body.value as string | number);
    const occurredAt = typeof body.occurredAt === 'string' ? Date.parse(body.occurredAt) : flow.now;
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
};
