import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Fails a file that leaves a server, socket, child process or timer running (STYLE rule 13).
    setupFiles: ['test/support/leak-guard.ts'],
    // Files run in parallel (one fork per core); each has its own SQLite file and PostgreSQL schema.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
    reporters: ['default'],
  },
});
