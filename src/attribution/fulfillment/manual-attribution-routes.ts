import type { FastifyInstance } from 'fastify';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/index.ts';
import { toConversionResource, toObligationResource } from '../api/resources.ts';
import { attributeManually } from '../flows/manual-attribution.ts';
import { readAttribution } from './fulfillment-input.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

/**
 * `POST …/transactions/{id}/attribute`: an admin credits a transaction to a collaborator by hand.
 * It lives with fulfillment because both are admin actions on money owed (issue 6); the flow
 * itself is `flows/manual-attribution.ts`. `201` with the new conversions and their draft
 * obligations; `409 transaction_already_attributed` when the transaction is credited already and
 * `replace` is not true.
 */
export function registerManualAttributionRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  scope.post('/transactions/:transactionId/attribute', async (request, reply) => {
    const transactionId = pathId(request, 'transactionId', 'Transaction');
    const input = readAttribution(request.body ?? {});
    const workspaceId = workspaceOf(request);
    const answer = await engine.runAction(deps.db, workspaceId, async (flow) => {
      const result = await attributeManually(flow, {
        transactionId,
        collaboratorId: input.collaborator_id,
        programId: input.program_id ?? null,
        replace: input.replace ?? false,
      });
      const conversions = await flow.trx.selectFrom('conversions').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', result.conversionIds).orderBy('id').execute();
      const obligations = await flow.trx.selectFrom('obligations').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', result.obligationIds).orderBy('id').execute();
      return {
        transaction_id: transactionId,
        conversions: conversions.map(toConversionResource),
        obligations: obligations.map(toObligationResource),
        replaced_conversion_ids: result.replacedConversionIds,
        inbound_event_id: flow.inboundEventId,
      };
    });
    return reply.status(201).send(answer);
  });
}
