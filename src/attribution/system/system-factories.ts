import { customEventFactory } from '../factories/checkout-factories.ts';
import type { EventFactory } from '../factories/event-factory.ts';
import { ok } from '../flows/flow-context.ts';
import { completeLesson } from './lessons.ts';
import { SUBMISSION_PROPERTIES, submissionOf } from './submission-input.ts';
import { receiveSubmission } from './submissions.ts';

/**
 * `collaborator-submission`: a partner application from a sign-up form. It stays pending for an
 * admin unless a listener of CollaboratorSubmissionReceived approves (or rejects) it.
 *
 * One application per applicant in the dedupe window: a form submitted twice, or a request
 * retried after a lost answer, must not make two collaborators. The applicant is their email
 * (case-insensitive) or else their user id; an application naming neither is never a repeat.
 */
export const collaboratorSubmissionFactory: EventFactory = {
  slug: 'collaborator-submission',
  schema: { type: 'object', required: ['name'], additionalProperties: false, properties: SUBMISSION_PROPERTIES },
  // A form sent again may say something else (a corrected name); the first application stands.
  repeatWithOtherBody: 'first-wins',
  dedupeKey(body) {
    if (typeof body.email === 'string') return `dom:collaborator-submission:email:${body.email.trim().toLowerCase()}`;
    if (typeof body.userId === 'string' || typeof body.userId === 'number') return `dom:collaborator-submission:user:${String(body.userId)}`;
    return null;
  },
  async handle(body, flow) {
    await receiveSubmission(flow, submissionOf(body, 'pending'));
    return ok(null);
  },
};

const ID = { type: ['string', 'number'], minLength: 1, maxLength: 255 };

/**
 * `lesson-completed` (an LMS): `{ userId, lessonId, courseId?, trackingId? }`. A retry of the same
 * student and lesson is a duplicate, so a lesson earns once.
 */
export const lessonCompletedFactory: EventFactory = {
  slug: 'lesson-completed',
  schema: {
    type: 'object',
    required: ['userId', 'lessonId'],
    properties: { userId: ID, lessonId: ID, courseId: { type: ['string', 'number', 'null'], minLength: 1, maxLength: 255 }, trackingId: { type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 } },
  },
  dedupeKey: (body) => `dom:lesson-completed:${String(body.userId)}:${String(body.lessonId)}`,
  // A lesson is completed once, whatever a later report adds (a course id, a tracking id).
  repeatWithOtherBody: 'first-wins',
  async handle(body, flow) {
    const opportunityId = await completeLesson(flow, {
      userId: String(body.userId),
      lessonId: String(body.lessonId),
      courseId: body.courseId === undefined || body.courseId === null ? null : String(body.courseId),
      trackingId: typeof body.trackingId === 'number' ? body.trackingId : flow.hints.opportunityId,
    });
    return ok(opportunityId);
  },
};

/** The system-event slugs: applications, LMS lessons, and `custom` (any payload, CustomEventTriggered). */
export const SYSTEM_FACTORIES: EventFactory[] = [collaboratorSubmissionFactory, lessonCompletedFactory, customEventFactory('custom')];
