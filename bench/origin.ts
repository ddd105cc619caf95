// The baseline for the upstream-call counts: the project's origin story, the token helper every
// service used to carry. "Read the cache file; if it is missing or expired, fetch from the token URL
// and write the cache file." No single-flight, no lock: that is the point of comparing against it.
import { readFile, writeFile } from 'node:fs/promises';

interface Cached {
  token: string;
  expiresAt: number;
}

export async function originToken(cacheFile: string, tokenUrl: string): Promise<string> {
  try {
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as Cached;
    if (typeof cached.token === 'string' && cached.expiresAt > Date.now()) return cached.token;
  } catch {
    // Missing or unreadable: fetch a new one.
  }
  const res = await fetch(tokenUrl);
  const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
  if (!body.access_token || !body.expires_in) throw new Error(`token URL answered ${JSON.stringify(body)}`);
  const fresh: Cached = { token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  await writeFile(cacheFile, JSON.stringify(fresh));
  return fresh.token;
}
