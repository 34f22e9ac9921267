/**
 * What tests of the core need from the partner sandboxes (personas, the clock, faults, the
 * Flexiti test API, the sandbox's own validators to compare with), in one place under test/: the
 * core under lib/ never imports lib/sandbox, its tests included (eslint.config.mjs).
 */
export { advanceClock, clockOffsetMs } from '@/lib/sandbox/clock';
export { clearForcedError, findPreset, forceError } from '@/lib/sandbox/controls';
export { queueFaults } from '@/lib/sandbox/fault-queue';
export { FLEXITI_ANSWER_SHAPES, setSandboxOption, setSandboxOptions, ULTRA_ANSWER_STYLES } from '@/lib/sandbox/options';
export { flexitiApi } from './flexiti-api';
export { validateWidgetInit } from '@/lib/sandbox/flexiti/validation';
export { setWebhookRetryTimer } from '@/lib/sandbox/opentv/webhook-delivery';
export { identityTokenFor, PERSONAS } from '@/lib/sandbox/ultra/personas';
export { publicKeyOf, verifySecureToken } from '@/lib/sandbox/ultra/secure-token';
