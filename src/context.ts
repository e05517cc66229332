import type { Logger } from 'pino';
import type { AttributionEngine } from './attribution/index.ts';
import type { SirenWebhooks } from './attribution/webhooks/index.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { ForwardServices } from './forward/index.ts';
import type { InboxWriter, ProcessingWaiters } from './inbox/index.ts';
import type { LiveHub } from './observe/index.ts';
import type { Transformer } from './transform/index.ts';

/** The services one running Tributary shares; built once in `runtime.ts` and handed to routes. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly auth: Authenticator;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
  /** Fans committed events out to live-stream readers (SSE). */
  readonly live: LiveHub;
  /** The JavaScript sandbox for transformations (child processes, started on first use). */
  readonly transformer: Transformer;
  /** The attribution engine: domain bus, factory registry (built-ins and plugins), admin actions. */
  readonly attribution: AttributionEngine;
  /** Forwarding's shared state: the rule cache, the secret box, the queued-deliveries signal. */
  readonly forward: ForwardServices;
  /** Siren webhook subscriptions: the cache their routes invalidate, the listeners that queue deliveries. */
  readonly sirenWebhooks: SirenWebhooks;
}
