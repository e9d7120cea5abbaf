import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns every schema.ts into a reviewed, append-only SQL migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/*/schema.ts', './src/modules/*/schema.ts'],
  out: './migrations',
});
