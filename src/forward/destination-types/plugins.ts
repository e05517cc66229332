import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DestinationTypeRegistry } from './registry.ts';

/** What a destination plugin receives: the registry to add its types to. */
export interface DestinationPluginApi {
  readonly types: DestinationTypeRegistry;
}

/** A plugin module (listed in `DESTINATION_PLUGINS`) default-exports this. */
export type DestinationPlugin = (api: DestinationPluginApi) => void | Promise<void>;

/**
 * Imports each plugin module (paths relative to the working directory) and lets it add its
 * types, as attribution plugins add their event factories. A module that does not default-export
 * a function, or whose type is invalid or a duplicate, stops the start with the reason.
 */
export async function loadDestinationPlugins(types: DestinationTypeRegistry, paths: readonly string[]): Promise<void> {
  // A plugin written in TypeScript loads under `npm start` (compiled JavaScript, no tsx) too.
  if (import.meta.url.endsWith('.js') && paths.some((path) => /\.[cm]?ts$/.test(path))) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  for (const path of paths) {
    const module = (await import(pathToFileURL(resolve(path)).href)) as { default?: unknown };
    if (typeof module.default !== 'function') throw new Error(`destination plugin ${path} must default-export a function`);
    await (module.default as DestinationPlugin)({ types });
  }
}
