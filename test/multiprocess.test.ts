// Several WxDesk processes on one data dir (the desktop app, `wxdesk serve`, a script running
// `wxdesk token`) make one upstream call between them: a lock file serialises the refresh and the
// waiters find the new token in the shared store. The fake answers slowly so the processes overlap.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../electron/core/services';
import type { HistoryEntry, TokenMode } from '../electron/core/state/records';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, BIN, SECRET, cliEnv, ensureBuilt, makeCore, removeTempDirs, startServe, wxdesk, type Served, stopServed } from './fixtures/core';

const TOKEN_LINE = /^[A-Za-z0-9_-]{140}\n$/;
/** Long enough that processes started together are all waiting while the first call is out. */
const SLOW = { delayMs: 700 };

let fake: FakeWeChat;
const served: Served[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

beforeEach(async () => {
  fake = await FakeWeChat.start();
});

afterEach(async () => {
  await stopServed(served);
  await fake.close();
});

afterAll(() => removeTempDirs());

/** A data dir with one cold account pointed at the fake (no token stored yet). */
async function coldDataDir(mode: TokenMode): Promise<string> {
  const core = makeCore({ fake, mode });
  await core.close();
  return core.dataDir;
}

function history(dataDir: string): HistoryEntry[] {
  const core = createCore({ dataDir });
  try {
    return core.keeper.history(APPID);
  } finally {
    void core.close();
  }
}

function storedToken(dataDir: string): string | undefined {
  const core = createCore({ dataDir });
  try {
    return core.backend.entry(APPID)?.token?.token;
  } finally {
    void core.close();
  }
}

describe('one upstream call across processes', () => {
  for (const mode of ['stable', 'classic'] as const) {
    it(`three \`wxdesk token\` started at once on a cold ${mode} account`, async () => {
      const dir = await coldDataDir(mode);
      fake.fail(SLOW);
      const runs = await Promise.all([wxdesk(dir, ['token']), wxdesk(dir, ['token']), wxdesk(dir, ['token'])]);
      for (const r of runs) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(TOKEN_LINE);
      }
      expect(new Set(runs.map((r) => r.stdout)).size).toBe(1);
      expect(fake.count()).toBe(1);
      const token = runs[0]!.stdout.trimEnd();
      expect(fake.isValid(token)).toBe(true);
      expect(storedToken(dir)).toBe(token);
      // One process fetched; the others waited on the lock and took its token (not the cache
      // before the race: that would mean the processes never overlapped and this test proved nothing).
      const h = history(dir);
      expect(h.filter((e) => e.outcome === 'ok')).toHaveLength(1);
      expect(h.filter((e) => e.outcome === 'reused').length).toBeGreaterThanOrEqual(1);
      expect(h.filter((e) => e.outcome === 'error')).toEqual([]);
    });
  }

  it('`wxdesk serve` refreshing on start and a `wxdesk token` at the same moment', async () => {
    const dir = await coldDataDir('classic');
    // Longer: the token process starts only once serve has printed its address.
    fake.fail({ delayMs: 1_200 });
    const s = await startServe(dir);
    served.push(s);
    // serve's own start-up refresh is out now (held by the fake).
    const one = await wxdesk(dir, ['token']);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(TOKEN_LINE);
    const res = await request(`${s.info.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`);
    const answer = (await res.body.json()) as { access_token: string };
    expect(answer.access_token).toBe(one.stdout.trimEnd());
    expect(fake.count()).toBe(1);
    expect(fake.isValid(answer.access_token)).toBe(true);
    const h = history(dir);
    expect(h.filter((e) => e.outcome === 'ok')).toHaveLength(1);
    expect(h.filter((e) => e.outcome === 'reused')).toHaveLength(1);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  });

  it('an in-process keeper and a `wxdesk token` process at once', async () => {
    const core = makeCore({ fake, mode: 'stable' });
    try {
      fake.fail(SLOW);
      const [rec, run] = await Promise.all([core.keeper.get(APPID), wxdesk(core.dataDir, ['token'])]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${rec.token}\n`);
      expect(fake.count()).toBe(1);
    } finally {
      await core.close();
    }
  });

  it('a process killed while holding the lock does not block the next one', async () => {
    const dir = await coldDataDir('stable');
    fake.fail('hang');
    // The first process hangs upstream holding the lock; kill it hard, as a crash would.
    const child = spawn(process.execPath, [BIN, '--data-dir', dir, 'token'], { env: cliEnv(), stdio: 'ignore' });
    await expect.poll(() => fake.count(), { timeout: 5_000 }).toBe(1);
    expect(existsSync(join(dir, 'locks', `${APPID}.lock`))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const r = await wxdesk(dir, ['token']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(TOKEN_LINE);
    expect(fake.count()).toBe(2);
  });
});
