// The drizzle schema, one file per domain, re-exported here (drizzle.config.ts points at this).
export * from './store';
export * from './outbox';
export * from './integration-calls';
export * from './ops';
export * from './sandbox-common';
export * from './sandbox-ultra-oms';
export * from './sandbox-opentv';
export * from './sandbox-flexiti';
export * from './sandbox-ultra';
export * from './checkout';
export * from './fulfilment';
export * from './security';
export * from './seed-state';
