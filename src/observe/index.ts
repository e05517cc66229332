import type { FastifyInstance } from 'fastify';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { registerEventRoutes } from './event-routes.ts';
import type { LiveHub } from './live-hub.ts';
import { registerLiveRoutes } from './live-routes.ts';

export { eventVolumeStage, readEventVolume, type VolumeBucket } from './event-volume.ts';
export { listEvents, getEvent } from './event-reader.ts';
export { toIncomingResource } from './resources.ts';
export { LiveHub } from './live-hub.ts';
export { LiveSubscriber, type LiveFilter, type LiveMessage } from './live-subscriber.ts';

/** What the event lists and the live stream need. */
export interface ObserveDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly config: Config;
  readonly live: LiveHub;
  /** A failed event was put back in the queue by hand: wake the workers. */
  readonly onRequeued: () => void;
}

/** Incoming and canonical event lists, retries, and the live stream (SSE). */
export function registerObserveApi(app: FastifyInstance, deps: ObserveDeps): void {
  registerEventRoutes(app, deps, deps.onRequeued);
  registerLiveRoutes(app, deps);
}
