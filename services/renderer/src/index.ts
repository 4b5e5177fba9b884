export { createRenderer } from './create-renderer.ts';
export type { Renderer, RendererConfig } from './create-renderer.ts';
export { createRenderStage } from './handle-render.ts';
export { startGuardProxy } from './guard-proxy.ts';
export type { GuardProxy } from './guard-proxy.ts';
