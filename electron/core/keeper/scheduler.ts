// One timer per account. Every plan is clamped between a floor and a ceiling, so no outcome, an
// unexpected exception included, can make an account fire in a loop:
// - floor: an account fires at most once per FLOOR_MS, whatever it is planned for;
// - ceiling: nothing is planned further than CEILING_MS ahead (held accounts are looked at again);
// - slices: a timer waits at most SLICE_MS before checking the wall clock again, so a machine that
//   slept past a deadline acts when it wakes, and no delay comes near setTimeout's 2^31 ms limit;
// - a time that is not a number (a record of the wrong type got through) is refused: it would pass
//   Math.max and the clamp as NaN, and setTimeout(fn, NaN) fires after 1 ms, for ever. It is
//   planned for the floor instead, and reported.
import { unrefTimer, type Clock, type TimerHandle } from '../clock';

export const FLOOR_MS = 1_000;
export const CEILING_MS = 6 * 3600_000;
export const SLICE_MS = 30_000;

interface Slot {
  timer?: TimerHandle;
  /** The time the account is planned for (after clamping). */
  at: number;
  lastFiredAt: number;
}

export class Scheduler {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: string) => void,
    private readonly onInvalid: (key: string, at: unknown) => void = () => undefined,
  ) {}

  /** Plans `key` for `at` (Infinity: only the ceiling's look); returns the time it is planned for. */
  plan(key: string, at: number): number {
    const slot = this.slots.get(key) ?? { at: 0, lastFiredAt: Number.NEGATIVE_INFINITY };
    this.slots.set(key, slot);
    if (slot.timer !== undefined) this.clock.clearTimeout(slot.timer);
    const now = this.clock.now();
    if (typeof at !== 'number' || Number.isNaN(at)) {
      this.onInvalid(key, at);
      at = Number.NEGATIVE_INFINITY;
    }
    slot.at = Math.min(Math.max(at, slot.lastFiredAt + FLOOR_MS, now), now + CEILING_MS);
    this.arm(key, slot);
    return slot.at;
  }

  /** When `key` is planned for, if it is. */
  plannedAt(key: string): number | undefined {
    return this.slots.get(key)?.at;
  }

  cancel(key: string): void {
    const slot = this.slots.get(key);
    if (slot?.timer !== undefined) this.clock.clearTimeout(slot.timer);
    this.slots.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.slots.keys()]) this.cancel(key);
  }

  keys(): string[] {
    return [...this.slots.keys()];
  }

  private arm(key: string, slot: Slot): void {
    const delay = Math.max(0, slot.at - this.clock.now());
    slot.timer = this.clock.setTimeout(() => {
      slot.timer = undefined;
      if (this.slots.get(key) !== slot) return;
      // Woken early by the slice: wait the rest (always more than zero).
      if (this.clock.now() < slot.at) return this.arm(key, slot);
      slot.lastFiredAt = this.clock.now();
      this.onDue(key);
    }, Math.min(delay, SLICE_MS));
    unrefTimer(slot.timer);
  }
}
