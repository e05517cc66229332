import type { InboxStatus } from '../db/index.ts';

export interface ProcessingOutcome {
  id: string;
  status: InboxStatus;
  eventId: string | null;
  error: string | null;
}

const FINAL: ReadonlySet<InboxStatus> = new Set(['processed', 'blocked', 'failed']);

/**
 * Lets a sync-mode request wait for its event to be processed. A worker in this process settles
 * waiters at once; when another process does the work, the periodic look-up finds the outcome.
 */
export class ProcessingWaiters {
  private readonly waiters = new Map<string, Set<(outcome: ProcessingOutcome) => void>>();

  constructor(
    private readonly lookup: (ids: string[]) => Promise<ProcessingOutcome[]>,
    private readonly pollMs = 100,
  ) {}

  /** Resolves with each row's outcome once final, or with what is known when the timeout passes. */
  async waitAll(ids: string[], timeoutMs: number): Promise<Map<string, ProcessingOutcome>> {
    const done = new Map<string, ProcessingOutcome>();
    const pending = new Set(ids);
    let wake: () => void = () => {};
    const listeners = new Map<string, (outcome: ProcessingOutcome) => void>();
    for (const id of ids) {
      const listener = (outcome: ProcessingOutcome) => {
        done.set(id, outcome);
        pending.delete(id);
        if (pending.size === 0) wake();
      };
      listeners.set(id, listener);
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      set.add(listener);
    }
    const deadline = Date.now() + timeoutMs;
    try {
      while (pending.size > 0 && Date.now() < deadline) {
        for (const outcome of await this.lookup([...pending])) {
          if (FINAL.has(outcome.status) && pending.has(outcome.id)) {
            done.set(outcome.id, outcome);
            pending.delete(outcome.id);
          }
        }
        if (pending.size === 0) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(this.pollMs, Math.max(0, deadline - Date.now()))).unref();
        });
      }
      if (pending.size > 0) for (const outcome of await this.lookup([...pending])) done.set(outcome.id, outcome);
      return done;
    } finally {
      for (const [id, listener] of listeners) {
        const set = this.waiters.get(id);
        set?.delete(listener);
        if (set?.size === 0) this.waiters.delete(id);
      }
    }
  }

  settle(outcomes: ProcessingOutcome[]): void {
    if (this.waiters.size === 0) return;
    for (const outcome of outcomes) {
      if (!FINAL.has(outcome.status)) continue;
      for (const listener of this.waiters.get(outcome.id) ?? []) listener(outcome);
    }
  }
}
