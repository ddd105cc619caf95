// One way to compare a presented credential (an AppSecret, a token, the dashboard key) with the one
// held: SHA-256 digests compared in constant time, so neither the length nor the first differing
// character of the held value shows in how long a refusal takes.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Digests by the text they were made from: a caller's service presents the same credential on
 * every request, so it is hashed once, not per request. A lookup here tells nothing about the held
 * value (it finds only texts that were presented before); the comparison itself stays constant-time.
 */
const digests = new Map<string, Buffer>();

function digestOf(text: string): Buffer {
  let d = digests.get(text);
  if (!d) {
    if (digests.size >= 256) digests.clear();
    d = createHash('sha256').update(text).digest();
    digests.set(text, d);
  }
  return d;
}

/** True when `given` is exactly `held`, in time that does not depend on where they differ. */
export function sameText(given: string, held: string): boolean {
  return timingSafeEqual(digestOf(given), digestOf(held));
}
