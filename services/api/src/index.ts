export { buildServer } from './server.ts';
export type { ApiDependencies } from './server.ts';
export { planIntake } from './intake.ts';
export { DASHBOARD_PATH } from './dashboard.ts';
