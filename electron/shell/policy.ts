// The desktop shell's security decisions, as plain functions (tested in Node; electron/main.ts only
// wires them): which permission our page may have, where a window may navigate, where Chromium's
// own profile lives.
import type { PreloadScriptRegistration } from 'electron';
import { basename, dirname, join } from 'node:path';

/**
 * One permission is granted, and to our own page only: writing the clipboard (the Copy buttons and
 * "Copy IP" use navigator.clipboard.writeText, which Chromium gates behind it). Everything else,
 * reading the clipboard included, is denied.
 */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, pageUrl: string): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  return sameOrigin(requestingUrl, pageUrl);
}

/** Our one page, in any frame, by any route (a link, a frame's own navigation, a redirect). */
export function navigationAllowed(url: string, pageUrl: string): boolean {
  return url === pageUrl;
}

function sameOrigin(url: string | undefined, pageUrl: string): boolean {
  if (!url) return false;
  try {
    const a = new URL(url);
    const b = new URL(pageUrl);
    // Custom schemes have an opaque origin ('null'): compare scheme and host instead.
    return a.protocol === b.protocol && a.host === b.host;
  } catch {
    return false;
  }
}

/**
 * Chromium's profile (caches, GPU cache, local storage, its lock files) goes beside the data folder,
 * never inside it: the data folder holds the secrets and stays small, private and easy to back up.
 */
export function sessionDataDir(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)} Chromium`);
}

/** Links the page may open in the system browser: WeChat's documentation (the console's Docs links), over https only. */
export function externalDocLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname === 'developers.weixin.qq.com' && u.username === '' && u.password === '' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The preload's registration on the window's session: it runs only in frames showing our own scheme
 * and host (a match pattern, `wxdesk://app/*`; the scheme is registered as standard, which `matches`
 * needs). Without `matches` it would run for every URL the session ever loads.
 */
export function preloadRegistration(filePath: string, pageUrl: string): PreloadScriptRegistration {
  const page = new URL(pageUrl);
  return { type: 'frame', id: 'wxdesk-preload', filePath, matches: [`${page.protocol}//${page.host}/*`] };
}
