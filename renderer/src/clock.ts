// One 1-second tick for the whole page: every countdown derives its text from the same `now`, and
// only what is shown listens (the account list renders the rows in view, see AccountList). The
// tick stops while nothing listens and while the page is hidden. Nothing here asks the main process
// anything.
import { useSyncExternalStore } from 'react';

let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const subscribers = new Set<() => void>();

function tick(): void {
  now = Date.now();
  for (const s of subscribers) s();
}

const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/** Runs the interval while someone listens and the page can be seen. */
function schedule(): void {
  const wanted = subscribers.size > 0 && !hidden();
  if (wanted && timer === undefined) {
    timer = setInterval(tick, 1000);
  } else if (!wanted && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
  }
}

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    // Back in view: the countdowns catch up at once, then tick again.
    if (!hidden() && subscribers.size > 0) tick();
    schedule();
  });
}

function subscribe(onChange: () => void): () => void {
  if (subscribers.size === 0) now = Date.now();
  subscribers.add(onChange);
  schedule();
  return () => {
    subscribers.delete(onChange);
    schedule();
  };
}

const still = () => () => undefined;

/**
 * What `derive` makes of the local clock, re-read once a second while `live` (what does not count
 * down need not listen). A component re-renders only when the value it derives changes: a status
 * that stays "Valid" costs nothing on a tick. Derive a primitive (compared with Object.is).
 */
export function useClock<T extends string | number | boolean | null>(derive: (now: number) => T, live = true): T {
  return useSyncExternalStore(live ? subscribe : still, () => derive(now));
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
