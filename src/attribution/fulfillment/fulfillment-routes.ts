import { releaseDueHoldsEverywhere } from '../partners/hold-release.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeRoute, json, media, SECURITY, workspaceParams } from '../../openapi/index.ts';
import { idPageQuery, pageOf } from '../api/api-schemas.ts';
import { bulkPayoutActionSchema, fulfillmentSchema, payoutActionSchema, payoutSchema } from './api-schemas.ts';
import { AppError } from '../../errors/index.ts';
import { pathId, workspaceOf } from '../api/admin-scope.ts';
import { readIdPage, toIdPage } from '../api/id-pagination.ts';
import type { ActionRunner, PayoutRow } from '../api/index.ts';
import { QueryReader, type Query } from '../api/query-params.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { lockLedger } from '../ledger/ledger-lock.ts';
import {
  bulkPaidBody,
  bulkProcessingBody,
  createFulfillmentBody,
  failedBody,
  paidBody,
  processingBody,
  readBulkPaid,
  readBulkProcessing,
  readProcessing,
  readFailed,
  readFulfillmentRequest,
  readPaid,
} from './fulfillment-input.ts';
import { runFulfillment } from './fulfillment-run.ts';
import { payoutCsv } from './payout-csv.ts';
import { completeRunIfSettled, findPayouts, markPayoutFailed, markPayoutPaid, markPayoutProcessing } from './payout-settlement.ts';
import { fulfillmentResources, payoutResources } from './reads.ts';
import { payoutReference } from './resources.ts';
import type { Db } from '../../db/index.ts';

/** What these routes use; the capability's `index.ts` hands it over. */
interface Deps {
  readonly db: Db;
}

const PAYOUT_STATUSES = ['unpaid', 'processing', 'paid', 'failed'] as const;

/**
 * Fulfillment runs and payouts under `/api/v1/workspaces/{id}`: start a run, read runs and
 * payouts, export a run's open payouts as a CSV batch file, mark payouts paid (one or many) or
 * failed. Every write is an admin action through the engine: one transaction, its domain events
 * logged under the `inbound_event_id` the answer carries.
 */
