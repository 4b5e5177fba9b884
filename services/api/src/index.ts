export { buildServer } from './server.ts';
export type { ApiDependencies } from './server.ts';
export { planIntake } from './intake.ts';
export { DASHBOARD_PATH } from './dashboard.ts';
export { startTestStack } from './test-stack.ts';
export type { TestStack } from './test-stack.ts';
export type { SubmitDiscovery, DiscoveryRequest, DiscoveryReceipt } from './discovery-port.ts';
export { DiscoveryUnavailableError } from './discovery-port.ts';
export { articleDocument, seedStoryDocuments } from './test-fixtures.ts';
