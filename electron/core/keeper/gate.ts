// At most `limit` pieces of background work at once, the rest queued in arrival order. The timer's
// refreshes go through it, so a start with a thousand accounts due makes a steady stream of upstream
// calls (and store writes) rather than a thousand at once; a caller waiting on a token never queues here.
export const TIMER_CONCURRENCY = 8;

/** Queued work at which a wave is said to have started: more than a few timers falling due together. */
export const WAVE_QUEUE = 32;

/**
 * A wave: far more work queued at once than runs at once (a start with many accounts due, or their
 * tokens all due again together), from the moment the queue reaches WAVE_QUEUE until the gate is idle.
 */
export interface WaveHooks {
  started?(): void;
  /** The gate is idle again, after `ran` pieces of work since it last was. */
  ended?(ran: number): void;
}

export class Gate {
  private running = 0;
  /** Work started since the gate was last idle. */
  private ran = 0;
  private inWave = false;
  private readonly waiting: (() => void)[] = [];
  /** Keys queued or running: the same key is not queued twice. */
  private readonly keys = new Set<string>();

  constructor(
    private readonly limit = TIMER_CONCURRENCY,
    private readonly wave: WaveHooks = {},
  ) {}

  /** Runs work(key) when a place is free; a key already queued or running is not queued again. */
  run(key: string, work: () => Promise<unknown>): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const start = () => {
      this.running++;
      this.ran++;
      let p: Promise<unknown>;
      try {
        p = work();
      } catch {
        p = Promise.resolve();
      }
      void p
        .catch(() => undefined)
        .then(() => {
          this.running--;
          this.keys.delete(key);
          this.waiting.shift()?.();
          if (this.running === 0 && this.waiting.length === 0) this.idle();
        });
    };
    if (this.running < this.limit) return start();
    this.waiting.push(start);
    if (!this.inWave && this.waiting.length >= WAVE_QUEUE) {
      this.inWave = true;
      tell(() => this.wave.started?.());
    }
  }

  private idle(): void {
    const ran = this.ran;
    this.ran = 0;
    // Every idle moment is told (a wave, or a few refreshes): the listener judges what is a wave.
    this.inWave = false;
    tell(() => this.wave.ended?.(ran));
  }

  /** Work queued or running now (the dashboard and tests ask). */
  get size(): number {
    return this.keys.size;
  }
}

/** A hook's fault is its own: the gate goes on. */
function tell(hook: () => void): void {
  try {
    hook();
  } catch {
    // Nothing to undo.
  }
}
