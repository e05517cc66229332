import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';

/** Every storage test runs on both. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** The fixed operator token of test servers. */
export const TEST_ADMIN_TOKEN = 'trb_op_test_operator_token_0123456789';

let counter = 0;

/** A unique PostgreSQL schema name for this test file's process. */
export function uniqueSchema(): string {
  counter += 1;
  return `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export interface TestDatabase {
  config: Config;
  /** Removes the SQLite directory or drops the PostgreSQL schema. */
  cleanup(): Promise<void>;
}

/** A Config on a brand-new database: a temp SQLite file, or a fresh PostgreSQL schema. */
export function testDatabase(dialect: TestDialect, overrides: Partial<Config> = {}): TestDatabase {
  const base = { TRIBUTARY_ADMIN_TOKEN: TEST_ADMIN_TOKEN, PORT: '0', WORKER_POLL_MS: '20' };
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-test-'));
    // NORMAL keeps the suite fast; durability under FULL is what the crash test and bench cover.
    const config = loadConfig({ ...base, DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'NORMAL' }, overrides);
    return { config, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = uniqueSchema();
  const config = loadConfig({ ...base, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema }, overrides);
  return { config, cleanup: () => dropSchema(schema) };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
