import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { InboxWriter, ProcessingWaiters } from '../inbox/index.ts';
import type { SuppressionCache } from '../regulations/index.ts';
import { registerClientEventRoutes } from './client-events.ts';
import { registerSegmentRoutes } from './segment-routes.ts';
import { registerWorkspaceEventRoutes } from './workspace-events.ts';

export { MAX_BATCH_BYTES, MAX_BULK_BYTES, MAX_BULK_EVENTS, MAX_EVENT_BYTES } from './limits.ts';
export { expandSegmentRequest } from './segment-journal.ts';

/** What ingestion needs: credentials, the inbox to append to, and the waiters of sync-mode answers. */
export interface IngestDeps {
  readonly config: Config;
  readonly auth: Authenticator;
  readonly inbox: InboxWriter;
  /** Sync-mode requests wait here until their events are processed. */
  readonly waiters: ProcessingWaiters;
  /** Suppressed people (regulations): their events are answered as usual and dropped. */
  readonly suppressions: SuppressionCache;
}

/** Every way events come in; all of them end in `inbox.append` (or its journal). */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  await registerSegmentRoutes(app, deps);
  registerWorkspaceEventRoutes(app, deps);
  registerClientEventRoutes(app, deps);
}
