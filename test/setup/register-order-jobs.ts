import { registerOrderJobs } from '@/lib/orders/jobs';

/**
 * Vitest setup (vitest.config.mts): the orders' outbox jobs, registered as the app's start-up
 * does (lib/server-start.ts), so a test that runs the outbox finds every job kind.
 */
registerOrderJobs();
