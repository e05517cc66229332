import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

/** Seed 002's system events, read back from the domain-event log, on both databases. */
describe.each(DIALECTS)('system events on %s', (dialect) => {
  const server = useTestServer(dialect);


  const eventId = (res: { headers: Record<string, unknown> }) => String(res.headers['x-event-id']);

  it('a collaborator-submission stays pending; approving it fires CollaboratorAccountReady and creates the collaborator with its referral code', async () => {
    const f = await PayoutFixtures.create(server, 'apply');
    const res = await f.event('collaborator-submission', { name: 'Ada', email: 'ada@example.com', code: 'ADA-RULES', fields: { website: 'https://ada.example' } });
    expect(res.statusCode, res.body).toBe(200);
    const received = await f.logEntries(eventId(res));
    expect(received.map((e) => e.name)).toEqual(['CollaboratorSubmissionReceived']);
    const [submission] = (await f.ok('GET', '/collaborator-submissions?status=pending')).data;
    expect(submission).toMatchObject({ name: 'Ada', email: 'ada@example.com', code: 'ADA-RULES', status: 'pending', collaborator_id: null, fields: { website: 'https://ada.example' } });
    expect(received[0]!.payload).toMatchObject({ submissionId: submission.id, decision: 'pending' });

    const approved = await f.ok('POST', `/collaborator-submissions/${submission.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', referral_code: 'ADA-RULES' });
    const ready = await f.logEntries(approved.action_event_id);
    expect(ready).toEqual([expect.objectContaining({ name: 'CollaboratorAccountReady', payload: { submissionId: submission.id, collaboratorId: approved.collaborator_id, referralCode: 'ADA-RULES' } })]);
    const collaborator = await f.ok('GET', `/collaborators/${approved.collaborator_id}`);
    expect(collaborator).toMatchObject({ name: 'Ada', email: 'ada@example.com', status: 'active' });
    const codes = await f.db.selectFrom('referral_codes').select('code').where('workspace_id', '=', f.workspaceId).execute();
    expect(codes.map((c) => c.code)).toEqual(['ADA-RULES']);

    const again = await f.request('POST', `/collaborator-submissions/${submission.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect((await f.request('POST', `/collaborator-submissions/999999/reject`)).statusCode).toBe(404);
  });

  it('takes one application per applicant: a repeat with the same email (any case) or user id answers like the first', async () => {
    const f = await PayoutFixtures.create(server, 'apply-twice');
    const first = await f.event('collaborator-submission', { name: 'Grace', email: 'grace@example.com' });
    expect(first.statusCode, first.body).toBe(200);
    const repeat = await f.event('collaborator-submission', { name: 'Grace H.', email: ' Grace@Example.com' });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.headers['x-event-id']).toBe(first.headers['x-event-id']);
    expect((await f.event('collaborator-submission', { name: 'Lin', userId: 77 })).statusCode).toBe(200);
    expect((await f.event('collaborator-submission', { name: 'Lin', userId: '77' })).headers['x-event-id']).toBeDefined();
    // Nobody named: every application is its own.
    expect((await f.event('collaborator-submission', { name: 'Anon' })).statusCode).toBe(200);
    expect((await f.event('collaborator-submission', { name: 'Anon' })).statusCode).toBe(200);
    const names = (await f.ok('GET', '/collaborator-submissions?status=pending')).data.map((s: { name: string }) => s.name).sort();
    expect(names).toEqual(['Anon', 'Anon', 'Grace', 'Lin']);
  });

  it('an admin submission with approve: true fires both events in one action; a taken code is replaced by a generated one', async () => {
    const f = await PayoutFixtures.create(server, 'admin-apply');
    const first = await f.ok('POST', '/collaborator-submissions', { name: 'Ada', code: 'shared', approve: true });
    expect(await f.log(first.action_event_id)).toEqual(['CollaboratorSubmissionReceived', 'CollaboratorAccountReady']);
    const second = await f.ok('POST', '/collaborator-submissions', { name: 'Bob', code: 'shared', approve: true, user_id: 'u-bob' });
    expect(second.referral_code).not.toBe('shared');
    expect(second.referral_code).toMatch(/^[a-z0-9]{8}$/);
    expect(second).toMatchObject({ status: 'approved', user_id: 'u-bob' });
    const bad = await f.request('POST', '/collaborator-submissions', { email: 5, code: 'no spaces', extra: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['code', 'email', 'extra', 'name']);
  });

  it('a listener of the mutable CollaboratorSubmissionReceived can change the application or reject it', async () => {
    const f = await PayoutFixtures.create(server, 'listener');
    const off = server.services.attribution.bus.on('CollaboratorSubmissionReceived', (submission) => {
      if (submission.email?.endsWith('@spam.example')) {
        submission.decision = 'rejected';
        submission.reason = 'spam domain';
        return;
      }
      submission.name = submission.name.toUpperCase();
      submission.decision = 'approved';
    });
    try {
      const ok = await f.event('collaborator-submission', { name: 'Cy', email: 'cy@example.com' });
      expect(await f.log(eventId(ok))).toEqual(['CollaboratorSubmissionReceived', 'CollaboratorAccountReady']);
      const spam = await f.event('collaborator-submission', { name: 'Bot', email: 'bot@spam.example' });
      const entries = await f.logEntries(eventId(spam));
      expect(entries.map((e) => e.name)).toEqual(['CollaboratorSubmissionReceived']);
      expect(entries[0]!.payload).toMatchObject({ decision: 'rejected', reason: 'spam domain' });
    } finally {
      off();
    }
    const rows = (await f.ok('GET', '/collaborator-submissions')).data;
    expect(rows.map((r: any) => [r.name, r.status, r.reason])).toEqual([
      ['Bot', 'rejected', 'spam domain'],
      ['CY', 'approved', null],
    ]);
  });

  it('a custom event passes its payload through as CustomEventTriggered', async () => {
    const f = await PayoutFixtures.create(server, 'custom');
    const res = await f.event('custom', { name: 'webinar-attended', seconds: 1800 });
    expect(res.statusCode).toBe(200);
    expect(await f.logEntries(eventId(res))).toEqual([
      expect.objectContaining({ name: 'CustomEventTriggered', payload: { slug: 'custom', opportunityId: null, payload: { name: 'webinar-attended', seconds: 1800 } } }),
    ]);
  });

  it('lesson-completed earns a program’s per-lesson incentive for the student’s referrer: StudentCompletedLesson → ConversionsAwarded → ObligationIssued, once per lesson', async () => {
    const f = await PayoutFixtures.create(server, 'lms');
    const program = await f.program(1000);
    const put = (payload: unknown) =>
      server.inject({ method: 'PUT', url: `/api/v1/workspaces/${f.workspaceId}/programs/${program}/lesson-incentive`, headers: { authorization: bearer(server.operatorToken) }, payload: payload as object });
    expect((await put({ amount: -1, currency: 'usd' })).json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['amount', 'currency']);
    expect((await put({ amount: 250, currency: 'USD' })).statusCode).toBe(200);
    const ada = await f.collaborator('Ada');
    const visit = await f.event('site-visited', { collaboratorId: ada, userId: 'student-1' });
    const opportunityId = Number(visit.headers['x-siren-oid']);

    const res = await f.event('lesson-completed', { userId: 'student-1', lessonId: 'intro', courseId: 'ts-101' });
    expect(res.statusCode, res.body).toBe(200);
    const entries = await f.logEntries(eventId(res));
    expect(entries.map((e) => e.name)).toEqual(['StudentCompletedLesson', 'ConversionsAwarded', 'ObligationIssued']);
    expect(entries[0]!.payload).toEqual({ lessonId: 'intro', courseId: 'ts-101', userId: 'student-1', opportunityId, collaboratorId: ada });
    expect(entries[1]!.payload).toMatchObject({ programId: program, collaboratorId: ada, amount: 250, currency: 'USD', incentive: { type: 'flat', amount: 250 } });
    expect((await f.obligations()).map((o) => [o.collaborator_id, o.amount, o.status])).toEqual([[ada, 250, 'draft']]);

    const retry = await f.event('lesson-completed', { userId: 'student-1', lessonId: 'intro', courseId: 'ts-101' });
    expect(retry.statusCode).toBe(200);
    expect(await f.obligations()).toHaveLength(1);
    const stranger = await f.event('lesson-completed', { userId: 'walk-in', lessonId: 'intro' });
    expect(await f.log(eventId(stranger))).toEqual(['StudentCompletedLesson']);
    expect(await f.obligations()).toHaveLength(1);
    // In reports a lesson earns, but it is not a lead.
    const [row] = (await f.ok('GET', `/reports/collaborators?collaborator_id=${ada}`)).data;
    expect(row).toMatchObject({ visits: 1, leads: 0, sales: 0, amounts: [{ currency: 'USD', earned: 250, draft: 250 }] });
  });
});
