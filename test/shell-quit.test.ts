// The desktop's quit sequence (issue 22, item 3) over the real core: Electron does not wait for
// promises in 'before-quit', so the sequence holds the first one, closes, then quits again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quitSequence, quitWhenAllClosed } from '../electron/shell/quit';
import { APPID, makeCore, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

/** What Electron hands a 'before-quit' listener: an event that can be prevented. */
function quitEvent() {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
}

let fake: FakeWeChat | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  removeTempDirs();
});

describe('quitting', () => {
  it('a refresh in flight finishes, and its history line is written, before quit goes through', async () => {
    fake = await FakeWeChat.start();
    const dataDir = tempDir('wxdesk-quit-');
    const core = makeCore({ fake, dataDir, mode: 'classic' });
    fake.fail({ delayMs: 300 }, { times: 1 });
    const order: string[] = [];
    const refresh = core.keeper.refresh(APPID, 'manual').then((t) => (order.push('refreshed'), t));
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.count()).toBe(1);
    const quitted = new Promise<void>((resolve) => {
      const beforeQuit = quitSequence({ close: () => [core.close()], quit: () => (order.push('quit'), resolve()), capMs: 3_000 });
      const first = quitEvent();
      beforeQuit(first);
      expect(first.prevented).toBe(true);
    });
    await quitted;
    expect(order).toEqual(['refreshed', 'quit']);
    await expect(refresh).resolves.toMatchObject({ mode: 'classic' });
    const files = readdirSync(join(dataDir, 'history'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dataDir, 'history', files[0]!), 'utf8')).toContain('manual');
  });

  it('once: a second quit while closing is held too, and the quit it calls goes through', async () => {
    let closes = 0;
    let finish!: () => void;
    const quits: boolean[] = [];
    const beforeQuit = quitSequence({
      close: () => [new Promise<void>((r) => { closes++; finish = r; })],
      quit: () => {
        const again = quitEvent();
        beforeQuit(again);
        quits.push(again.prevented);
      },
    });
    const first = quitEvent();
    beforeQuit(first);
    const second = quitEvent();
    beforeQuit(second);
    expect([first.prevented, second.prevented, closes]).toEqual([true, true, 1]);
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(quits).toEqual([false]);
  });

  it('a close that hangs or fails does not keep the app from quitting (the cap bounds it)', async () => {
    const warned: string[] = [];
    const started = Date.now();
    await new Promise<void>((resolve) => {
      quitSequence({ close: () => [new Promise(() => undefined), Promise.reject(new Error('EIO'))], quit: resolve, warn: (m) => warned.push(m), capMs: 100 })(quitEvent());
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(warned.join('\n')).toMatch(/EIO[\s\S]*quitting after 100 ms/);
  });
});

describe('the last window closed', () => {
  it('macOS keeps running; Windows keeps running with its tray icon, quits without one; Linux quits (trays are often hidden)', () => {
    expect(quitWhenAllClosed('darwin', false)).toBe(false);
    expect(quitWhenAllClosed('darwin', true)).toBe(false);
    expect(quitWhenAllClosed('win32', true)).toBe(false);
    expect(quitWhenAllClosed('win32', false)).toBe(true);
    expect(quitWhenAllClosed('linux', true)).toBe(true);
    expect(quitWhenAllClosed('linux', false)).toBe(true);
  });
});
