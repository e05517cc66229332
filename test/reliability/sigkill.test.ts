import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.ts';
import { waitFor } from '../support/harness.ts';
import { spawnServer } from '../support/process-server.ts';
import { eventCountsByMessageId, inboxBacklog, useCrashScene } from './crash-database.ts';
import { postSegment, startLoad, trackMessage } from './segment-load.ts';

/** Kill once this many events were acknowledged: well into the load, with clients still sending. */
const KILL_AFTER_EVENTS = 1500;

describe.each(DIALECTS)('kill -9 under load (%s)', (dialect) => {
  const scene = useCrashScene(dialect, 'SIGKILL');
  const { servers } = scene;

  it('keeps every acknowledged event exactly once after a restart, and a resend adds nothing', { timeout: 180_000 }, async () => {
    const database = scene.database({ WORKER_POLL_MS: '20' });
    const first = await spawnServer({ env: database.env });
    servers.push(first);
    const credentials = first.firstStart;
    if (!credentials) throw new Error(`the first start printed no credentials:\n${first.output()}`);

    let killed: Promise<void> | undefined;
    const load = startLoad({
      urls: [first.url],
      writeKey: credentials.writeKey,
      clients: 32,
      // Bounded, and far more than can be answered before the kill.
      requestsPerClient: 400,
      batchEvery: 4,
      batchSize: 10,
      prefix: `kill-${dialect}`,
      onAcknowledged(total) {
        if (killed || total < KILL_AFTER_EVENTS) return;
        load.markCut();
        killed = first.kill('SIGKILL');
      },
    });
    const result = await load.done;
    await killed;
    servers.splice(servers.indexOf(first), 1);

    expect(await first.exited, 'the server died of the signal').toBe('SIGKILL');
    expect(result.inFlightAtCut, 'requests were in flight when the server was killed').toBeGreaterThan(0);
    expect(result.unanswered, 'some requests never got an answer').toBeGreaterThan(0);
    expect(result.rejected, 'no request was refused before the kill').toEqual([]);
    expect(result.acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_EVENTS);

    const second = await spawnServer({ env: database.env });
    servers.push(second);
    const db = await scene.open();
    await waitFor(async () => ((await inboxBacklog(db)).pending === 0 ? true : undefined), 'the inbox to be processed', 60_000);
    expect((await inboxBacklog(db)).notProcessed, 'every inbox row ended processed').toBe(0);

    const counts = await eventCountsByMessageId(db, credentials.workspaceId);
    const missing = [...result.acknowledged].filter((id) => counts.get(id) !== 1);
    expect(missing, 'acknowledged ids without exactly one canonical event').toEqual([]);
    const doubled = [...counts].filter(([, n]) => n > 1);
    expect(doubled, 'no event appears twice').toEqual([]);
    const unknown = [...counts.keys()].filter((id) => !result.sent.has(id));
    expect(unknown, 'every event is one that was sent').toEqual([]);
    const eventsBefore = [...counts.values()].reduce((a, b) => a + b, 0);

    // Resend acknowledged ids to the new process, singly and in a batch: answered, not doubled.
    const resent = [...result.acknowledged].slice(0, 60);
    for (const id of resent.slice(0, 20)) {
      expect((await postSegment(second.url, credentials.writeKey, '/v1/track', trackMessage(id))).status).toBe(200);
    }
    const batch = await postSegment(second.url, credentials.writeKey, '/v1/batch', { batch: resent.slice(20).map(trackMessage) });
    expect(batch.status).toBe(200);
    await waitFor(async () => ((await inboxBacklog(db)).pending === 0 ? true : undefined), 'the inbox to be processed again');
    const after = await eventCountsByMessageId(db, credentials.workspaceId);
    expect([...after.values()].reduce((a, b) => a + b, 0), 'a resend adds no event').toBe(eventsBefore);
    for (const id of resent) expect(after.get(id)).toBe(1);
  });
});
