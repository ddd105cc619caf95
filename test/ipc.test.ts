// The IPC transport with a stubbed ipcMain (the Electron runtime cannot run here) over the real
// handler table, the real store on a temp dir and the fake WeChat API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DASHBOARD_METHODS, EVENT_CHANNEL, READY_CHANNEL, TEAM_URL_CHANNEL, channelOf, type DashboardEvent, type DesktopCommand, type Envelope } from '../electron/contract';
import { WxError } from '../electron/core/errors';
import { Dashboard } from '../electron/core/dashboard';
import { createCore, type Core } from '../electron/core/services';
import { registerIpc } from '../electron/ipc';
import { CommandQueue } from '../electron/shell/commands';
import { FakeWeChat } from './fixtures/fake-wechat';

const APPID = 'wx00112233445566bb';
const SECRET = 'bb00112233445566778899aabbccddee';
// The page as main.ts serves it, from its own scheme.
const PAGE = 'wxdesk://app/index.html';

type Handler = (event: unknown, ...args: unknown[]) => Promise<Envelope<unknown>>;

class StubIpcMain {
  handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

function stubContents() {
  const sent: [string, unknown][] = [];
  return { sent, isDestroyed: () => false, send: (channel: string, data: unknown) => sent.push([channel, data]) };
}

let dir: string;
let core: Core;
let fake: FakeWeChat;
let ipc: StubIpcMain;
let ours: ReturnType<typeof stubContents>;
let dispose: () => void;

const fromUs = (url = PAGE) => ({ sender: ours, senderFrame: { url } });
const call = (method: string, event: unknown, ...args: unknown[]) => ipc.handlers.get(`wxdesk:${method}`)!(event, ...args);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-ipc-'));
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  core = createCore({ dataDir: dir, retry: { baseMs: 1, maxMs: 2 } });
  ipc = new StubIpcMain();
  ours = stubContents();
  const dashboard = new Dashboard({ core, host: 'electron', version: '0.0.0-test', clipboard: () => undefined });
  dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => ({ webContents: ours as never }), pageUrl: PAGE });
});

