// Change listeners that throw, and files that cannot be read (issue 19, item 8). The file backend's
// poll runs in a timer: a listener that threw there was an uncaught exception, which ended
// `wxdesk serve`. Every emitter of the core now calls each listener on its own; what one throws is
// a notice, and the others still hear the change. The polls run on a FakeClock, so a throw that
// escapes the poll's timer would come out of clock.advance() here, in the test.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultNotice, Notice } from '../electron/contract';
import { createCore } from '../electron/core/services';
import { FileBackend } from '../electron/core/state/file-backend';
import type { AccountRecord } from '../electron/core/state/records';
import { FakeClock } from './fixtures/clock';
import { APPID, SECRET, tempDir } from './fixtures/core';
import { closedAfterEach } from './fixtures/cleanup';
import { FakeWeChat } from './fixtures/fake-wechat';

const { cores, fakes } = closedAfterEach();

const account = (appId: string): AccountRecord => ({ appId, label: appId, serverToken: '', aesKey: '', mode: 'stable', apiBase: 'https://api.weixin.qq.com', autoRefresh: true, createdAt: 1, updatedAt: 1 });
const B = 'wxfedcba9876543210';
const faults = (notices: readonly Notice[]) => notices.filter((n): n is FaultNotice => n.kind === 'fault');

describe('a change listener that throws', () => {
  it('in the file backend\'s poll: the poll survives, the other listeners hear the change, and the throw is one notice', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock();
    const mine = new FileBackend({ dataDir, clock, pollMs: 1_000 });
    const other = new FileBackend({ dataDir });
    const heard: string[][] = [];
    mine.watch(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'at')");
    });
    mine.watch((ids) => heard.push(ids));
    await other.update(APPID, () => ({ account: account(APPID) }));
    await new Promise((r) => setTimeout(r, 25));
    await expect(clock.advance(1_000)).resolves.toBeUndefined();
    expect(heard).toEqual([[APPID]]);
    // The poll goes on: the next change is heard too, and the same fault is not told twice.
    await other.update(B, () => ({ account: account(B) }));
    await new Promise((r) => setTimeout(r, 25));
    await expect(clock.advance(1_000)).resolves.toBeUndefined();
    expect(heard).toEqual([[APPID], [B]]);
    const [fault, ...more] = faults(mine.notices());
    expect(more).toEqual([]);
    expect(fault!.error).toMatchObject({ code: 'LISTENER_FAILED', kind: 'bug' });
    expect(fault!.error.message).toContain("reading 'at'");
    expect(fault!.error.zh?.message).toContain('处理变更时出错');
    await mine.close();
  });

  it('on a real core: a keeper listener that throws while another process stores a token is a notice, not an exception in the poll', async () => {
    const fake = await FakeWeChat.start();
    fakes.push(fake);
    fake.addAccount(APPID, SECRET);
    const dataDir = tempDir();
    const clock = new FakeClock(Date.now());
    const serve = createCore({ dataDir, clock, retry: { baseMs: 1, maxMs: 2 } });
    cores.push(serve);
    await serve.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url, mode: 'stable', autoRefresh: false });
    serve.keeper.start();
    const told: string[] = [];
    serve.keeper.on('change', () => {
      throw new Error('the log line could not be written');
    });
    serve.keeper.on('change', (e) => told.push(e.reason));
    // Another process (a CLI) fetches and stores a token.
    const cli = createCore({ dataDir, retry: { baseMs: 1, maxMs: 2 } });
    cores.push(cli);
    await cli.keeper.refresh(APPID, 'manual');
    await new Promise((r) => setTimeout(r, 25));
    await expect(clock.advance(1_000)).resolves.toBeUndefined();
    expect(told).toContain('token');
    expect(serve.keeper.state(APPID).status).toBe('valid');
    expect(faults(serve.backend.notices()).map((n) => n.error.message)).toEqual([expect.stringContaining('the log line could not be written')]);
  });
});

describe('a file that cannot be read', () => {
  it('a history file that is a directory (unreadable even for root): no attempts and a notice naming it, not an exception', async () => {
    const dataDir = tempDir();
    const b = new FileBackend({ dataDir });
    await b.update(APPID, () => ({ account: account(APPID) }));
    const file = join(dataDir, 'history', `${APPID}.json`);
    mkdirSync(file, { recursive: true });
    expect(b.history(APPID)).toEqual([]);
    expect(b.history(APPID)).toEqual([]);
    const [fault, ...more] = faults(b.notices());
    expect(more).toEqual([]);
    expect(fault!.error).toMatchObject({ code: 'STORE_UNREADABLE' });
    expect(fault!.error.message).toContain(file);
  });
});
