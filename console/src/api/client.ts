import { readSession } from './session.ts';

/** Every failed API answer, carrying the stable `code` of the error body so the UI can show it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ReadonlyArray<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

/** A cursor-paginated list answer. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/** The incoming list's answer: a page, and how many accepted events are not in the inbox yet. */
export interface IncomingPage<T> extends Page<T> {
  pending: number;
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** Builds `path?query`, dropping empty values so filters left blank are not sent. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; data?: { fields?: [] } } };
    const error = body.error;
    if (error?.code) return new ApiError(response.status, error.code, error.message ?? error.code, error.data?.fields ?? []);
  } catch {
    // Not a JSON error body (a proxy's HTML page): fall through to the status line.
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || 'Request failed');
}

/** Sends one request with the session's bearer credential; throws ApiError on a non-2xx answer. */
export async function request<T>(method: string, path: string, body?: unknown, token = readSession()?.token): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'network_error', `The server could not be reached (${(error as Error).message}).`);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** GET with a query. */
export const get = <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query));
/** POST a JSON body. */
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);
/** PUT a JSON body. */
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
/** PATCH a JSON body. */
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
/** DELETE. */
export const del = <T>(path: string) => request<T>('DELETE', path);

/** Downloads an authenticated file (a link cannot carry the bearer header). */
export async function download(path: string, filename: string): Promise<void> {
  const token = readSession()?.token;
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw await toApiError(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** The workspace-scoped API root. */
export const ws = (workspaceId: string) => `/api/v1/workspaces/${encodeURIComponent(workspaceId)}`;

/** Some lists answer a bare array, others a page: the rows either way. */
export function rowsOf<T>(answer: T[] | Page<T> | undefined): T[] | undefined {
  if (answer === undefined) return undefined;
  return Array.isArray(answer) ? answer : answer.data;
}