afterEach(async () => {
  dispose();
  await core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('registerIpc', () => {
  it('registers one channel per DashboardApi method and removes them on dispose', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(DASHBOARD_METHODS.map(channelOf).sort());
    dispose();
    expect(ipc.handlers.size).toBe(0);
    dispose = () => undefined;
  });

  it('answers our window with the value in an envelope; the AppSecret never crosses', async () => {
    const saved = await call('saveAccount', fromUs(), { appId: APPID, secret: SECRET, apiBase: fake.url });
    expect(saved).toMatchObject({ ok: true, value: { appId: APPID, hasSecret: true } });
    const list = await call('listAccounts', fromUs());
    expect(list.ok).toBe(true);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    const token = await call('refresh', fromUs(), APPID);
    expect(token).toMatchObject({ ok: true, value: { appId: APPID, status: 'valid', mode: 'stable' } });
    expect(fake.isValid((token as { value: { token: string } }).value.token)).toBe(true);
  });

  it('refuses calls from any other web contents, without running the handler', async () => {
    const stranger = { sender: stubContents(), senderFrame: { url: PAGE } };
    const r = await call('saveAccount', stranger, { appId: APPID, secret: SECRET });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(core.accounts.list()).toHaveLength(0);
  });

  it('refuses our window when it shows another page (navigation, an injected frame)', async () => {
    for (const url of ['https://evil.example/index.html', 'wxdesk://app/other.html', 'wxdesk://evil/index.html', 'file:///opt/wxdesk/dist/renderer/index.html', '']) {
      const r = await call('listAccounts', fromUs(url));
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const noFrame = await call('listAccounts', { sender: ours, senderFrame: null });
    expect(noFrame.ok).toBe(false);
  });

  it('the team Redis URL: saveSettings refuses it; the desktop channel reaches the confirming dialog only from our page (issue 20)', async () => {
    const viaTable = await call('saveSettings', fromUs(), { teamRedisUrl: 'redis://:pw@203.0.113.7:6379' });
    expect(viaTable).toMatchObject({ ok: false, error: { code: 'TEAM_URL_LOCAL_ONLY', kind: 'input' } });
    expect(core.backend.settings().teamRedisUrl).toBeUndefined();
    dispose();
    const asked: unknown[] = [];
    const dashboard = new Dashboard({ core, host: 'electron', version: '0.0.0-test' });
    // main.ts shows a native dialog here; this stand-in records the proposal and says "cancel".
    const proposeTeamRedisUrl = async (url: unknown) => {
      asked.push(url);
      throw new WxError('TEAM_URL_NOT_CONFIRMED');
    };
    dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => ({ webContents: ours as never }), pageUrl: PAGE, proposeTeamRedisUrl });
    const channel = ipc.handlers.get(TEAM_URL_CHANNEL)!;
    expect(await channel({ sender: stubContents(), senderFrame: { url: PAGE } }, 'redis://203.0.113.7')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await channel(fromUs('https://evil.example/index.html'), 'redis://203.0.113.7')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(asked).toEqual([]);
    expect(await channel(fromUs(), 'redis://203.0.113.7')).toMatchObject({ ok: false, error: { code: 'TEAM_URL_NOT_CONFIRMED' } });
    expect(asked).toEqual(['redis://203.0.113.7']);
    dispose();
    expect(ipc.handlers.has(TEAM_URL_CHANNEL)).toBe(false);
    dispose = () => undefined;
  });

  it('commands wait for the page to say it listens, then arrive in order; only our page can say so (issue 22, item 12)', async () => {
    dispose();
    ipc = new StubIpcMain();
    const dashboard = new Dashboard({ core, host: 'electron', version: 'x' });
    const commands = new CommandQueue<DesktopCommand>((c) => dashboard.command(c));
    dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => ({ webContents: ours as never }), pageUrl: PAGE, onCommandsReady: () => commands.ready() });
    const sentCommands = () => ours.sent.filter(([ch, e]) => ch === EVENT_CHANNEL && (e as DashboardEvent).type === 'command').map(([, e]) => (e as { command: DesktopCommand }).command);
    // A new window: the tray asks for an account before the page has rendered (however slowly).
    commands.send({ name: 'selectAccount', appId: APPID });
    commands.send({ name: 'refresh' });
    expect(sentCommands()).toEqual([]);
    const ready = ipc.handlers.get(READY_CHANNEL)!;
    expect(await ready({ sender: stubContents(), senderFrame: { url: PAGE } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ready(fromUs('https://evil.example/index.html'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(sentCommands()).toEqual([]);
    expect(await ready(fromUs())).toEqual({ ok: true, value: null });
    expect(sentCommands()).toEqual([{ name: 'selectAccount', appId: APPID }, { name: 'refresh' }]);
    commands.send({ name: 'copyToken' });
    expect(sentCommands()).toHaveLength(3);
    // A reloaded page listens again only once it says so.
    commands.reset();
    commands.send({ name: 'addAccount' });
    expect(sentCommands()).toHaveLength(3);
    await ready(fromUs());
    expect(sentCommands().at(-1)).toEqual({ name: 'addAccount' });
    dispose();
    expect(ipc.handlers.has(READY_CHANNEL)).toBe(false);
    dispose = () => undefined;
  });

  it('refuses when the window is gone', async () => {
    dispose();
    ipc = new StubIpcMain();
    const dashboard = new Dashboard({ core, host: 'electron', version: 'x' });
    dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => null, pageUrl: PAGE });
    expect((await call('info', fromUs())).ok).toBe(false);
  });

  it('validates every argument at runtime and answers with a plain error', async () => {
    const cases: [string, unknown[]][] = [
      ['token', [42]],
      ['token', ['not-an-appid']],
      ['token', [APPID, 'extra']],
      ['saveAccount', ['string']],
      ['saveAccount', [{ appId: APPID, secret: SECRET, evil: true }]],
      ['saveAccount', [{ appId: APPID, secret: 123 }]],
      ['copy', [APPID, 'html']],
      ['saveSettings', [{ locale: 'fr' }]],
      ['saveSettings', [{ endpointPort: 70000 }]],
      ['removeAccount', [{ toString: () => APPID }]],
    ];
    for (const [method, args] of cases) {
      const r = await call(method, fromUs(), ...args);
      expect(r, `${method}(${JSON.stringify(args)})`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', kind: 'input' } });
      expect((r as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    }
    expect(core.accounts.list()).toHaveLength(0);
  });

  it('form errors carry per-field messages', async () => {
    const r = await call('saveAccount', fromUs(), { appId: 'wx123', secret: 'short', aesKey: 'x' });
    expect(r.ok).toBe(false);
    const fields = (r as { error: { fields: Record<string, string> } }).error.fields;
    expect(Object.keys(fields).sort()).toEqual(['aesKey', 'appId', 'secret']);
    expect(fields.appId).toMatch(/16 hex/);
  });

  it('WeChat errors cross with code, hint and IP', async () => {
    await call('saveAccount', fromUs(), { appId: APPID, secret: SECRET, apiBase: fake.url });
    fake.whitelist(APPID, '192.0.2.55');
    const r = await call('refresh', fromUs(), APPID);
    expect(r).toMatchObject({ ok: false, error: { code: 40164, ip: '192.0.2.55', kind: 'config' } });
    const view = await call('token', fromUs(), APPID);
    expect(view).toMatchObject({ ok: true, value: { lastError: { code: 40164, ip: '192.0.2.55' } } });
  });

  it('forwards state changes to our window without the IPC event', async () => {
    await call('saveAccount', fromUs(), { appId: APPID, secret: SECRET, apiBase: fake.url });
    await call('refresh', fromUs(), APPID);
    const events = ours.sent.filter(([ch]) => ch === EVENT_CHANNEL).map(([, e]) => e as DashboardEvent);
    expect(events).toContainEqual({ type: 'accounts' });
    expect(events).toContainEqual({ type: 'token', appId: APPID });
  });

  it('copy writes the clipboard in the main process', async () => {
    const clips: string[] = [];
    dispose();
    ipc = new StubIpcMain();
    const dashboard = new Dashboard({ core, host: 'electron', version: 'x', clipboard: (t) => clips.push(t) });
    dispose = registerIpc({ ipcMain: ipc as never, dashboard, window: () => ({ webContents: ours as never }), pageUrl: PAGE });
    await call('saveAccount', fromUs(), { appId: APPID, secret: SECRET, apiBase: fake.url });
    const r = (await call('copy', fromUs(), APPID, 'curl')) as { ok: true; value: { copied: boolean; text: string } };
    expect(r.value.copied).toBe(true);
    expect(clips).toHaveLength(1);
    const token = core.keeper.state(APPID).token!.token;
    expect(clips[0]).toBe(`curl '${fake.url}/cgi-bin/getcallbackip?access_token=${token}'`);
  });
});
