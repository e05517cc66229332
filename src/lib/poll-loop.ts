import type { Logger } from 'pino';
import { coerceError } from '../errors/index.ts';

/** A wait that can be cut short: `done` settles when the time is up or `wake` was called. */
export interface Sleep {
  readonly done: Promise<void>;
  wake(): void;
}

/** Waits `ms` on a timer; the default for PollLoop, which tests replace to step the loop by hand. */
export function timerSleep(ms: number): Sleep {
  let wake!: () => void;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, wake };
}

export interface PollLoopOptions {
  /**
   * One round of work. Resolves true when there may be more at once (the next round starts
   * without waiting); a throw is logged and counts as false.
   */
  readonly round: () => Promise<boolean>;
  /** How long to wait between rounds when nothing woke the loop. */
  readonly intervalMs: number;
  readonly logger: Pick<Logger, 'error'>;
  /** The log message of a round that threw. */
  readonly failure: string;
  readonly sleep?: (ms: number) => Sleep;
  /**
   * Wait `intervalMs` (or a wake) before the first round: for housekeeping that must not compete
   * with start-up, as the distribution heartbeat does.
   */
  readonly firstRoundAfterInterval?: boolean;
}

/**
 * The workers' poll loop: a round, then a wait of `intervalMs` that `wake` cuts short, until
 * stopped. Work committed in this process wakes the loop at once; the wait only bounds how late
 * work from elsewhere (another process, a retry coming due) is found. A round that throws is
 * logged and the loop goes on: a worker never dies of one failed poll.
 *
 * States: stopped → running (a round is under way) → sleeping → running …; `stop` from either
 * ends the wait and resolves once the round under way has finished. A `wake` during a round
 * makes the next one start without waiting, so work committed while a round read the queue is
 * never left for the timer.
 */
export class PollLoop {
  private running = false;
  private woken = false;
  private sleeping: Sleep | undefined;
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly options: PollLoopOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.loop();
  }

  /** Ends the wait, lets the round under way finish, and resolves once the loop has returned. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.done;
  }

  /** Skips the rest of the wait, or the next wait if a round is under way. */
  wake(): void {
    this.woken = true;
    this.sleeping?.wake();
  }

  private async loop(): Promise<void> {
    const { round, intervalMs, logger, failure, sleep = timerSleep } = this.options;
    if (this.options.firstRoundAfterInterval && this.running && !this.woken) {
      this.sleeping = sleep(intervalMs);
      await this.sleeping.done;
      this.sleeping = undefined;
    }
    while (this.running) {
      this.woken = false;
      let again = false;
      try {
        again = await round();
      } catch (error) {
        logger.error({ err: coerceError(error) }, failure);
      }
      if (again || !this.running || this.woken) continue;
      this.sleeping = sleep(intervalMs);
      await this.sleeping.done;
      this.sleeping = undefined;
    }
  }
}
