import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/lib/clock.ts';
import { DIALECTS } from '../../support/databases.ts';
import { bearer, useTestServer } from '../../support/harness.ts';
import { PayoutFixtures } from '../fulfillment/payout-fixtures.ts';

const RECEIVED = { status: 'received', message: expect.any(String) };

/**
 * Issue 18 §2: the portal's public sign-up form for `approval` programs (a collaborator submission
 * plus an `applied` enrollment, decided with the enrollment API), on both databases, hostile input
 * included.
 */
describe.each(DIALECTS)('partner applications on %s', (dialect) => {
  const clock = new ManualClock();
  // A small per-program allowance, so the test can reach it; each test applies to its own programs.
  const server = useTestServer(dialect, { partnerApplicationsPerProgramPerHour: 4 }, { clock });

  const form = (workspaceId: string, programId: number | string) =>
    server.inject({ method: 'GET', url: `/partner/v1/programs/${workspaceId}/${programId}/application` });
  const apply = (workspaceId: string, programId: number | string, payload: unknown, remoteAddress?: string) =>
    server.inject({
      method: 'POST',
      url: `/partner/v1/programs/${workspaceId}/${programId}/applications`,
      payload: payload as Record<string, unknown>,
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  async function approvalProgram(f: PayoutFixtures, extra: Record<string, unknown> = {}): Promise<number> {
    return f.program(1000, { enrollment: 'approval', ...extra });
  }

  const submissions = (f: PayoutFixtures) => f.db.selectFrom('collaborator_submissions').selectAll().where('workspace_id', '=', f.workspaceId).orderBy('id').execute();
  const collaborators = (f: PayoutFixtures) => f.db.selectFrom('collaborators').selectAll().where('workspace_id', '=', f.workspaceId).orderBy('id').execute();
  const enrollments = (f: PayoutFixtures, programId: number) =>
    f.db.selectFrom('program_enrollments').selectAll().where('workspace_id', '=', f.workspaceId).where('program_id', '=', programId).orderBy('id').execute();
  const domainEvents = async (f: PayoutFixtures) =>
    (await f.db.selectFrom('domain_events').select('name').where('workspace_id', '=', f.workspaceId).orderBy('id').execute()).map((e) => e.name);

  it('describes the form of an active approval program, and answers 404 for every other program', async () => {
    const f = await PayoutFixtures.create(server, 'apply-form');
    const other = await PayoutFixtures.create(server, 'apply-form-other');
    const program = await approvalProgram(f, { name: 'Creators' });
    const res = await form(f.workspaceId, program);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ workspace_id: f.workspaceId, program: { id: program, name: 'Creators' }, honeypot: 'website', submit_path: `/partner/v1/programs/${f.workspaceId}/${program}/applications` });
    expect(body.fields.map((field: any) => [field.name, field.required])).toEqual([['name', true], ['email', true], ['code', false], ['promotion', false]]);

    const open = await f.program(1000);
    const invite = await f.program(1000, { enrollment: 'invite' });
    const inactive = await approvalProgram(f, { status: 'inactive' });
    const foreign = await approvalProgram(other);
    for (const [workspaceId, id] of [[f.workspaceId, open], [f.workspaceId, invite], [f.workspaceId, inactive], [f.workspaceId, foreign], [f.workspaceId, 999_999], [f.workspaceId, 'abc'], ['not-a-workspace', program], [other.workspaceId, program]] as const) {
      const described = await form(workspaceId, id);
      expect(described.statusCode, `${workspaceId}/${id}`).toBe(404);
      expect(described.json().error.code).toBe('not_found');
      const applied = await apply(workspaceId, id, { name: 'Ada', email: 'ada@example.com' });
      expect(applied.statusCode, `${workspaceId}/${id}`).toBe(404);
    }
    expect(await submissions(f)).toEqual([]);
    expect(await submissions(other)).toEqual([]);
  });

  it('files a submission, a pending collaborator and an applied enrollment; the same email again answers the same and writes nothing', async () => {
    const f = await PayoutFixtures.create(server, 'apply');
    const program = await approvalProgram(f);
    const first = await apply(f.workspaceId, program, { name: ' Ada Lovelace ', email: ' Ada@Example.COM ', code: 'ADA', promotion: 'My newsletter' });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual(RECEIVED);

    const [submission] = await submissions(f);
    expect(submission).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', code: 'ADA', status: 'pending' });
    expect(JSON.parse(submission!.fields)).toEqual({ program_id: program, source: 'partner_portal', promotion: 'My newsletter' });
    const [applicant] = await collaborators(f);
    expect(applicant).toMatchObject({ id: submission!.collaborator_id, name: 'Ada Lovelace', email: 'ada@example.com', status: 'pending' });
    expect((await enrollments(f, program)).map((e) => [e.collaborator_id, e.status])).toEqual([[applicant!.id, 'applied']]);
    // The submission is the existing one: the same domain event (Siren's `collaborator.registered`) and the same admin list.
    expect(await domainEvents(f)).toEqual(['CollaboratorSubmissionReceived']);
    const listed = await f.ok('GET', '/collaborator-submissions?status=pending');
    expect(listed.data.map((s: any) => [s.email, s.fields.program_id])).toEqual([['ada@example.com', program]]);
    // No referral code until approved: a pending applicant cannot be credited.
    expect(await f.db.selectFrom('referral_codes').select('id').where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);

    const again = await Promise.all([
      apply(f.workspaceId, program, { name: 'Someone else', email: 'ada@example.com' }),
      apply(f.workspaceId, program, { name: 'Ada', email: 'ADA@example.com ' }),
    ]);
    expect(again.map((r) => [r.statusCode, r.json()])).toEqual([[202, RECEIVED], [202, RECEIVED]]);
    expect(await submissions(f)).toHaveLength(1);
    expect(await collaborators(f)).toHaveLength(1);
    expect(await enrollments(f, program)).toHaveLength(1);
    expect(await domainEvents(f)).toEqual(['CollaboratorSubmissionReceived']);

    // Another approval program takes the same applicant: one more enrollment, no second account.
    const second = await approvalProgram(f);
    expect((await apply(f.workspaceId, second, { name: 'Ada', email: 'ada@example.com' })).json()).toEqual(RECEIVED);
    expect(await submissions(f)).toHaveLength(1);
    expect((await enrollments(f, second)).map((e) => [e.collaborator_id, e.status])).toEqual([[applicant!.id, 'applied']]);
  });

  it('an email that belongs to a collaborator answers the same, enrolls that collaborator and opens no second account', async () => {
    const f = await PayoutFixtures.create(server, 'apply-known');
    const program = await approvalProgram(f);
    const grace = await f.collaborator('Grace', 'Grace@Example.com');
    const res = await apply(f.workspaceId, program, { name: 'Not Grace', email: 'grace@example.com' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual(RECEIVED);
    expect(await submissions(f)).toEqual([]);
    expect((await collaborators(f)).map((c) => [c.id, c.name, c.status])).toEqual([[grace, 'Grace', 'active']]);
    expect((await enrollments(f, program)).map((e) => [e.collaborator_id, e.status])).toEqual([[grace, 'applied']]);

    // An admin who already decided keeps the decision: a later application changes nothing.
    const decided = await approvalProgram(f);
    await f.ok('POST', `/programs/${decided}/enrollments`, { collaborator_id: grace, status: 'approved' });
    expect((await apply(f.workspaceId, decided, { name: 'Grace', email: 'grace@example.com' })).json()).toEqual(RECEIVED);
    expect((await enrollments(f, decided)).map((e) => e.status)).toEqual(['approved']);
  });

  it('approving the enrollment activates the applicant with a referral code and issues a login link that opens their portal', async () => {
    const f = await PayoutFixtures.create(server, 'apply-approve');
    const program = await approvalProgram(f);
    await apply(f.workspaceId, program, { name: 'Ada', email: 'ada@example.com', code: 'ADA' });
    const [enrollment] = (await f.ok('GET', `/programs/${program}/enrollments?status=applied`)).data;
    const before = (await domainEvents(f)).length;

    const approved = await f.ok('PATCH', `/programs/${program}/enrollments/${enrollment.id}`, { status: 'approved' });
    expect(approved).toMatchObject({ id: enrollment.id, status: 'approved', login_link: { url: expect.stringMatching(/\/partners#login=trb_pl_/), expires_at: expect.any(String) } });
    expect(Date.parse(approved.login_link.expires_at) - clock.now()).toBeGreaterThan(2 * 86_400_000);
    expect((await domainEvents(f)).slice(before)).toEqual(['CollaboratorAccountReady', 'CollaboratorLoginLinkCreated']);
    const [applicant] = await collaborators(f);
    expect(applicant!.status).toBe('active');
    expect((await submissions(f))[0]).toMatchObject({ status: 'approved', collaborator_id: applicant!.id });
    const codes = await f.db.selectFrom('referral_codes').select('code').where('workspace_id', '=', f.workspaceId).execute();
    expect(codes.map((c) => c.code)).toEqual(['ADA']);

    const token = new URL(approved.login_link.url).hash.replace('#login=', '');
    const session = await server.inject({ method: 'POST', url: '/partner/v1/sessions', payload: { token } });
    expect(session.statusCode, session.body).toBe(201);
    const me = await server.inject({ method: 'GET', url: '/partner/v1/me', headers: { authorization: bearer(session.json().token) } });
    expect(me.json()).toMatchObject({ id: applicant!.id, name: 'Ada', status: 'active' });

    // The account now earns in the program.
    await f.referredSale(applicant!.id, 'applied-1', 100);
    expect((await f.obligations()).map((o) => [o.collaborator_id, o.amount])).toEqual([[applicant!.id, 1000]]);
  });

  it('rejecting the enrollment rejects the pending application; the applicant never becomes active', async () => {
    const f = await PayoutFixtures.create(server, 'apply-reject');
    const program = await approvalProgram(f);
    await apply(f.workspaceId, program, { name: 'Mallory', email: 'mallory@example.com' });
    const [enrollment] = (await f.ok('GET', `/programs/${program}/enrollments`)).data;
    const rejected = await f.ok('PATCH', `/programs/${program}/enrollments/${enrollment.id}`, { status: 'rejected' });
    expect(rejected.status).toBe('rejected');
    expect(rejected).not.toHaveProperty('login_link');
    expect((await submissions(f))[0]!.status).toBe('rejected');
    expect((await collaborators(f))[0]!.status).toBe('pending');
    expect(await f.db.selectFrom('partner_login_links').select('token_hash').where('workspace_id', '=', f.workspaceId).execute()).toEqual([]);
    // A second thought: approving it later still makes the account.
    const approved = await f.ok('PATCH', `/programs/${program}/enrollments/${enrollment.id}`, { status: 'approved' });
    expect(approved.login_link.url).toContain('#login=');
    expect((await collaborators(f))[0]!.status).toBe('active');
  });

  it('a listener that decides the submission at once decides the enrollment with it', async () => {
    const f = await PayoutFixtures.create(server, 'apply-listener');
    const program = await approvalProgram(f);
    const off = server.services.attribution.bus.on('CollaboratorSubmissionReceived', (submission) => {
      if (submission.email?.endsWith('@spam.example')) {
        submission.decision = 'rejected';
        submission.reason = 'spam domain';
      } else if (submission.email?.endsWith('@staff.example')) {
        submission.decision = 'approved';
      }
    });
    try {
      expect((await apply(f.workspaceId, program, { name: 'Staff', email: 'kim@staff.example' })).json()).toEqual(RECEIVED);
      expect((await apply(f.workspaceId, program, { name: 'Bot', email: 'bot@spam.example' })).json()).toEqual(RECEIVED);
    } finally {
      off();
    }
    expect(await domainEvents(f)).toEqual(['CollaboratorSubmissionReceived', 'CollaboratorAccountReady', 'CollaboratorLoginLinkCreated', 'CollaboratorSubmissionReceived']);
    const [staff] = await collaborators(f);
    expect(staff).toMatchObject({ email: 'kim@staff.example', status: 'active' });
    expect(await collaborators(f)).toHaveLength(1);
    expect((await enrollments(f, program)).map((e) => [e.collaborator_id, e.status])).toEqual([[staff!.id, 'approved']]);
    expect((await submissions(f)).map((s) => [s.email, s.status])).toEqual([['kim@staff.example', 'approved'], ['bot@spam.example', 'rejected']]);
    // The rejected applicant asking again is still one application.
    expect((await apply(f.workspaceId, program, { name: 'Bot', email: 'BOT@spam.example' })).json()).toEqual(RECEIVED);
    expect(await submissions(f)).toHaveLength(2);
  });

  it('refuses bad input with every field listed, oversized bodies with 413, and drops a filled honeypot silently', async () => {
    const f = await PayoutFixtures.create(server, 'apply-hostile');
    const program = await approvalProgram(f);
    const bad = await apply(f.workspaceId, program, { name: 7, email: 'not-an-email', code: 'no spaces!', promotion: ['x'], admin: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect([...new Set(bad.json().error.data.fields.map((e: any) => e.field))].sort()).toEqual(['admin', 'code', 'email', 'name', 'promotion']);
    const missing = await apply(f.workspaceId, program, {});
    expect(missing.json().error.data.fields.map((e: any) => e.field).sort()).toEqual(['email', 'name']);
    expect((await apply(f.workspaceId, program, { name: '   ', email: 'a@b.co' })).statusCode).toBe(400);
    expect((await apply(f.workspaceId, program, { name: 'Ada\u0000', email: 'a@b.co' })).statusCode).toBe(400);
    expect((await apply(f.workspaceId, program, { name: 'Ada', email: 'x'.repeat(320) + '@b.co' })).statusCode).toBe(400);
    const notJson = await server.inject({ method: 'POST', url: `/partner/v1/programs/${f.workspaceId}/${program}/applications`, headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(notJson.statusCode).toBe(400);

    const huge = await apply(f.workspaceId, program, { name: 'Ada', email: 'ada@example.com', promotion: 'x'.repeat(9000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');

    const bot = await apply(f.workspaceId, program, { name: 'Bot', email: 'bot@example.com', website: 'https://spam.example' });
    expect(bot.statusCode).toBe(202);
    expect(bot.json()).toEqual(RECEIVED);
    expect(await submissions(f)).toEqual([]);
    expect(await collaborators(f)).toEqual([]);
    expect(await enrollments(f, program)).toEqual([]);
    // An empty honeypot is a person.
    expect((await apply(f.workspaceId, program, { name: 'Ada', email: 'ada@example.com', website: '' })).statusCode).toBe(202);
    expect(await submissions(f)).toHaveLength(1);
  });

  it('limits applications per address and per program with 429 and Retry-After, and lets them through again as time passes', async () => {
    const f = await PayoutFixtures.create(server, 'apply-limits');
    const program = await approvalProgram(f);
    const other = await approvalProgram(f);
    // Five an hour from one address (the default), whatever the outcome of each.
    for (let i = 0; i < 5; i += 1) expect((await apply(f.workspaceId, i % 2 === 0 ? program : other, { name: 'Ada', email: `ada${i}@example.com` }, '203.0.113.7')).statusCode).not.toBe(429);
    const limited = await apply(f.workspaceId, program, { name: 'Ada', email: 'ada9@example.com' }, '203.0.113.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(600);
    // Even invalid bodies and unknown programs count, so probing costs the same.
    expect((await apply(f.workspaceId, 999_999, {}, '203.0.113.7')).statusCode).toBe(429);
    // IPv6 counts per /64.
    for (let i = 0; i < 5; i += 1) await apply(f.workspaceId, 999_999, {}, `2001:db8:1:1::${i + 1}`);
    expect((await apply(f.workspaceId, 999_999, {}, '2001:db8:1:1:ffff::9')).statusCode).toBe(429);
    expect((await apply(f.workspaceId, 999_999, {}, '2001:db8:1:2::1')).statusCode).toBe(404);

    // The program took three of its four (this server's setting); many addresses together meet its limit.
    expect((await apply(f.workspaceId, program, { name: 'Bob', email: 'bob@example.com' }, '198.51.100.1')).statusCode).toBe(202);
    const flooded = await apply(f.workspaceId, program, { name: 'Eve', email: 'eve@example.com' }, '198.51.100.2');
    expect(flooded.statusCode).toBe(429);
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
    expect((await submissions(f)).map((s) => s.email)).not.toContain('eve@example.com');
    // The other program is not affected.
    expect((await apply(f.workspaceId, other, { name: 'Eve', email: 'eve@example.com' }, '198.51.100.3')).statusCode).toBe(202);

    // An hour later both buckets are full again.
    clock.advance(3_600_000);
    expect((await apply(f.workspaceId, program, { name: 'Ada', email: 'ada9@example.com' }, '203.0.113.7')).statusCode).toBe(202);
  });
});
