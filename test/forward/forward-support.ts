import { expect } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { basicAuth, bearer, waitFor, type TestServer } from '../support/harness.ts';
import { Receiver, type Behaviour } from './receiver.ts';

/** The API calls the forwarding tests make, as the operator. */
export function forwardingApi(server: TestServer) {
  const base = `/api/v1/workspaces/${server.workspaceId}`;
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    server.inject({ method, url: `${base}${url}`, headers: { authorization: bearer(server.operatorToken) }, ...(payload === undefined ? {} : { payload: payload as object }) });

  return {
    call,
    /** A receiver, a destination pointing at it and a rule for `eventNames`. */
    async wire(options: { behaviour?: Behaviour; eventNames: string[]; destination?: Record<string, unknown>; transformationId?: string }) {
      const receiver = await Receiver.start(options.behaviour);
      const destination = await call('POST', '/destinations', {
        name: `receiver for ${options.eventNames.join(', ')}`,
        url: receiver.url,
        headers: { Authorization: 'Bearer receiver-token-0123456789' },
        ...options.destination,
      });
      expect(destination.statusCode).toBe(201);
      const rule = await call('POST', '/event-forwarding-rules', {
        name: `forward ${options.eventNames.join(', ')}`,
        destination_id: destination.json().id,
        event_types: ['track'],
        event_names: options.eventNames,
        transformation_id: options.transformationId ?? null,
        enabled: true,
      });
      expect(rule.statusCode).toBe(201);
      return { receiver, destinationId: destination.json().id as string, secret: destination.json().signing_secret as string, ruleId: rule.json().id as string };
    },
    /** Sends track events through Segment's batch API; resolves once the pipeline has accepted them. */
    async track(events: Array<{ event: string; properties?: Record<string, unknown> }>) {
      const batch = events.map((item) => ({ type: 'track', userId: 'user-1', messageId: newId(), ...item }));
      const response = await server.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basicAuth(server.writeKey) }, payload: { batch } });
      expect(response.statusCode).toBe(200);
      return batch.map((item) => item.messageId);
    },
    async deliveries(destinationId: string) {
      const response = await call('GET', `/deliveries?destination_id=${destinationId}&limit=500`);
      expect(response.statusCode).toBe(200);
      return response.json().data as Array<Record<string, any>>;
    },
    /** Waits until the destination has `count` deliveries, all in one of `statuses`. */
    async settled(destinationId: string, count: number, statuses: string[], timeoutMs = 10_000) {
      return waitFor(
        async () => {
          const rows = await this.deliveries(destinationId);
          return rows.length === count && rows.every((row) => statuses.includes(row.status)) ? rows : undefined;
        },
        `${count} deliveries of ${destinationId} to be ${statuses.join('/')}`,
        timeoutMs,
      );
    },
  };
}

/** Stores a transformation row directly: the forwarding tests need its code, not its activation flow. */
export async function insertTransformation(server: TestServer, sourceCode: string): Promise<string> {
  const id = newId();
  const now = Date.now();
  await server.runtime.services.db.kysely
    .insertInto('event_transformations')
    .values({
      id,
      workspace_id: server.workspaceId,
      name: `t ${id}`,
      description: '',
      source_code: sourceCode,
      test_input: null,
      test_output: null,
      status: 'active',
      error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
