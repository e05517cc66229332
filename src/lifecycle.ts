import type { Logger } from 'pino';
import { coerceError } from './errors/index.ts';

/**
 * When a service starts. `boot` services run as soon as the runtime is built (timers that keep
 * the process tidy); `workers` start with `startWorkers()` or `listen()`; `serve` only with
 * `listen()` (work that tests drive by hand, such as the distribution heartbeat). A service with
 * no `start` runs from its construction (the database, the inbox writer) and is only stopped.
 */
export type StartPhase = 'boot' | 'workers' | 'serve';

const PHASES: readonly StartPhase[] = ['boot', 'workers', 'serve'];

/** One background service the runtime owns. */
export interface Service {
  /** Names the service in logs: `stopping "inbox worker" failed`. */
  readonly name: string;
  readonly phase?: StartPhase;
  start?(): void;
  stop(): Promise<void> | void;
}

/**
 * The runtime's background services in one list, replacing a hand-kept shutdown order.
 *
 * States: each service is `registered` → `started` (at most once, when its phase comes) →
 * `stopped`. The list itself is `open` until `stop()`, then `stopping`: a second `stop()` returns
 * the same promise, and `start()` does nothing any more.
 *
 * Services start in the order they were added and stop in the reverse order, so a service is
 * added after what it depends on: the database first, the HTTP app (closed first, so no new work
 * arrives) last. Every service is stopped, started or not (a worker that never ran stops at
 * once); one whose stop throws is logged and the others still stop, as graphile-worker's
 * graceful shutdown does.
 */
export class Lifecycle {
  private readonly services: Service[] = [];
  private readonly started = new Set<Service>();
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Adds a service; returns it, so construction and registration read as one line. */
  add<S extends Service>(service: S): S {
    this.services.push(service);
    return service;
  }

  /** Starts, in order, every service not started yet whose phase is `upTo` or earlier. */
  start(upTo: StartPhase): void {
    if (this.stopping) return;
    const last = PHASES.indexOf(upTo);
    for (const service of this.services) {
      if (!service.start || this.started.has(service)) continue;
      if (PHASES.indexOf(service.phase ?? 'boot') > last) continue;
      this.started.add(service);
      service.start();
    }
  }

  /** Stops every service in reverse order; never rejects (failures are logged). */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    for (const service of [...this.services].reverse()) {
      try {
        await service.stop();
      } catch (error) {
        this.logger.error({ err: coerceError(error), service: service.name }, `stopping "${service.name}" failed`);
      }
    }
  }
}
