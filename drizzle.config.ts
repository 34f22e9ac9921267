import { defineConfig } from 'drizzle-kit';

// Generation only needs the dialect; the app applies migrations itself (lib/db/open.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './lib/db/migrations',
});
