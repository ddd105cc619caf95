// The window as data: its secure options, and its last size and place restored only where a display
// still shows it (a monitor unplugged since must not leave the window off screen).
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { WindowState } from '../core/state/records';

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 860, height: 560 };

/** Size and place to open with: the saved ones when they fit a display's work area, else the default, centred. */
export function restoredBounds(saved: WindowState | undefined, workAreas: readonly Rectangle[]): { bounds: Partial<Rectangle> & { width: number; height: number }; maximized: boolean } {
  if (!saved || !Number.isFinite(saved.width) || !Number.isFinite(saved.height)) return { bounds: { ...DEFAULT_SIZE }, maximized: false };
  const width = Math.max(MIN_SIZE.width, Math.round(saved.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.height));
  const placed = saved.x !== undefined && saved.y !== undefined && Number.isFinite(saved.x) && Number.isFinite(saved.y);
  // Visible enough to grab: its title bar area (100 × 40 px at the top left) lies on a display.
  const onScreen = placed && workAreas.some((a) => overlap(a, { x: saved.x!, y: saved.y!, width: Math.min(width, 100), height: 40 }) >= 100 * 40 * 0.5);
  const fits = workAreas.some((a) => a.width >= width && a.height >= height);
  const bounds = fits ? { width, height } : { ...DEFAULT_SIZE };
  return { bounds: onScreen && fits ? { ...bounds, x: Math.round(saved.x!), y: Math.round(saved.y!) } : bounds, maximized: saved.maximized === true };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** What is saved when the window closes: the normal (not maximized) bounds, and whether it was maximized. */
export function windowStateOf(normalBounds: Rectangle, maximized: boolean): WindowState {
  return { x: normalBounds.x, y: normalBounds.y, width: normalBounds.width, height: normalBounds.height, maximized };
}

/**
 * The window's size, place, limits and title. Its webPreferences (sandboxed, isolated, no Node, no
 * webviews, our session) stay written out where desktop/window.ts creates the window, where Electronegativity's
 * static scan checks them.
 */
export function windowOptions(bounds: Partial<Rectangle> & { width: number; height: number }, icon?: string): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'WxDesk',
    show: false,
    ...(icon ? { icon } : {}),
  };
}
