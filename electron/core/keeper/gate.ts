// At most `limit` pieces of background work at once, the rest queued in arrival order. The timer's
// refreshes go through it, so a start with a thousand accounts due makes a steady stream of upstream
// calls (and store writes) rather than a thousand at once; a caller waiting on a token never queues here.
export const TIMER_CONCURRENCY = 8;

export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Keys queued or running: the same key is not queued twice. */
  private readonly keys = new Set<string>();

  constructor(private readonly limit = TIMER_CONCURRENCY) {}

  /** Runs work(key) when a place is free; a key already queued or running is not queued again. */
  run(key: string, work: () => Promise<unknown>): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const start = () => {
      this.running++;
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
        });
    };
    if (this.running < this.limit) start();
    else this.waiting.push(start);
  }

  /** Work queued or running now (the dashboard and tests ask). */
  get size(): number {
    return this.keys.size;
  }
}
