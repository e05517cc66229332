import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { createDestinationTypeRegistry } from './destination-types/built-in.ts';
import { loadDestinationPlugins } from './destination-types/plugins.ts';
import type { DestinationTypeRegistry } from './destination-types/registry.ts';
import { RuleCache } from './rule-cache.ts';
import { SecretBox } from './secret-box.ts';

/**
 * What forwarding's routes, pipeline stage and delivery workers share in one process: the rule
 * cache (routes invalidate it), the secret box, the destination types (plugins add theirs with
 * `types.add`), and a signal that deliveries were queued.
 */
export class ForwardServices {
  readonly rules = new RuleCache();
  readonly types: DestinationTypeRegistry = createDestinationTypeRegistry();
  private readonly listeners = new Set<() => void>();

  private constructor(readonly secrets: SecretBox) {}

  /** Opens the secret box and loads the destination-type plugins (`DESTINATION_PLUGINS`). */
  static async open(db: Db, config: Config): Promise<ForwardServices> {
    const services = new ForwardServices(await SecretBox.open(db, config));
    await loadDestinationPlugins(services.types, config.destinationPlugins);
    return services;
  }

  /** Calls `listener` whenever deliveries become due in this process; returns the unsubscribe. */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  queued(): void {
    for (const listener of this.listeners) listener();
  }
}
