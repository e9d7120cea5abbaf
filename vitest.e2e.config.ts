import { defineConfig } from 'vitest/config';

// Browser journeys against the real server (`node bin/cpdt.mjs start`) in Debian's Chromium.
// Build the web app first: npx vite build --config web/vite.config.ts
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
