/**
 * Group commit: requests that arrive in the same event-loop turn share one database transaction,
 * so one fsync acknowledges many requests. A request's promise settles only after the transaction
 * that holds it has committed (or failed), which is what makes a 2xx durable.
 *
 * States: idle → scheduled (setImmediate pending) → flushing → idle, or → scheduled again when
 * requests arrived during the flush. By default one flush runs at a time: while it runs the next
 * batch grows, which is the point. A commit that ends with a wait the CPU plays no part in (the
 * WAL fsync of SQLite at FULL) may allow a second flush to start during that wait; the commit
 * function then serialises its writes itself.
 */
export class GroupCommit<Request, Result> {
  private queue: Array<{ request: Request; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private flushing = 0;
  private idleWaiters: Array<() => void> = [];

  /**
   * @param commit writes every request in one transaction and returns one result per request,
   *   in order; an Error in a slot fails only that request, a throw fails them all.
   */
  constructor(
    private readonly commit: (requests: Request[]) => Promise<Array<Result | Error>>,
    private readonly maxRequestsPerFlush = 5_000,
    private readonly maxConcurrentFlushes = 1,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything submitted so far has been committed or failed. */
  async drain(): Promise<void> {
    if (this.flushing === 0 && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing >= this.maxConcurrentFlushes) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing += 1;
    const batch = this.queue.splice(0, this.maxRequestsPerFlush);
    try {
      const results = await this.commit(batch.map((entry) => entry.request));
      batch.forEach((entry, i) => {
        const result = results[i];
        if (result instanceof Error) entry.reject(result);
        else entry.resolve(result as Result);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.flushing -= 1;
      if (this.queue.length > 0) this.schedule();
      else if (this.flushing === 0 && !this.scheduled) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
