import type { LightMyRequestResponse } from 'fastify';
import { bearer, type TestServer } from '../../support/harness.ts';

/** Requests with one bearer credential, against a test server. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function clientFor(server: TestServer, token: string): Client {
  const headers = { authorization: bearer(token) };
  return {
    get: (url) => server.inject({ method: 'GET', url, headers }),
    post: (url, payload) => server.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => server.inject({ method: 'PATCH', url, headers, payload: payload as object }),
    delete: (url) => server.inject({ method: 'DELETE', url, headers }),
  };
}

/** The `field` names of a 400's `data.fields`, sorted. */
export function fieldsOf(response: LightMyRequestResponse): string[] {
  return (response.json().error.data.fields as Array<{ field: string }>).map((f) => f.field).sort();
}

/** Creates a workspace and an admin API key in it; returns both. */
export async function otherWorkspace(operator: Client, name: string): Promise<{ id: string; key: string }> {
  const workspace = (await operator.post('/api/v1/workspaces', { name })).json();
  const key = (await operator.post(`/api/v1/workspaces/${workspace.id}/api-keys`, { label: 'admin' })).json().key;
  return { id: workspace.id, key };
}
