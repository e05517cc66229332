import { expect } from 'vitest';
import { bearer, waitFor, waitForAccepted, type TestServer } from '../support/harness.ts';

/** A canonical event as `GET /api/v1/workspaces/{id}/events` shows it to users. */
export interface EventResource {
  id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  email: string | null;
  group_id: string | null;
  previous_id: string | null;
  message_id: string | null;
  source: string;
  timestamp: string;
  original_timestamp: string | null;
  sent_at: string | null;
  received_at: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown> & { library?: { name?: string; version?: string }; page?: Record<string, unknown> };
  integrations: Record<string, unknown>;
}

/** An inbox row as `GET /api/v1/workspaces/{id}/events/incoming` shows it. */
export interface IncomingResource {
  id: string;
  status: string;
  message_id: string | null;
  payload: Record<string, unknown>;
}

async function listAll<T>(server: TestServer, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await server.inject({ method: 'GET', url: `${path}?${query}`, headers: { authorization: bearer(server.operatorToken) } });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { data: T[]; has_more: boolean; next_cursor: string | null };
    rows.push(...page.data);
    cursor = page.has_more ? page.next_cursor : null;
  } while (cursor);
  return rows;
}

/** Every inbox row of the server's default workspace, through the admin API. */
export function listIncoming(server: TestServer): Promise<IncomingResource[]> {
  return listAll(server, `/api/v1/workspaces/${server.workspaceId}/events/incoming`);
}

/** Every canonical event of the server's default workspace, through the admin API. */
export function listEvents(server: TestServer): Promise<EventResource[]> {
  return listAll(server, `/api/v1/workspaces/${server.workspaceId}/events`);
}

/**
 * Waits until every inbox row has become a canonical event and returns the events. Call it after
 * the client has flushed: every event is then accepted (a 2xx means committed), so once none is
 * pending in the journal the inbox is final, and "as many events as inbox rows" is the moment
 * processing is complete, not a guess.
 */
export async function waitForAllProcessed(server: TestServer): Promise<{ incoming: IncomingResource[]; events: EventResource[] }> {
  await waitForAccepted(server);
  return waitFor(async () => {
    const incoming = await listIncoming(server);
    if (incoming.some((row) => row.status !== 'processed')) return undefined;
    const events = await listEvents(server);
    return events.length === incoming.length ? { incoming, events } : undefined;
  }, 'every inbox row to be processed into a canonical event');
}
