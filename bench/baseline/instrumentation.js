// Empty on purpose: without a file here, Next would pick up the storefront's instrumentation.ts
// from the workspace root (this fixture resolves its packages from the storefront's folder).
export function register() {}
