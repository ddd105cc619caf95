// The memory a wave of refreshes grows, kept small and handed back. A start with a thousand
// accounts due (and the same thousand due together again two hours later) is a thousand token
// writes in a few seconds; V8 answers the objects that survive them by widening its young
// generation to its 32 MB maximum, and leaves the old one fragmented. Left alone, an idle server
// keeps all of it (measured: 110 MB resident two seconds after such a start, still 110 MB thirty
// seconds later, against 52 MB with one account), since V8's own memory reducer waits for
// allocation that an idle server never does. So, for the host processes (serve, the desktop):
// - while a wave runs, the young generation does not grow (V8's growth factor is read at each
//   growth; a request load outside waves grows it as usual, so the token endpoint keeps its speed);
// - once the wave is over, two full collections compact the old generation (a few milliseconds
//   each for a heap this size); the young generation may grow again after the last of them.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Refreshes in a wave below which nothing is collected: a handful of tokens grows nothing worth it. */
export const WAVE_MIN = 100;

/** When the collections run, after the wave's end. */
export const COLLECT_AFTER_MS: readonly number[] = [200, 1_000];

export interface Reclaimer {
  /** Many refreshes have queued at once: the young generation stays as it is until they are done. */
  waveStarted(): void;
  /** The keeper's timer refreshes are all done, after `refreshes` of them. */
  waveEnded(refreshes: number): void;
  close(): void;
}

export interface Heap {
  /** A full collection (V8's gc()). */
  collect(): void;
  /** Whether the young generation may grow (V8's --semi-space-growth-factor: 1 holds it, the usual one lets it). */
  growYoung(allowed: boolean): void;
}

/** V8's own default (and the least it accepts at start-up), or what the process was started with. */
function usualGrowthFactor(): number {
  for (const arg of process.execArgv) {
    const m = /^--semi[-_]space[-_]growth[-_]factor=(\d+)$/.exec(arg);
    if (m) return Math.max(2, Number(m[1]));
  }
  return 2;
}

let v8Heap: Heap | null | undefined;

/**
 * This process's V8 heap. gc() is V8's, as --expose-gc gives it, turned on here at first use for
 * contexts made from then on (the main context's globals stay as they are). null where the
 * runtime offers neither.
 */
export function processHeap(): Heap | null {
  if (v8Heap !== undefined) return v8Heap;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    const usual = usualGrowthFactor();
    v8Heap =
      typeof gc === 'function'
        ? {
            collect: () => (gc as () => void)(),
            growYoung: (allowed) => setFlagsFromString(`--semi-space-growth-factor=${allowed ? usual : 1}`),
          }
        : null;
  } catch {
    v8Heap = null;
  }
  return v8Heap;
}

/** The heap and the timers are injectable (tests). A later large wave's end replaces the collections still to come. */
export function reclaimer(heap: Heap | null = processHeap(), schedule = (fn: () => void, ms: number) => setTimeout(fn, ms).unref()): Reclaimer {
  let timers: ReturnType<typeof setTimeout>[] = [];
  let holding = false;
  const cancel = () => {
    for (const t of timers) clearTimeout(t);
    timers = [];
  };
  const release = () => {
    if (!holding) return;
    holding = false;
    heap?.growYoung(true);
  };
  return {
    waveStarted() {
      if (!heap || holding) return;
      holding = true;
      heap.growYoung(false);
    },
    waveEnded(refreshes) {
      if (!heap || refreshes < WAVE_MIN) return release();
      cancel();
      // The young generation is held until the last collection: let grow at once, the first
      // collection's survivors (the wave's last writes) would widen it again.
      const last = COLLECT_AFTER_MS.length - 1;
      timers = COLLECT_AFTER_MS.map((ms, i) =>
        schedule(() => {
          heap.collect();
          if (i === last) release();
        }, ms),
      );
    },
    close() {
      cancel();
      release();
    },
  };
}
