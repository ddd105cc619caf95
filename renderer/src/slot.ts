// A value outside React that components read with useSlot: what must outlive a component (an
// account's lab, probe and console as the user moves between tabs and accounts) lives in slots,
// and work that ends after the component is gone (a probe run, a console call) still lands there.
import { useSyncExternalStore } from 'react';

export type Update<T> = T | ((prev: T) => T);

export class Slot<T> {
  #value: T;
  readonly #listeners = new Set<() => void>();

  constructor(value: T) {
    this.#value = value;
  }

  readonly get = (): T => this.#value;

  readonly set = (next: Update<T>): void => {
    const value = typeof next === 'function' ? (next as (prev: T) => T)(this.#value) : next;
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const listener of [...this.#listeners]) listener();
  };

  /** Shallow-merges a patch into an object value. */
  readonly patch = (patch: Partial<T>): void => this.set((prev) => ({ ...prev, ...patch }));

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };
}

export function useSlot<T>(slot: Slot<T>): T {
  return useSyncExternalStore(slot.subscribe, slot.get, slot.get);
}