export function registerFulfillmentRoutes(scope: FastifyInstance, deps: Deps, engine: ActionRunner): void {
  const db = deps.db.kysely;

  scope.post('/fulfillments', describeRoute({
      operationId: 'createFulfillment',
      summary: 'Start a fulfillment run',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      description: 'Gathers completed obligations into one payout per collaborator and currency (at least `minimum_payout`).',
      body: createFulfillmentBody,
      response: { 201: json('The run with its payouts.', { ...fulfillmentSchema, properties: { ...fulfillmentSchema.properties, payouts: { type: 'array', items: payoutSchema } } }) },
    }), async (request, reply) => {
    const input = readFulfillmentRequest(request.body);
    const workspaceId = workspaceOf(request);
    // Holds whose period has ended are payable in this run, even if no heartbeat has beaten since.
    await releaseDueHoldsEverywhere(deps.db, engine, workspaceId);
    const { fulfillment, payoutIds } = await engine.runAction(deps.db, workspaceId, (flow) => runFulfillment(flow, input));
    const [resource] = await fulfillmentResources(db, workspaceId, [fulfillment]);
    const payouts = payoutIds.length === 0 ? [] : await db.selectFrom('payouts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', payoutIds).orderBy('id').execute();
    return reply.status(201).send({ ...resource, payouts: await payoutResources(db, workspaceId, payouts) });
  });

  scope.get('/fulfillments', describeRoute({
      operationId: 'listFulfillments',
      summary: 'List fulfillment runs',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: ['pending', 'processing', 'complete', 'failed'] } }),
      response: { 200: json('A page of runs.', pageOf(fulfillmentSchema)) },
    }), async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', ['pending', 'processing', 'complete', 'failed'] as const);
    reader.rejectUnknown(['limit', 'cursor', 'status']);
    reader.done();
    const workspaceId = workspaceOf(request);
    let select = db.selectFrom('fulfillments').selectAll().where('workspace_id', '=', workspaceId);
    if (status !== undefined) select = select.where('status', '=', status);
    if (page.before !== undefined) select = select.where('id', '<', page.before);
    const rows = await select.orderBy('id', 'desc').limit(page.limit + 1).execute();
    const listed = toIdPage(rows, page, (row) => row);
    return { ...listed, data: await fulfillmentResources(db, workspaceId, listed.data) };
  });

  const findRun = async (request: FastifyRequest) => {
    const workspaceId = workspaceOf(request);
    const id = pathId(request, 'fulfillmentId', 'Fulfillment');
    const row = await db.selectFrom('fulfillments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('Fulfillment');
    return row;
  };

  scope.get('/fulfillments/:fulfillmentId', describeRoute({
      operationId: 'getFulfillment',
      summary: 'Get a fulfillment run',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ fulfillmentId: 'The fulfillment run id.' }),
      response: { 200: json('The run.', fulfillmentSchema) },
    }), async (request) => {
    const [resource] = await fulfillmentResources(db, workspaceOf(request), [await findRun(request)]);
    return resource;
  });

  // The batch file for a bank or PayPal upload: the run's unpaid payouts (one paid, or one marked
  // processing because it was uploaded already, must not be uploaded twice), or those of one `status`.
  scope.get('/fulfillments/:fulfillmentId/payouts.csv', describeRoute({
      operationId: 'exportFulfillmentPayouts',
      summary: 'A run\'s payouts as CSV',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ fulfillmentId: 'The fulfillment run id.' }),
      querystring: { type: 'object', properties: { status: { type: 'string', enum: [...PAYOUT_STATUSES] } } },
      response: { 200: media('One line per payout, for a bank or payment provider batch upload.', 'text/csv') },
    }), async (request, reply) => {
    const reader = new QueryReader(request.query as Query);
    const status = reader.oneOf('status', PAYOUT_STATUSES);
    reader.rejectUnknown(['status']);
    reader.done();
    const run = await findRun(request);
    const rows = await db
      .selectFrom('payouts')
      .innerJoin('collaborators', (join) => join.onRef('collaborators.id', '=', 'payouts.collaborator_id').onRef('collaborators.workspace_id', '=', 'payouts.workspace_id'))
      .select(['payouts.id', 'payouts.fulfillment_id', 'payouts.amount', 'payouts.currency', 'collaborators.name', 'collaborators.email'])
      .where('payouts.workspace_id', '=', run.workspace_id)
      .where('payouts.fulfillment_id', '=', run.id)
      .where('payouts.status', '=', status ?? 'unpaid')
      .orderBy('payouts.id')
      .execute();
    const csv = payoutCsv(
      rows.map((row) => ({
        collaboratorName: row.name,
        collaboratorEmail: row.email,
        amount: row.amount,
        currency: row.currency,
        payoutId: row.id,
        reference: payoutReference(row),
      })),
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fulfillment-${run.id}-payouts.csv"`)
      .send(csv);
  });

  scope.get('/payouts', describeRoute({
      operationId: 'listPayouts',
      summary: 'List payouts',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      querystring: idPageQuery({ status: { type: 'string', enum: [...PAYOUT_STATUSES] }, collaborator_id: { type: 'integer' }, fulfillment_id: { type: 'integer' }, currency: { type: 'string' } }),
      response: { 200: json('A page of payouts.', pageOf(payoutSchema)) },
    }), async (request) => {
    const query = request.query as Query;
    const page = readIdPage(query);
    const reader = new QueryReader(query);
    const filters = {
      status: reader.oneOf('status', PAYOUT_STATUSES),
      collaborator_id: reader.id('collaborator_id'),
      fulfillment_id: reader.id('fulfillment_id'),
      currency: reader.currency('currency'),
    };
    reader.rejectUnknown(['limit', 'cursor', ...Object.keys(filters)]);
    reader.done();
    const workspaceId = workspaceOf(request);
    let select = db.selectFrom('payouts').selectAll().where('workspace_id', '=', workspaceId);
    if (filters.status !== undefined) select = select.where('status', '=', filters.status);
    if (filters.collaborator_id !== undefined) select = select.where('collaborator_id', '=', filters.collaborator_id);
    if (filters.fulfillment_id !== undefined) select = select.where('fulfillment_id', '=', filters.fulfillment_id);
    if (filters.currency !== undefined) select = select.where('currency', '=', filters.currency);
    if (page.before !== undefined) select = select.where('id', '<', page.before);
    const rows = await select.orderBy('id', 'desc').limit(page.limit + 1).execute();
    const listed = toIdPage(rows, page, (row) => row);
    return { ...listed, data: await payoutResources(db, workspaceId, listed.data) };
  });

  scope.get('/payouts/:payoutId', describeRoute({
      operationId: 'getPayout',
      summary: 'Get a payout',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ payoutId: 'The payout id.' }),
      response: { 200: json('The payout.', payoutSchema) },
    }), async (request) => {
    const workspaceId = workspaceOf(request);
    const row = await db.selectFrom('payouts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', pathId(request, 'payoutId', 'Payout')).executeTakeFirst();
    if (!row) throw AppError.notFound('Payout');
    return (await payoutResources(db, workspaceId, [row]))[0];
  });

  /** Settles payouts in one admin action: the ledger locked first, each payout, then each run's completion. */
  const settle = async (workspaceId: string, ids: number[], step: (flow: FlowContext, id: number) => Promise<PayoutRow>) => {
    const { settled, inboundEventId } = await engine.runAction(deps.db, workspaceId, async (flow) => {
      await lockLedger(flow);
      const payouts = await findPayouts(flow, ids);
      for (const payout of payouts) await step(flow, payout.id);
      for (const runId of [...new Set(payouts.map((p) => p.fulfillment_id))]) await completeRunIfSettled(flow, runId);
      const settled = await flow.trx.selectFrom('payouts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).orderBy('id').execute();
      return { settled, inboundEventId: flow.inboundEventId };
    });
    return { payouts: await payoutResources(db, workspaceId, settled), inboundEventId };
  };

  scope.post('/payouts/:payoutId/paid', describeRoute({
      operationId: 'markPayoutPaid',
      summary: 'Mark a payout paid',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ payoutId: 'The payout id.' }),
      body: paidBody,
      response: { 200: json('The payout.', payoutActionSchema) },
    }), async (request) => {
    const { reference } = readPaid(request.body ?? {});
    const id = pathId(request, 'payoutId', 'Payout');
    const { payouts, inboundEventId } = await settle(workspaceOf(request), [id], (flow, payoutId) => markPayoutPaid(flow, payoutId, reference ?? null));
    return { ...payouts[0], inbound_event_id: inboundEventId };
  });

  scope.post('/payouts/:payoutId/failed', describeRoute({
      operationId: 'markPayoutFailed',
      summary: 'Mark a payout failed',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ payoutId: 'The payout id.' }),
      description: 'Its obligations become payable again.',
      body: failedBody,
      response: { 200: json('The payout.', payoutActionSchema) },
    }), async (request) => {
    const { reason } = readFailed(request.body ?? {});
    const id = pathId(request, 'payoutId', 'Payout');
    const { payouts, inboundEventId } = await settle(workspaceOf(request), [id], (flow, payoutId) => markPayoutFailed(flow, payoutId, reason ?? null));
    return { ...payouts[0], inbound_event_id: inboundEventId };
  });

  scope.post('/payouts/:payoutId/processing', describeRoute({
      operationId: 'markPayoutProcessing',
      summary: 'Mark a payout handed over for payment',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams({ payoutId: 'The payout id.' }),
      body: processingBody,
      response: { 200: json('The payout.', payoutActionSchema) },
    }), async (request) => {
    readProcessing(request.body ?? {});
    const id = pathId(request, 'payoutId', 'Payout');
    const { payouts, inboundEventId } = await settle(workspaceOf(request), [id], markPayoutProcessing);
    return { ...payouts[0], inbound_event_id: inboundEventId };
  });

  scope.post('/payouts/processing', describeRoute({
      operationId: 'markPayoutsProcessing',
      summary: 'Mark several payouts handed over for payment',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: bulkProcessingBody,
      response: { 200: json('The payouts; all or none.', bulkPayoutActionSchema) },
    }), async (request) => {
    const { payout_ids: ids } = readBulkProcessing(request.body ?? {});
    const sorted = [...ids].sort((a, b) => a - b);
    const { payouts, inboundEventId } = await settle(workspaceOf(request), sorted, markPayoutProcessing);
    return { data: payouts, inbound_event_id: inboundEventId };
  });

  scope.post('/payouts/paid', describeRoute({
      operationId: 'markPayoutsPaid',
      summary: 'Mark several payouts paid',
      tags: ['Fulfillment'],
      security: SECURITY.workspace('admin'),
      params: workspaceParams(),
      body: bulkPaidBody,
      response: { 200: json('The payouts; all or none.', bulkPayoutActionSchema) },
    }), async (request) => {
    const { payout_ids: ids, reference } = readBulkPaid(request.body ?? {});
    const sorted = [...ids].sort((a, b) => a - b);
    const { payouts, inboundEventId } = await settle(workspaceOf(request), sorted, (flow, payoutId) => markPayoutPaid(flow, payoutId, reference ?? null));
    return { data: payouts, inbound_event_id: inboundEventId };
  });
}
