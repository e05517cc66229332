import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Fails a file that leaves a server, socket, child process or timer running (STYLE rule 13).
    setupFiles: ['test/support/leak-guard.ts'],
    // Files run in parallel, one fork per core; each has its own SQLite file and PostgreSQL schema.
    // Vitest's default is one fork fewer than the cores, which on a 2-core machine ran every file
    // one after the other (849 s on 2026-12-07); most files wait on servers, PostgreSQL or
    // Chromium rather than compute, so a fork per core fills the waits.
    pool: 'forks',
    poolOptions: { forks: { maxForks: availableParallelism() } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    reporters: ['default'],
  },
});
