import type { Logger } from 'pino';
import type { Authenticator } from './auth/authenticator.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { InboxWriter, ProcessingWaiters } from './inbox/index.ts';

/** The services one running Tributary shares; built once in `runtime.ts` and handed to routes. */
export interface AppContext {
  readonly config: Config;
  readonly db: Db;
  readonly logger: Logger;
  readonly auth: Authenticator;
  readonly inbox: InboxWriter;
  readonly waiters: ProcessingWaiters;
}
