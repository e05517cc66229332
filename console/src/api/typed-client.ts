import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError } from './client.ts';
import type { paths } from './schema.d.ts';
import { readSession } from './session.ts';

/** Adds the session's bearer credential to every request, as `request()` in client.ts does. */
const sessionAuth: Middleware = {
  onRequest({ request }) {
    const token = readSession()?.token;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
};

/**
 * The API, typed from /openapi.json: `api.GET('/api/v1/workspaces/{id}/event-keys', { params: { path: { id } } })`
 * checks the path, its parameters, the body and the answer against the generated `paths`.
 */
export const api = createClient<paths>({ baseUrl: '' });
api.use(sessionAuth);

type ErrorBody = { error?: { code?: string; message?: string; data?: { fields?: Array<{ field: string; message: string }> } } };

/**
 * The data of an `api.*` call, or the `ApiError` its error body describes: the same errors the
 * untyped helpers in client.ts throw, so pages show both alike.
 */
export async function answer<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  let result: { data?: Data; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ApiError(0, 'network_error', `The server could not be reached (${(error as Error).message}).`);
  }
  const { data, error, response } = result;
  if (error !== undefined || !response.ok) {
    const body = (error ?? {}) as ErrorBody;
    const code = body.error?.code ?? `http_${response.status}`;
    throw new ApiError(response.status, code, body.error?.message ?? (response.statusText || 'Request failed'), body.error?.data?.fields ?? []);
  }
  return data as Data;
}
