import { resolveConfig } from '@newsflow/config';
import type { RendererConfig } from '../../src/create-renderer.ts';

/** The renderer's settings as the environment schema gives them, with the test's overrides. */
export function rendererConfig(overrides: Partial<RendererConfig> = {}): RendererConfig {
  return { ...resolveConfig({}), ...overrides };
}
