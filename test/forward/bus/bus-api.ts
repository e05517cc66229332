import { expect } from 'vitest';
import type { TestServer } from '../../support/harness.ts';
import { forwardingApi } from '../forward-support.ts';

/** Test-process unique names (streams, exchanges, schemas) for peers every test file shares. */
export function uniqueName(prefix: string, dialect: string): string {
  return `${prefix}_${dialect}_${process.pid}_${Date.now().toString(36)}`;
}

/**
 * The API calls of the bus and warehouse destination tests: a destination of a type with its
 * config and a rule sending it every track event, then the forwarding API's helpers.
 */
export function busApi(server: TestServer) {
  const api = forwardingApi(server);
  return {
    ...api,
    async destination(type: string, config: Record<string, unknown>, extra: Record<string, unknown> = {}) {
      const created = await api.call('POST', '/destinations', { name: `${type} destination`, type, config, ...extra });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id as string;
      const rule = await api.call('POST', '/event-forwarding-rules', { name: `all tracks to ${type}`, destination_id: id, event_types: ['track', 'identify'], event_names: [], enabled: true });
      expect(rule.statusCode, rule.body).toBe(201);
      return { id, body: created.json() as Record<string, any>, raw: created.body };
    },
    async update(id: string, payload: Record<string, unknown>) {
      const response = await api.call('PUT', `/destinations/${id}`, payload);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Record<string, any>;
    },
    async replay(destinationId: string, status: 'delivered' | 'failed' | 'dead') {
      const response = await api.call('POST', '/deliveries/replay', { status, destination_id: destinationId });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().replayed as number;
    },
    async test(destinationId: string) {
      const response = await api.call('POST', `/destinations/${destinationId}/test`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Record<string, any>;
    },
  };
}
