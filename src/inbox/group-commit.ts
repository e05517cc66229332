/**
 * Group commit: requests that arrive in the same event-loop turn share one database transaction,
 * so one fsync acknowledges many requests. A request's promise settles only after the transaction
 * that holds it has committed (or failed), which is what makes a 2xx durable.
 *
 * States: idle → scheduled (setImmediate pending) → flushing → idle, or → scheduled again when
 * requests arrived during the flush. At most one flush runs at a time: with SQLite there is one
 * writer anyway, and while a flush runs the next batch grows, which is the point.
 */
export class GroupCommit<Request, Result> {
  private queue: Array<{ request: Request; resolve: (r: Result) => void; reject: (e: unknown) => void }> = [];
  private scheduled = false;
  private flushing = false;
  private idleWaiters: Array<() => void> = [];

  /**
   * @param commit writes every request in one transaction and returns one result per request,
   *   in order; an Error in a slot fails only that request, a throw fails them all.
   */
  constructor(
    private readonly commit: (requests: Request[]) => Promise<Array<Result | Error>>,
    private readonly maxRequestsPerFlush = 5_000,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything submitted so far has been committed or failed. */
  async drain(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
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
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
