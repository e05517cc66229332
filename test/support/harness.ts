import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/index.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { TEST_ADMIN_TOKEN, testDatabase, type TestDialect } from './databases.ts';
import { OpenApiConformance } from './openapi-conformance.ts';

/**
 * The services a runtime wires, for tests that drive one directly (the attribution engine's bus,
 * the inbox writer …). Tests reach them as `server.services`, never through the runtime's own
 * field, so a change in how the runtime holds them is a change to this file alone.
 */
export type RuntimeServices = Runtime['services'];

/** What a test may hand the runtime besides its config: extra pipeline stages, the rate limits' clock. */
export type TestServerOptions = Omit<RuntimeOptions, 'logger'>;

export interface TestServer {
  readonly runtime: Runtime;
  /** The runtime's database. */
  readonly db: Db;
  readonly services: RuntimeServices;
  readonly config: Config;
  readonly operatorToken: string;
  readonly workspaceId: string;
  /** The default workspace's production write key, from the first-start bootstrap. */
  readonly writeKey: string;
  /** The routes the server registered and the checks of its answers against /openapi.json. */
  readonly openapi: OpenApiConformance;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Starts listening on a random local port; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real Tributary on a fresh database with its workers running. Requests go through
 * `inject` (fast, no socket) or, after `listen()`, over a real port.
 */
export async function startTestServer(
  dialect: TestDialect,
  overrides: Partial<Config> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const database = testDatabase(dialect, overrides);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // Every answer the test sees is checked against /openapi.json; a mismatch fails the request's test.
  const conformance = new OpenApiConformance();
  const runtime = await createRuntime(database.config, { logger, probe: conformance.probe, ...options });
  const assertConforms = () => {
    const violations = conformance.takeViolations();
    if (violations.length > 0) throw new Error(`The answer contradicts /openapi.json:\n${violations.join('\n')}`);
  };
  runtime.startWorkers();
  const { workspaceId, writeKey } = runtime.bootstrap;
  if (!writeKey) throw new Error('a fresh database must bootstrap a write key');
  let closed = false;
  return {
    runtime,
    db: runtime.services.db,
    services: runtime.services,
    config: database.config,
    operatorToken: TEST_ADMIN_TOKEN,
    workspaceId,
    writeKey,
    openapi: conformance,
    async inject(options) {
      const response = await runtime.app.inject(options);
      assertConforms();
      return response;
    },
    listen: () => runtime.listen(),
    async close() {
      if (closed) return;
      closed = true;
      await runtime.close();
      await database.cleanup();
      // Answers sent over a real port (listen) were checked too.
      assertConforms();
    },
  };
}

/**
 * A test server for the enclosing `describe`: started in `beforeAll`, closed in `afterAll`. The
 * answer stands in for the server and forwards to it, so test bodies and helpers read
 * `server.inject(…)` as they would with `startTestServer`; touching it outside a test or hook
 * (before the server exists) throws. Hooks the file registers after this call run after the
 * start and, in vitest's default stack order, before the close.
 */
export function useTestServer(
  dialect: TestDialect,
  overrides: Partial<Config> = {},
  options: TestServerOptions = {},
): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(dialect, overrides, options);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  const started = (): TestServer => {
    if (!current) throw new Error('the test server starts in beforeAll: use it inside a test or a hook');
    return current;
  };
  return {
    get runtime() { return started().runtime; },
    get db() { return started().db; },
    get services() { return started().services; },
    get config() { return started().config; },
    get operatorToken() { return started().operatorToken; },
    get workspaceId() { return started().workspaceId; },
    get writeKey() { return started().writeKey; },
    get openapi() { return started().openapi; },
    inject: (request) => started().inject(request),
    listen: () => started().listen(),
    close: () => started().close(),
  };
}

/**
 * Creates an API key in the workspace as the operator and answers its secret. `fields` go to the
 * API as they are (`label` or `name`, `scopes`); a refusal fails the caller's hook with the answer.
 */
export async function createApiKey(server: TestServer, fields: Record<string, unknown>, workspaceId = server.workspaceId): Promise<string> {
  const res = await server.inject({
    method: 'POST',
    url: `/api/v1/workspaces/${workspaceId}/api-keys`,
    headers: { authorization: bearer(server.operatorToken) },
    payload: fields,
  });
  if (res.statusCode !== 201) throw new Error(`could not create an API key: ${res.statusCode} ${res.body}`);
  return res.json().key as string;
}

export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/**
 * Polls `probe` until it returns a value other than undefined: a wait on state, never a sleep.
 * Fails with `what` when the deadline passes.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until every event the workspace sent is in its inbox. Segment requests wait in the
 * journal until a worker splits them into inbox rows; the incoming list counts them as `pending`.
 */
export async function waitForAccepted(server: TestServer, workspaceId = server.workspaceId, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    async () => {
      const res = await server.inject({
        method: 'GET',
        url: `/api/v1/workspaces/${workspaceId}/events/incoming?limit=1`,
        headers: { authorization: bearer(server.operatorToken) },
      });
      return res.statusCode === 200 && res.json().pending === 0 ? true : undefined;
    },
    'accepted events to reach the inbox',
    timeoutMs,
  );
}

/** Waits until the inbox row has the status; returns the row. */
export async function waitForInbox(server: TestServer, id: string, status: string, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      const row = await server.db.kysely.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
      return row?.status === status ? row : undefined;
    },
    `inbox row ${id} to be ${status}`,
    timeoutMs,
  );
}

/** Waits until the workspace has `count` canonical events; returns them oldest first. */
export async function waitForEventCount(server: TestServer, count: number, workspaceId = server.workspaceId, timeoutMs = 10_000) {
  return waitFor(
    async () => {
      const rows = await server.db.kysely
        .selectFrom('events')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('id')
        .execute();
      return rows.length >= count ? rows : undefined;
    },
    `${count} canonical events`,
    timeoutMs,
  );
}
