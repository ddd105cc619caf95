// One 1-second tick for the whole page: every countdown derives its text from the same `now`.
// Nothing here asks the main process anything.
import { useSyncExternalStore } from 'react';

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const subscribers = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const s of subscribers) s();
}

function subscribe(onChange: () => void): () => void {
  subscribers.add(onChange);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(tick, 1000);
  }
  return () => {
    subscribers.delete(onChange);
    if (subscribers.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The local clock, re-read once a second while anything shows a countdown. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** H:MM:SS (or M:SS under an hour) for a positive duration. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** The last 5 minutes before expiry: WeChat's overlap window, shown amber. */
export const SOON_MS = 5 * 60_000;
