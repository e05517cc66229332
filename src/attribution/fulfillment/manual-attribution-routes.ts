import type { FastifyInstance } from 'fastify';
import { describeRoute, json, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { conversionSchema, obligationSchema } from '../api/api-schemas.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import type { ActionRunner } from '../api/index.ts';
import { toConversionResource, toObligationResource } from '../api/resources.ts';
import { attributeManually } from '../flows/manual-attribution.ts';
import { attributionBody, readAttribution } from './fulfillment-input.ts';
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
  scope.post('/transactions/:transactionId/attribute', describeRoute({
      operationId: 'attributeTransaction',
      summary: 'Credit a transaction to a collaborator by hand',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ transactionId: 'The transaction id.' }),
      description: '409 `transaction_already_attributed` when it is credited already, unless `replace` is true.',
      body: attributionBody,
      response: {
        201: json('The new conversions and their draft obligations.', {
          type: 'object',
          required: ['transaction_id', 'conversions', 'obligations', 'replaced_conversion_ids', 'inbound_event_id'],
          properties: {
            transaction_id: { type: 'integer' },
            conversions: { type: 'array', items: conversionSchema },
            obligations: { type: 'array', items: obligationSchema },
            replaced_conversion_ids: { type: 'array', items: { type: 'integer' } },
            inbound_event_id: { type: ['string', 'null'] },
          },
        }),
      },
    }), async (request, reply) => {
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
