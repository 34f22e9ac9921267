import 'server-only';
import { getConfig } from '@/lib/config';
import { createFlexitiClient } from './client';

/**
 * Flexiti's door for server code (docs/partners/flexiti.md): the client (widget sessions,
 * applications, authorizations, capture, release, returns), plus everything of ./browser.ts (the
 * provinces Flexiti takes, the widget's messages and its height, which browser code imports from
 * there). Errors extend PartnerError (`retryable`, `outcomeUnknown`).
 */
export {
  createFlexitiClient,
  getFlexitiClient,
  newFlexitiReferenceId,
  type FlexitiAuthorization,
  type FlexitiClient,
  type FlowContext,
} from './client';
export { declineOf, refusedFields, type DeclineReason } from './decline';
export { FlexitiError } from './errors';
export * from './browser';

/** For the health page: a fresh merchant token from a new client (the app's cached one is not touched). Throws if refused. */
export async function checkCredentials(): Promise<void> {
  const { flexiti } = getConfig();
  await createFlexitiClient({
    baseUrl: flexiti.baseUrl,
    clientId: flexiti.clientId,
    clientSecret: flexiti.clientSecret,
  }).merchantToken();
}
