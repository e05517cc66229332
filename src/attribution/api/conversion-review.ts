import type { Clock } from '../../lib/clock.ts';
import { lockLedger } from '../ledger/ledger-lock.ts';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { conversionSchema } from './api-schemas.ts';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors/index.ts';
import type { Db } from '../../db/index.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { approveConversion, rejectConversion } from '../flows/review.ts';
import type { ConversionRow, ConversionStatus } from '../model/tables.ts';
import { pathId, workspaceOf } from './admin-scope.ts';
import { toConversionResource } from './resources.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

type Decision = 'approve' | 'reject';

/**
 * The part of the engine a review needs (AttributionEngine has it): run an admin action in its own
 * transaction, with a Dispatcher on the engine's bus logging under a fresh inbound id.
 */
export interface ActionRunner {
  /** The runtime's clock (lib/clock.ts). */
  readonly clock: Clock;
  runAction<T>(db: Db, workspaceId: string, action: (flow: FlowContext) => Promise<T>): Promise<T>;
}

/**
 * Which reviews a conversion in each status accepts. An approved conversion may still be rejected
 * (fraud found after payment confirmation: its unpaid obligations are cancelled, paid ones become
 * a negative balance); a rejected one is final, as a refund makes it.
 */
const ALLOWED: Record<Decision, readonly ConversionStatus[]> = {
  approve: ['pending'],
  reject: ['pending', 'approved'],
};

/**
 * Runs an admin review through the engine's review flow, so ConversionApproved /
 * ConversionRejected reach every listener and the domain-event log; the answer carries the
 * inbound id the events are logged under.
 */
export async function reviewConversion(deps: Deps, engine: ActionRunner, workspaceId: string, conversionId: number, decision: Decision) {
  return engine.runAction(deps.db, workspaceId, async (flow) => {
    const { trx } = flow;
    await lockLedger(flow);
    // A no-op update takes the row lock first (PostgreSQL; SQLite serialises writers anyway), so
    // two concurrent reviews cannot both see `pending`; RETURNING gives the row as it is now.
    const conversion: ConversionRow | undefined = await trx
      .updateTable('conversions')
      .set((eb) => ({ status: eb.ref('status') }))
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversionId)
      .returningAll()
      .executeTakeFirst();
    if (!conversion) throw AppError.notFound('Conversion');
    if (!ALLOWED[decision].includes(conversion.status)) {
      throw new AppError('conflict', `A ${conversion.status} conversion cannot be ${decision === 'approve' ? 'approved' : 'rejected'}.`);
    }
    if (decision === 'approve') await approveConversion(flow, conversion, 'admin');
    else await rejectConversion(flow, conversion, 'admin');
    const updated = await trx.selectFrom('conversions').selectAll().where('id', '=', conversion.id).executeTakeFirstOrThrow();
    return { ...toConversionResource(updated), inbound_event_id: flow.inboundEventId };
  });
}

/** `POST …/conversions/{id}/approve` and `…/reject`. */
export function registerReviewRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  for (const decision of ['approve', 'reject'] as const) {
    const doc = describeRoute({
      operationId: `${decision}Conversion`,
      summary: decision === 'approve' ? 'Approve a pending conversion' : 'Reject a conversion',
      description: 'Answers 409 `conflict` when the conversion\'s status does not allow it.',
      tags: ['Records'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ recordId: 'The conversion id.' }),
      response: {
        200: json('The conversion after the review, with the id of the domain-event flow it ran in.', {
          ...conversionSchema,
          properties: { ...conversionSchema.properties, inbound_event_id: { type: ['string', 'null'] } },
        }),
      },
    });
    scope.post(`/conversions/:recordId/${decision}`, doc, async (request) =>
      reviewConversion(deps, engine, workspaceOf(request), pathId(request, 'recordId', 'Conversion'), decision),
    );
  }
}
