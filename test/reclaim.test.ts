// Waves of refreshes and the memory they grow (issue 18): the gate tells when many timer refreshes
// queue at once and when they are all done; the reclaimer holds V8's young generation meanwhile and
// compacts the heap once the wave is over. The gate and the reclaimer are tested with their own
// timing injected; the V8 side against this very process's heap.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { Gate, TIMER_CONCURRENCY, WAVE_QUEUE } from '../electron/core/keeper/gate';
import { COLLECT_AFTER_MS, processHeap, reclaimer, WAVE_MIN, type Heap } from '../electron/host/reclaim';

/** Work that ends when the test says so. */
function held() {
  const ends: (() => void)[] = [];
  const work = () => new Promise<void>((resolve) => ends.push(resolve));
  const endAll = async () => {
    while (ends.length) {
      for (const end of ends.splice(0)) end();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { work, endAll };
}

describe('the gate tells of waves', () => {
  it('a wave starts when WAVE_QUEUE refreshes wait, once, and ends when all are done, with how many ran', async () => {
    const told: string[] = [];
    const gate = new Gate(TIMER_CONCURRENCY, { started: () => told.push('start'), ended: (n) => told.push(`end ${n}`) });
    const { work, endAll } = held();
    for (let i = 0; i < TIMER_CONCURRENCY + WAVE_QUEUE - 1; i++) gate.run(`a${i}`, work);
    expect(told).toEqual([]);
    for (let i = 0; i < 100; i++) gate.run(`b${i}`, work);
    expect(told).toEqual(['start']);
    await endAll();
    expect(told).toEqual(['start', `end ${TIMER_CONCURRENCY + WAVE_QUEUE - 1 + 100}`]);
    // A few refreshes later: no start, an end with their count.
    gate.run('c', work);
    gate.run('d', work);
    await endAll();
    expect(told.slice(2)).toEqual(['end 2']);
  });

  it('a hook that throws does not stop the gate', async () => {
    const gate = new Gate(1, {
      ended: () => {
        throw new Error('listener fault');
      },
    });
    let ran = 0;
    gate.run('a', async () => void ran++);
    await new Promise((r) => setImmediate(r));
    gate.run('b', async () => void ran++);
    await new Promise((r) => setImmediate(r));
    expect(ran).toBe(2);
    expect(gate.size).toBe(0);
  });
});

/** A heap that records what it is told, and timers the test runs. */
function fakes() {
  const calls: string[] = [];
  const heap: Heap = { collect: () => calls.push('collect'), growYoung: (allowed) => calls.push(allowed ? 'grow' : 'hold') };
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const schedule = (fn: () => void, ms: number) => {
    const t = { fn, ms, cancelled: false };
    timers.push(t);
    return t as unknown as ReturnType<typeof setTimeout>;
  };
  const runTimers = () => {
    for (const t of timers.splice(0).sort((a, b) => a.ms - b.ms)) if (!t.cancelled) t.fn();
  };
  return { calls, heap, timers, schedule, runTimers };
}

describe('the reclaimer', () => {
  it('holds the young generation through a wave, collects after a large one, and lets it grow after the last collection', () => {
    const f = fakes();
    const r = reclaimer(f.heap, f.schedule);
    r.waveStarted();
    r.waveStarted();
    expect(f.calls).toEqual(['hold']);
    r.waveEnded(WAVE_MIN);
    expect(f.timers.map((t) => t.ms)).toEqual([...COLLECT_AFTER_MS]);
    // Still held until the collections are done: the first one's survivors would widen it again.
    expect(f.calls).toEqual(['hold']);
    f.runTimers();
    expect(f.calls).toEqual(['hold', ...COLLECT_AFTER_MS.map(() => 'collect'), 'grow']);
  });

  it('a small wave lets the young generation grow at once and collects nothing', () => {
    const f = fakes();
    const r = reclaimer(f.heap, f.schedule);
    r.waveStarted();
    r.waveEnded(WAVE_MIN - 1);
    expect(f.calls).toEqual(['hold', 'grow']);
    expect(f.timers).toEqual([]);
    // An end without a start (a few refreshes): nothing held, nothing to let go.
    r.waveEnded(3);
    expect(f.calls).toEqual(['hold', 'grow']);
  });

  it('close cancels the collections still to come and lets the young generation grow', () => {
    const f = fakes();
    const timers: ReturnType<typeof setTimeout>[] = [];
    const r = reclaimer(f.heap, (fn, ms) => {
      const t = setTimeout(fn, ms);
      timers.push(t);
      return t;
    });
    r.waveStarted();
    r.waveEnded(WAVE_MIN * 10);
    r.close();
    expect(f.calls).toEqual(['hold', 'grow']);
    for (const t of timers) clearTimeout(t);
  });

  it('without a heap to work on (a runtime without gc()), it does nothing', () => {
    const r = reclaimer(null);
    r.waveStarted();
    r.waveEnded(WAVE_MIN * 10);
    r.close();
  });
});

describe("this process's V8 heap", () => {
  const youngMb = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 1048576;

  /** Allocates with many survivors, as a wave of token writes does: what makes V8 widen the young generation. */
  function burst(): number {
    let keep: object[] = [];
    let n = 0;
    for (let i = 0; i < 1_500_000; i++) {
      keep.push({ i, s: `x${i}` });
      if (keep.length > 100_000) {
        n += keep.length;
        keep = [];
      }
    }
    return n + keep.length;
  }

  it('held, the young generation does not grow through a burst of survivors; let go, it does', () => {
    const heap = processHeap();
    expect(heap).not.toBeNull();
    heap!.collect();
    heap!.growYoung(false);
    try {
      const before = youngMb();
      burst();
      expect(youngMb()).toBeLessThanOrEqual(before);
    } finally {
      heap!.growYoung(true);
    }
    burst();
    burst();
    expect(youngMb()).toBeGreaterThan(2);
  });
});
