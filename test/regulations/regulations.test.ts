import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { basicAuth, bearer, createApiKey, useTestServer, waitFor } from '../support/harness.ts';
import { forwardingApi } from '../forward/forward-support.ts';

type Json = Record<string, unknown>;

const METRICS_TOKEN = 'metrics-token-for-regulation-tests';

/** Issue 16 §4: erasing and suppressing a person, on Segment's regulation model. */
describe.each(DIALECTS)('regulations on %s', (dialect) => {
  const server = useTestServer(dialect, { metricsToken: METRICS_TOKEN, forwardAllowPrivateTargets: true });

  const regulations = (workspaceId = server.workspaceId) => `/api/v1/workspaces/${workspaceId}/regulations`;

  const regulate = (payload: unknown, workspaceId = server.workspaceId, token = server.operatorToken) =>
    server.inject({ method: 'POST', url: regulations(workspaceId), headers: { authorization: bearer(token) }, payload: payload as Json });

  const read = async (id: string) => {
    const res = await server.inject({ method: 'GET', url: `${regulations()}/${id}`, headers: { authorization: bearer(server.operatorToken) } });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  const segment = async (path: string, body: Json) => {
    const res = await server.inject({ method: 'POST', url: `/v1/${path}`, headers: { authorization: basicAuth(server.writeKey) }, payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ success: true });
  };

  /** The canonical events of the workspace that name any of these ids. */
  const eventsOf = (...ids: string[]) =>
    server.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('workspace_id', '=', server.workspaceId)
      .where((eb) => eb.or([eb('user_id', 'in', ids), eb('anonymous_id', 'in', ids), eb('previous_id', 'in', ids)]))
      .execute();

  /** Inbox rows and journal records whose text names the id anywhere. */
  const storedMentions = async (id: string) => {
    const inbox = await server.db.kysely.selectFrom('inbox').select('id').where('payload', 'like', `%${id}%`).execute();
    const journal = await server.db.kysely.selectFrom('inbox_journal').select('seq').where('body', 'like', `%${id}%`).execute();
    return inbox.length + journal.length;
  };

  /** Waits until the worker has made canonical events of everything accepted so far. */
  const settled = () =>
    waitFor(async () => {
      const journal = await server.db.kysely.selectFrom('inbox_journal').select('seq').execute();
      const due = await server.db.kysely.selectFrom('inbox').select('id').where('status', '=', 'received').execute();
      return journal.length === 0 && due.length === 0 ? true : undefined;
    }, 'the pipeline to be idle');

  /**
   * Steps the runner by hand (it starts with `listen`), each round at a time past the settle
   * window the last one may have opened: the clock moves, nothing sleeps.
   */
  const runToEnd = async (id: string) => {
    const runner = server.services.regulations!;
    let clock = Date.now();
    for (let round = 0; round < 10; round += 1) {
      clock = Math.max(clock, Date.now()) + server.services.suppressions.settleMs + 1;
      await runner.runOnce(clock);
      const regulation = await read(id);
      if (regulation.status === 'finished' || regulation.status === 'failed') return regulation;
    }
    throw new Error(`regulation ${id} did not finish`);
  };

  const suppressedMetric = async (api: string) => {
    const res = await server.inject({ method: 'GET', url: '/metrics', headers: { authorization: bearer(METRICS_TOKEN) } });
    const line = res.body.split('\n').find((l) => l.startsWith(`tributary_events_suppressed_total{api="${api}"}`));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  };

  it('deletes a person across the ids linked by identify and alias, keeps everyone else, and counts what it erased', async () => {
    // A contract that warns on `Viewed` without `plan`: both people's views leave a violation.
    const contract = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/event-contracts`,
      headers: { authorization: bearer(server.operatorToken) },
      payload: { name: 'Views', event_type: 'track', event_name: 'Viewed', schema_definition: { properties: { plan: { type: 'string', required: true } } }, enforcement_mode: 'warn' },
    });
    expect(contract.statusCode).toBe(201);
    await segment('track', { anonymousId: 'del-anon', event: 'Viewed' });
    await segment('identify', { anonymousId: 'del-anon', userId: 'del-user', traits: { email: 'Del@Example.com' } });
    await segment('track', { userId: 'del-user', event: 'Bought' });
    await segment('alias', { previousId: 'del-user', userId: 'del-user-2' });
    await segment('track', { userId: 'del-user-2', event: 'Later' });
    await segment('batch', {
      batch: [
        { type: 'track', userId: 'del-user', event: 'In a batch' },
        { type: 'track', userId: 'keep-user', event: 'Viewed' },
      ],
    });
    await segment('track', { userId: 'keep-user', event: 'Bought' });
    await settled();
    expect(await eventsOf('del-anon', 'del-user', 'del-user-2')).toHaveLength(6);

    const created = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['del-user'] });
    expect(created.statusCode).toBe(202);
    expect(created.json()).toMatchObject({ type: 'delete', subject_type: 'user_id', subject_ids: ['del-user'], subject_count: 1, status: 'initialized' });
    const done = await runToEnd(created.json().id);

    expect(done.status).toBe('finished');
    expect(done.counts).toEqual({
      events: 6,
      inbox_rows: 6,
      journal_messages: 0,
      deliveries: 0,
      contract_violations: 1,
      live_messages: 0,
      attribution_records: 0,
    });
    expect(await eventsOf('del-anon', 'del-user', 'del-user-2')).toEqual([]);
    for (const id of ['del-anon', 'del-user', 'Del@Example.com']) expect(await storedMentions(id)).toBe(0);
    expect((await eventsOf('keep-user')).map((e) => e.name).sort()).toEqual(['Bought', 'Viewed']);
    const violations = await server.db.kysely.selectFrom('contract_violations').select('event_id').where('workspace_id', '=', server.workspaceId).execute();
    expect(violations).toHaveLength(1);

    // A delete is not a suppression: once finished, the person's new events are kept again.
    await segment('track', { userId: 'del-user', event: 'Came back' });
    await waitFor(async () => ((await eventsOf('del-user')).length === 1 ? true : undefined), 'the new event to be kept');
  });

  it('suppresses: the person\'s events are answered as usual on every API, counted, and stored nowhere; unsuppress lifts it', async () => {
    const created = await regulate({ type: 'suppress', subject_type: 'anonymous_id', subject_ids: ['sup-anon'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ type: 'suppress', status: 'finished' });
    const byUser = await regulate({ type: 'suppress', subject_type: 'user_id', subject_ids: ['sup-user'] });
    expect(byUser.statusCode).toBe(201);
    const byEmail = await regulate({ type: 'suppress', subject_type: 'email', subject_ids: ['Sup@Example.com'] });
    expect(byEmail.statusCode).toBe(201);
    const before = await suppressedMetric('segment');

    await segment('track', { anonymousId: 'sup-anon', event: 'Hidden' });
    await segment('identify', { userId: 'someone-else', traits: { email: 'sup@example.com' } });
    await segment('batch', {
      batch: [
        { type: 'page', anonymousId: 'sup-anon', name: 'Hidden page' },
        { type: 'track', userId: 'sup-visible', event: 'Shown' },
      ],
    });
    const workspaceApi = await server.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${server.workspaceId}/events/track`,
      headers: { authorization: bearer(server.writeKey) },
      payload: { user_id: 'sup-user', event: 'Hidden too' },
    });
    expect(workspaceApi.statusCode).toBe(202);
    expect(workspaceApi.json()).toMatchObject({ status: 'accepted', duplicate: false });
    const apiKey = await createApiKey(server, { label: 'client', scopes: ['events:write'] });
    const client = await server.inject({
      method: 'POST',
      url: '/api/v1/client/events/bulk',
      headers: { authorization: bearer(apiKey) },
      payload: { events: [{ type: 'signup', uid: 'sup-user' }, { type: 'signup', uid: 'sup-visible' }] },
    });
    expect(client.statusCode).toBe(202);
    expect(client.json().results.map((r: Json) => r.status)).toEqual(['accepted', 'accepted']);
    await settled();

    expect(await storedMentions('sup-anon')).toBe(0);
    expect(await storedMentions('sup-user')).toBe(0);
    expect(await storedMentions('someone-else')).toBe(0);
    expect((await eventsOf('sup-visible')).map((e) => e.name).sort()).toEqual(['Shown', 'signup']);
    expect((await suppressedMetric('segment')) - before).toBe(3);
    expect(await suppressedMetric('workspace')).toBeGreaterThanOrEqual(1);
    expect(await suppressedMetric('client')).toBeGreaterThanOrEqual(1);

    const lifted = await regulate({ type: 'unsuppress', subject_type: 'anonymous_id', subject_ids: ['sup-anon'] });
    expect(lifted.statusCode).toBe(201);
    expect(lifted.json().status).toBe('finished');
    await segment('track', { anonymousId: 'sup-anon', event: 'Visible now' });
    await waitFor(async () => ((await eventsOf('sup-anon')).length === 1 ? true : undefined), 'the unsuppressed event to be kept');
    // The other suppressions stand.
    await segment('track', { userId: 'sup-user', event: 'Still hidden' });
    await settled();
    expect(await storedMentions('sup-user')).toBe(0);
  });

  it('erases the deliveries of the person\'s forwarded events, and only theirs', async () => {
    const forwarding = forwardingApi(server);
    const { receiver, destinationId } = await forwarding.wire({ eventNames: ['Forwarded'] });
    try {
      await segment('track', { userId: 'fwd-user', event: 'Forwarded' });
      await segment('track', { userId: 'fwd-other', event: 'Forwarded' });
      await forwarding.settled(destinationId, 2, ['delivered']);
      const created = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['fwd-user'] });
      const done = await runToEnd(created.json().id);
      expect(done.counts).toMatchObject({ events: 1, deliveries: 1 });
      const left = await forwarding.deliveries(destinationId);
      expect(left).toHaveLength(1);
      const event = await server.db.kysely.selectFrom('events').select('user_id').where('id', '=', left[0]!.event_id).executeTakeFirstOrThrow();
      expect(event.user_id).toBe('fwd-other');
    } finally {
      await receiver.close();
    }
  });

  it('suppress_with_delete erases what was stored and keeps dropping the person\'s events afterwards', async () => {
    await segment('track', { userId: 'swd-user', event: 'Before' });
    await settled();
    const created = await regulate({ type: 'suppress_with_delete', subject_type: 'user_id', subject_ids: ['swd-user'] });
    expect(created.statusCode).toBe(202);
    const done = await runToEnd(created.json().id);
    expect(done.counts.events).toBe(1);
    await segment('track', { userId: 'swd-user', event: 'After' });
    await settled();
    expect(await storedMentions('swd-user')).toBe(0);
  });

  it('does not let an event that arrives while the delete runs survive it, whichever process accepted it', async () => {
    await segment('identify', { userId: 'race-user', anonymousId: 'race-anon' });
    await settled();
    const created = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['race-user'] });
    const id = created.json().id as string;
    const runner = server.services.regulations!;

    // The first round erases what was there and links the anonymous id; within the settle window
    // it cannot finish.
    await runner.runOnce(Date.now());
    const running = await read(id);
    expect(running.status).toBe('running');
    expect(running.counts.events).toBe(1);

    // Arriving here: suppressed while the delete runs (the person's linked ids too).
    await segment('track', { userId: 'race-user', event: 'During' });
    await segment('track', { anonymousId: 'race-anon', event: 'During, anonymous' });
    // Accepted by another process whose suppression cache predates the regulation: appended to
    // the journal as that process's ingest route would.
    const stale = { workspaceId: server.workspaceId, api: 'segment' as const, receivedAt: Date.now(), credentialId: null, clientIp: null };
    await server.services.inbox.appendToJournal({ ...stale, route: 'track', eventCount: 1, body: JSON.stringify({ userId: 'race-user', event: 'Slipped in' }) });
    await server.services.inbox.appendToJournal({
      ...stale,
      route: 'batch',
      eventCount: 2,
      body: JSON.stringify({ batch: [{ type: 'track', anonymousId: 'race-anon', event: 'Slipped in too' }, { type: 'track', userId: 'race-bystander', event: 'Kept' }] }),
    });
    server.runtime.worker?.wake();

    const done = await runToEnd(id);
    expect(done.status).toBe('finished');
    await settled();
    expect(await eventsOf('race-user', 'race-anon')).toEqual([]);
    expect(await storedMentions('race-user')).toBe(0);
    expect(await storedMentions('race-anon')).toBe(0);
    expect((await eventsOf('race-bystander')).map((e) => e.name)).toEqual(['Kept']);
    expect(done.counts.events + done.counts.journal_messages + done.counts.inbox_rows).toBeGreaterThanOrEqual(3);
  });

  it('erases the person from the journal by rewriting the request bodies without their messages', async () => {
    // Holds the worker off the journal: requests stay there until the erasure has run.
    await server.runtime.worker!.stop();
    try {
      await segment('batch', {
        context: { traits: { email: 'journal@example.com' } },
        batch: [
          { type: 'identify', userId: 'journal-user' },
          { type: 'track', anonymousId: 'journal-anon', event: 'Mine', userId: 'journal-user' },
          { type: 'track', userId: 'journal-other', event: 'Theirs', context: { traits: { email: 'other@example.com' } } },
        ],
      });
      await segment('track', { anonymousId: 'journal-anon', event: 'Single' });
      const created = await regulate({ type: 'delete', subject_type: 'email', subject_ids: ['JOURNAL@example.com'] });
      expect(created.json().subject_ids).toEqual(['journal@example.com']);
      const done = await runToEnd(created.json().id);
      expect(done.counts.journal_messages).toBe(3);
      const journal = await server.db.kysely.selectFrom('inbox_journal').selectAll().where('workspace_id', '=', server.workspaceId).execute();
      expect(journal).toHaveLength(1);
      expect(journal[0]!.event_count).toBe(1);
      expect(JSON.parse(journal[0]!.body).batch.map((m: Json) => m.userId)).toEqual(['journal-other']);
    } finally {
      server.runtime.worker!.start();
    }
    await settled();
    expect((await eventsOf('journal-other')).map((e) => e.name)).toEqual(['Theirs']);
    expect(await storedMentions('journal-anon')).toBe(0);
  });

  it('finishes a regulation for a subject it never saw with zero counts', async () => {
    const created = await regulate({ type: 'delete', subject_type: 'email', subject_ids: ['nobody@example.com'] });
    expect(created.statusCode).toBe(202);
    const done = await runToEnd(created.json().id);
    expect(done.status).toBe('finished');
    expect(Object.values(done.counts).every((n) => n === 0)).toBe(true);
  });

  it('resumes a delete whose runner died holding it, once its lease has run out', async () => {
    await segment('track', { userId: 'crash-user', event: 'Before the crash' });
    await settled();
    const created = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['crash-user'] });
    const id = created.json().id as string;
    await server.db.kysely.updateTable('regulations').set({ status: 'running', locked_by: 'reg_dead', locked_until: Date.now() + 60_000 }).where('id', '=', id).execute();
    await server.services.regulations!.runOnce(Date.now() + server.services.suppressions.settleMs + 1);
    expect((await read(id)).status).toBe('running');
    await server.db.kysely.updateTable('regulations').set({ locked_until: Date.now() - 1 }).where('id', '=', id).execute();
    const done = await runToEnd(id);
    expect(done).toMatchObject({ status: 'finished', counts: { events: 1 } });
  });

  it('answers 400 with every field error', async () => {
    const empty = await regulate({});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation_failed');
    expect(empty.json().error.data.fields.map((f: Json) => f.field).sort()).toEqual(['subject_ids', 'subject_type', 'type']);

    const wrong = await regulate({ type: 'erase', subject_type: 'phone', subject_ids: [], extra: 1 });
    expect(wrong.json().error.data.fields.map((f: Json) => f.field).sort()).toEqual(['extra', 'subject_ids', 'subject_type', 'type']);

    const items = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['ok', '', 7, 'x'.repeat(513)] });
    expect(items.json().error.data.fields.map((f: Json) => f.field).sort()).toEqual(['subject_ids.1', 'subject_ids.2', 'subject_ids.3']);

    const emails = await regulate({ type: 'suppress', subject_type: 'email', subject_ids: ['a@example.com', 'not-an-email'] });
    expect(emails.json().error.data.fields).toEqual([{ field: 'subject_ids.1', message: 'must be an email address' }]);

    const tooMany = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: Array.from({ length: 5001 }, (_, i) => `u${i}`) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.data.fields.map((f: Json) => f.field)).toEqual(['subject_ids']);

    const notJson = await server.inject({ method: 'POST', url: regulations(), headers: { authorization: bearer(server.operatorToken) }, payload: [] as unknown as Json });
    expect(notJson.statusCode).toBe(400);
    // Nothing was written by any refused request.
    const count = await server.db.kysely.selectFrom('regulations').select('id').where('subject_ids', 'like', '%not-an-email%').execute();
    expect(count).toEqual([]);

    const many = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: Array.from({ length: 5000 }, (_, i) => `bulk-${i}`) });
    expect(many.statusCode).toBe(202);
    expect(many.json().subject_count).toBe(5000);
  });

  it('keeps regulations to their workspace: another workspace\'s id, key or a missing workspace is 404', async () => {
    const mine = (await regulate({ type: 'suppress', subject_type: 'user_id', subject_ids: ['ws-user'] })).json().id as string;
    const other = await server.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { authorization: bearer(server.operatorToken) }, payload: { name: 'Other' } });
    const otherId = other.json().id as string;
    const asOther = await server.inject({ method: 'GET', url: `${regulations(otherId)}/${mine}`, headers: { authorization: bearer(server.operatorToken) } });
    expect(asOther.statusCode).toBe(404);
    expect(asOther.json().error.code).toBe('not_found');
    const otherKey = await createApiKey(server, { label: 'o', scopes: ['admin'] }, otherId);
    const crossKey = await server.inject({ method: 'GET', url: `${regulations()}/${mine}`, headers: { authorization: bearer(otherKey) } });
    expect(crossKey.statusCode).toBe(404);
    expect((await regulate({ type: 'suppress', subject_type: 'user_id', subject_ids: ['x'] }, server.workspaceId, otherKey)).statusCode).toBe(404);
    expect((await regulate({ type: 'suppress', subject_type: 'user_id', subject_ids: ['x'] }, 'no-such-workspace')).statusCode).toBe(404);
    // The other workspace's list is empty, and its suppression does not reach this one.
    const list = await server.inject({ method: 'GET', url: regulations(otherId), headers: { authorization: bearer(server.operatorToken) } });
    expect(list.json()).toEqual({ data: [], has_more: false, next_cursor: null });
    const readOnly = await createApiKey(server, { label: 'r', scopes: ['events:read'] });
    expect((await server.inject({ method: 'GET', url: regulations(), headers: { authorization: bearer(readOnly) } })).statusCode).toBe(403);
  });

  it('lists regulations newest first, a page at a time', async () => {
    const first = await server.inject({ method: 'GET', url: `${regulations()}?limit=2`, headers: { authorization: bearer(server.operatorToken) } });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    expect(page.data[0]).not.toHaveProperty('subject_ids');
    expect(page.data[0].id > page.data[1].id).toBe(true);
    const second = await server.inject({ method: 'GET', url: `${regulations()}?limit=2&cursor=${page.next_cursor}`, headers: { authorization: bearer(server.operatorToken) } });
    expect(second.json().data[0].id < page.data[1].id).toBe(true);
    const bad = await server.inject({ method: 'GET', url: `${regulations()}?limit=0&status=done`, headers: { authorization: bearer(server.operatorToken) } });
    expect(bad.statusCode).toBe(400);
    const byStatus = await server.inject({ method: 'GET', url: `${regulations()}?status=initialized&limit=500`, headers: { authorization: bearer(server.operatorToken) } });
    expect(byStatus.json().data.length).toBeGreaterThan(0);
    expect(byStatus.json().data.every((r: Json) => r.status === 'initialized')).toBe(true);
  });

  it('runs deletes in the background once the server serves', async () => {
    await segment('track', { userId: 'bg-user', event: 'Background' });
    await settled();
    // The 5,000-subject delete of the validation test is still waiting: it runs first.
    await server.listen();
    const created = await regulate({ type: 'delete', subject_type: 'user_id', subject_ids: ['bg-user'] });
    const done = await waitFor(async () => {
      const regulation = await read(created.json().id);
      return regulation.status === 'finished' ? regulation : undefined;
    }, 'the background delete to finish', 20_000);
    expect(done.counts.events).toBe(1);
  });
});

