import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, idle while a test
    // waits on PostgreSQL, a child process or a token. As many workers as cores keeps both busy.
    maxWorkers: os.availableParallelism(),
    globalSetup: ['test/support/global-setup.ts'],
  },
});
