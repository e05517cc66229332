import type { FastifyInstance } from 'fastify';
import { registerAdminScope } from '../attribution/api/index.ts';
import type { Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { ClickRecorder } from './click-recorder.ts';
import { registerClickRoutes, registerPartnerClickRoutes } from './click-routes.ts';
import type { LinkResolver } from './link-resolver.ts';
import { registerRedirectRoutes } from './redirect-routes.ts';
import { registerSnippetRoutes } from './snippet-routes.ts';
import './tables.ts';

export { ClickRecorder, type Click } from './click-recorder.ts';
export { LinkResolver } from './link-resolver.ts';
export { landingLocation } from './landing-location.ts';

/** What links, clicks and the snippet need: the database, credentials for the counts, the runtime's resolver and click batcher. */
export interface LinksDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly resolver: LinkResolver;
  readonly clicks: ClickRecorder;
  /** The runtime's clock: a click's time and day, a code's expiry, the reports' default range. */
  readonly clock: Clock;
}

/**
 * Referral links (`/r/{code}`, `/r/{code}/{programId}`), their click counts under the admin API
 * (`…/clicks`, `…/collaborators/{id}/clicks`, `…/programs/{id}/clicks`) and the partner portal
 * (`/partner/v1/clicks`), and the shop's tracking
 * snippet (`/js/tributary.js` and the settings it reads). See docs/partner-links.md.
 */
export function registerLinks(app: FastifyInstance, deps: LinksDeps): void {
  registerRedirectRoutes(app, deps);
  registerSnippetRoutes(app, deps);
  registerAdminScope(app, deps, (scope) => registerClickRoutes(scope, deps));
  registerPartnerClickRoutes(app, deps);
}
