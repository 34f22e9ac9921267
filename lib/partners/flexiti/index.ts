import 'server-only';

/**
 * Flexiti's door for server code (docs/partners/flexiti.md): the client the rest of the app calls
 * (`flexitiClient().authorize(…)`; a fresh `new FlexitiClient(settingsFromConfig())` for the health
 * checks: widget sessions, applications, authorizations, capture, release, returns), its app types,
 * plus everything of ./browser.ts (the provinces Flexiti takes, the widget's messages and its
 * height, which browser code imports from there). Errors extend PartnerError (`retryable`,
 * `outcomeUnknown`).
 */
export { FlexitiClient, flexitiClient, settingsFromConfig } from './client';
export { newFlexitiReferenceId } from './call';
export type * from './types';
export { declineOf, refusedFields, type DeclineReason } from './decline';
export { FlexitiError, isFlexitiError } from './errors';
export * from './browser';
