import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { registerClientEventRoutes } from './client-events.ts';
import { registerSegmentRoutes } from './segment-routes.ts';
import { registerWorkspaceEventRoutes } from './workspace-events.ts';

export { MAX_BATCH_BYTES, MAX_BULK_BYTES, MAX_BULK_EVENTS, MAX_EVENT_BYTES } from './limits.ts';
export { expandSegmentRequest } from './segment-journal.ts';

/** Every way events come in; all of them end in `context.inbox.append` (or its journal). */
export async function registerIngestRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await registerSegmentRoutes(app, context);
  registerWorkspaceEventRoutes(app, context);
  registerClientEventRoutes(app, context);
}
