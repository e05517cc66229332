import { ROW_ID_SCHEMA } from '../../db/index.ts';
import type { FieldError } from '../../errors/index.ts';
import { refFromUrl, siteVisit } from '../flows/site-visit.ts';
import type { EventFactory } from './event-factory.ts';
import { idText, schemaParts as p } from './fields.ts';

/**
 * `site-visited`: Siren's `collaboratorId` (+ optional `userId`), or a referral code given as
 * `referralCode` or as `?ref=` in `landingUrl`.
 */
export const siteVisitedFactory: EventFactory = {
  slug: 'site-visited',
  schema: {
    type: 'object',
    properties: {
      collaboratorId: ROW_ID_SCHEMA,
      userId: p.userId,
      email: p.email,
      referralCode: p.code,
      landingUrl: { type: 'string', maxLength: 2000 },
    },
  },
  check(body) {
    const errors: FieldError[] = [];
    if (typeof body.landingUrl === 'string' && !URL.canParse(body.landingUrl)) errors.push({ field: 'landingUrl', message: 'must be an absolute URL' });
    if (body.collaboratorId === undefined && body.referralCode === undefined && !refFromUrl(body.landingUrl as string | undefined)) {
      errors.push({ field: 'collaboratorId', message: 'collaboratorId, referralCode or a landingUrl with ?ref= is required' });
    }
    return errors;
  },
  // Each visit is its own event; a repeat is recognised by the flow (duplicate opportunity), not the inbox.
  dedupeKey: () => null,
  handle: (body, flow) =>
    siteVisit(flow, {
      collaboratorId: typeof body.collaboratorId === 'number' ? body.collaboratorId : undefined,
      referralCode: typeof body.referralCode === 'string' ? body.referralCode : undefined,
      landingUrl: typeof body.landingUrl === 'string' ? body.landingUrl : undefined,
      userId: idText(body.userId) ?? undefined,
      email: typeof body.email === 'string' ? body.email : undefined,
    }),
};
