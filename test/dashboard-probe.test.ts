// The probe through the handler table, as the Probe tab calls it: progress as 'probe' events with
// the run's id, the URL remembered on the account (and kept by later edits), input refused as
// ErrorViews.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DashboardEvent, ProbeReport } from '../electron/contract';
import { Dashboard, errorView } from '../electron/core/dashboard';
import type { Core } from '../electron/core/services';
import { CallbackServer } from './fixtures/callback-servers';
import { APPID, makeCore, removeTempDirs } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

let fake: FakeWeChat;
let core: Core;
let dash: Dashboard;
let cb: CallbackServer;

beforeEach(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake });
  await core.accounts.save({ appId: APPID, serverToken: 'tabToken1' });
  dash = new Dashboard({ core, host: 'browser', version: 'test' });
  cb = await CallbackServer.start({ token: 'tabToken1' });
});

afterEach(async () => {
  await cb.close();
  await core.close();
  await fake.close();
  removeTempDirs();
});

it('reports each step as a probe event of its run, and answers with the whole report', async () => {
  const events: DashboardEvent[] = [];
  const off = dash.subscribe((e) => events.push(e));
  const report = await dash.handlers.probe({ url: cb.url, serverToken: 'tabToken1', runId: 'tab-run' });
  off();
  const probes = events.filter((e): e is { type: 'probe'; report: ProbeReport } => e.type === 'probe');
  expect(probes.map((e) => e.report.runId)).toEqual(Array(6).fill('tab-run'));
  expect(probes.map((e) => e.report.running ?? 'done')).toEqual(['url', 'forged', 'text', 'event', 'retry', 'done']);
  expect(report.verdict).toBe('pass');
  expect(probes.at(-1)!.report).toEqual(report);
});

it('remembers the URL on the account, keeps it through an edit, and tells the renderer once', async () => {
  const events: DashboardEvent[] = [];
  dash.subscribe((e) => events.push(e));
  const before = core.accounts.get(APPID)!;
  await dash.handlers.probe({ url: cb.url, serverToken: 'tabToken1', account: APPID });
  expect((await dash.handlers.listAccounts())[0]!.callbackUrl).toBe(cb.url);
  // Not an edit of what the keeper uses: no new updatedAt.
  expect(core.accounts.get(APPID)!.updatedAt).toBe(before.updatedAt);
  await dash.handlers.probe({ url: cb.url, serverToken: 'tabToken1', account: APPID });
  expect(events.filter((e) => e.type === 'accounts')).toHaveLength(1);
  await dash.handlers.saveAccount({ appId: APPID, label: 'Renamed' });
  expect(core.accounts.get(APPID)).toMatchObject({ label: 'Renamed', callbackUrl: cb.url });
});

it('refuses bad settings as input errors, with nothing sent and nothing remembered', async () => {
  for (const bad of [{ url: 'localhost:1', serverToken: 'tabToken1', account: APPID }, { url: cb.url, serverToken: 'tabToken1', account: 'wx0000000000000000' }]) {
    const view = await dash.handlers.probe(bad).then(
      () => null,
      (e: unknown) => errorView(e),
    );
    expect(view?.kind).toBe('input');
  }
  await expect(dash.handlers.probe({ url: cb.url, serverToken: 'tabToken1' }, 'extra')).rejects.toThrow(/argument/);
  expect(cb.requests).toHaveLength(0);
  expect(core.accounts.get(APPID)!.callbackUrl).toBeUndefined();
});
