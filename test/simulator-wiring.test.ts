// The simulator through the handler table, as the Simulator tab calls it: over IPC (registerIpc with
// a stub ipcMain) and over `wxdesk serve`'s HTTP bridge, a text message in plain mode to a real
// callback server, judged and drawn; a 'simulator' event when the account's log changes.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { channelOf, type DashboardEvent, type Envelope, type PushExchange } from '../electron/contract';
import { Dashboard, errorView } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { dashboardRoutes } from '../electron/host/dashboard-routes';
import { startHost, type Host } from '../electron/host/server';
import { registerIpc } from '../electron/ipc';
import { CallbackServer } from './fixtures/callback-servers';
import { APPID, makeCore, removeTempDirs, tempDir } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

const PAGE = 'file:///app/renderer/index.html';
let fake: FakeWeChat;
let core: Core;
let dash: Dashboard;
let cb: CallbackServer;

beforeEach(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake });
  await core.accounts.save({ appId: APPID, serverToken: 'simToken1' });
  dash = new Dashboard({ core, host: 'browser', version: 'test' });
  cb = await CallbackServer.start({ token: 'simToken1' });
});

afterEach(async () => {
  await cb.close();
  await core.close();
  await fake.close();
  removeTempDirs();
});

it('sends a text message through the handler table, draws the reply and tells the renderer', async () => {
  const events: DashboardEvent[] = [];
  dash.subscribe((e) => events.push(e));
  const x = await dash.handlers.simulatorSend({ appId: APPID, kind: 'text', fields: { Content: 'hi' }, url: cb.url });
  expect(x.verdict).toBe('pass');
  expect(x.reply).toEqual({ kind: 'text', content: 'You said: hi' });
  expect(x.mode).toBe('plain');
  expect(cb.requests).toHaveLength(1);
  expect(cb.requests[0]!.query).toMatchObject({ openid: x.openId });
  expect(cb.requests[0]!.body).toContain('<Content><![CDATA[hi]]></Content>');
  expect(events).toContainEqual({ type: 'simulator', appId: APPID });
  expect((await dash.handlers.simulatorLog(APPID)).map((l) => l.id)).toEqual([x.id]);
  // The follower the push came from is kept: the next push and the list use it.
  expect((await dash.handlers.simulatorFollowers(APPID)).map((f) => f.openId)).toEqual([x.openId]);
  await dash.handlers.simulatorClearLog(APPID);
  expect(await dash.handlers.simulatorLog(APPID)).toEqual([]);
});

it('refuses bad arguments as bilingual input errors, with nothing sent', async () => {
  for (const bad of [[{ appId: APPID, kind: 'nope' }], [{ appId: 'wx1', kind: 'text' }], [{ appId: APPID, kind: 'text', fields: { Content: 7 } }], [{ appId: APPID, kind: 'text' }, 'extra']]) {
    const view = await dash.handlers.simulatorSend(...bad).then(
      () => null,
      (e: unknown) => errorView(e),
    );
    expect(view?.code).toBe('INVALID_INPUT');
    expect(view?.zh?.message).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(cb.requests).toHaveLength(0);
});

it('works over IPC', async () => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>>();
  const ipcMain = { handle: (c: string, fn: never) => handlers.set(c, fn), removeHandler: (c: string) => handlers.delete(c) };
  const ours = { isDestroyed: () => false, send: () => undefined };
  const dispose = registerIpc({ ipcMain: ipcMain as never, dashboard: dash, window: () => ({ webContents: ours as never }), pageUrl: PAGE });
  try {
    const r = await handlers.get(channelOf('simulatorSend'))!({ sender: ours, senderFrame: { url: PAGE } }, { appId: APPID, kind: 'text', fields: { Content: 'over ipc' }, url: cb.url });
    expect(r.ok).toBe(true);
    expect((r as { value: PushExchange }).value.reply).toEqual({ kind: 'text', content: 'You said: over ipc' });
  } finally {
    dispose();
  }
});

it('works over the HTTP bridge of wxdesk serve', async () => {
  const key = randomBytes(24).toString('base64url');
  const staticDir = tempDir('wxdesk-sim-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>WxDesk</title>');
  const host: Host = await startHost({ core, port: 0, key, routes: [dashboardRoutes({ dashboard: dash, key, staticDir })] });
  try {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/simulatorSend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wxdesk-key': key, origin: `http://127.0.0.1:${host.port}` },
      body: JSON.stringify({ args: [{ appId: APPID, kind: 'text', fields: { Content: 'over http' }, url: cb.url }] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: PushExchange };
    expect(body.value.reply).toEqual({ kind: 'text', content: 'You said: over http' });
  } finally {
    await host.close();
  }
});

it('answers a method that returns nothing (Clear log) with a value over HTTP, as the page’s bridge requires', async () => {
  const key = randomBytes(24).toString('base64url');
  const staticDir = tempDir('wxdesk-sim-static-');
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>WxDesk</title>');
  const host: Host = await startHost({ core, port: 0, key, routes: [dashboardRoutes({ dashboard: dash, key, staticDir })] });
  try {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/simulatorClearLog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wxdesk-key': key, origin: `http://127.0.0.1:${host.port}` },
      body: JSON.stringify({ args: [APPID] }),
    });
    expect(res.status).toBe(200);
    // renderer/src/http-bridge.ts refuses an answer without "value" as one it does not understand.
    expect(await res.json()).toEqual({ value: null });
  } finally {
    await host.close();
  }
});
