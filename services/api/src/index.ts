export { buildServer } from './server.ts';
export type { ApiDependencies } from './server.ts';
export { planIntake } from './intake.ts';
export { DASHBOARD_PATH } from './dashboard.ts';
export type { SubmitDiscovery, DiscoveryRequest, DiscoveryReceipt } from './discovery-port.ts';
export { DiscoveryUnavailableError } from './discovery-port.ts';
export { escapeHtml, renderHighlight, html } from './pages/html.ts';
export { InsecureBindError } from './auth.ts';
