// The desktop shell's decisions, in Node: Electron cannot start here, so everything main.ts decides
// is a plain function in electron/shell/ and is tested as such (main.ts only wires them).
import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopCommand, ErrorView } from '../electron/contract';
import { WxError } from '../electron/core/errors';
import { CommandQueue } from '../electron/shell/commands';
import { appMenuTemplate, type MenuContext } from '../electron/shell/menu';
import { HeldNotifications, NotificationRule, keeperEventEffects, mustFix, noticeLine } from '../electron/shell/notify';
import { externalDocLink, navigationAllowed, permissionAllowed, preloadRegistration, sessionDataDir } from '../electron/shell/policy';
import { startFailure } from '../electron/shell/startup';
import { clockText } from '../electron/shell/text';
import { trayMenuTemplate, trayTooltip } from '../electron/shell/tray';
import { DEFAULT_SIZE, MIN_SIZE, restoredBounds, windowOptions, windowStateOf } from '../electron/shell/window';
// @ts-expect-error: a plain .mjs script without types
import { APP_FILES, missingAppFiles, missingLine } from '../scripts/app-files.mjs';

const PAGE = 'wxdesk://app/index.html';

describe('permissions and navigation', () => {
  it('grants clipboard writes to our page only, and nothing else to anyone', () => {
    expect(permissionAllowed('clipboard-sanitized-write', PAGE, PAGE)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'wxdesk://app', PAGE)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', PAGE)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', 'wxdesk://other/x', PAGE)).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined, PAGE)).toBe(false);
    for (const p of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen']) expect(permissionAllowed(p, PAGE, PAGE), p).toBe(false);
  });

  it('navigates only to our one page', () => {
    expect(navigationAllowed(PAGE, PAGE)).toBe(true);
    for (const url of ['wxdesk://app/other.html', 'https://developers.weixin.qq.com/', 'file:///etc/passwd', 'javascript:alert(1)']) expect(navigationAllowed(url, PAGE)).toBe(false);
  });

  it("opens only WeChat's documentation in the system browser, over https", () => {
    expect(externalDocLink('https://developers.weixin.qq.com/doc/service/api')).toBe('https://developers.weixin.qq.com/doc/service/api');
    for (const url of ['http://developers.weixin.qq.com/doc', 'https://developers.weixin.qq.com.evil.example/', 'https://evil.example/?developers.weixin.qq.com', 'https://user:pw@developers.weixin.qq.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect(externalDocLink(url), url).toBeNull();
    }
  });

  it('registers the preload for our own scheme and host only, never for every URL of the session', () => {
    const r = preloadRegistration('/opt/wxdesk/dist/preload.cjs', PAGE);
    expect(r).toMatchObject({ type: 'frame', id: 'wxdesk-preload', filePath: '/opt/wxdesk/dist/preload.cjs' });
    expect(r.matches).toEqual(['wxdesk://app/*']);
    // A match pattern (scheme://host/path, * in the path only), read as Chromium reads it.
    const matched = (url: string) =>
      r.matches!.some((m) => {
        const [, scheme, host, path] = /^([a-z-]+):\/\/([^/]+)(\/.*)$/.exec(m)!;
        const u = new URL(url);
        return u.protocol === `${scheme}:` && u.host === host && new RegExp(`^${path!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(u.pathname);
      });
    expect(matched(PAGE)).toBe(true);
    for (const url of ['https://developers.weixin.qq.com/', 'wxdesk://evil/index.html', 'file:///opt/wxdesk/dist/renderer/index.html', 'http://127.0.0.1:3000/']) expect(matched(url), url).toBe(false);
  });

  it("keeps Chromium's profile out of the data folder that holds the secrets", () => {
    const data = '/home/u/.config/WxDesk';
    const chromium = sessionDataDir(data);
    expect(dirname(chromium)).toBe(dirname(data));
    expect(chromium.startsWith(`${data}/`)).toBe(false);
    expect(chromium).not.toBe(data);
  });
});

describe('the window', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];

  it('options: hidden until ready, limits, title, icon (webPreferences are scanned in main.ts by Electronegativity)', () => {
    const o = windowOptions({ width: 1000, height: 700, x: 5, y: 6 }, '/x/icon.png');
    expect(o).toEqual({ width: 1000, height: 700, x: 5, y: 6, minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height, title: 'WxDesk', show: false, icon: '/x/icon.png' });
    expect(o.webPreferences).toBeUndefined();
  });

  it('restores size, place and maximized where a display shows it', () => {
    expect(restoredBounds({ x: 100, y: 50, width: 1300, height: 900, maximized: true }, screen)).toEqual({ bounds: { x: 100, y: 50, width: 1300, height: 900 }, maximized: true });
  });

  it('a window left on an unplugged monitor comes back centred, at its size', () => {
    expect(restoredBounds({ x: 2500, y: 100, width: 1300, height: 900, maximized: false }, screen)).toEqual({ bounds: { width: 1300, height: 900 }, maximized: false });
  });

  it('nothing saved, garbage saved, or too big for every display: the default size', () => {
    expect(restoredBounds(undefined, screen).bounds).toEqual(DEFAULT_SIZE);
    expect(restoredBounds({ width: Number.NaN, height: 3, maximized: false }, screen).bounds).toEqual(DEFAULT_SIZE);
    expect(restoredBounds({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, screen).bounds).toEqual(DEFAULT_SIZE);
    expect(restoredBounds({ x: 0, y: 0, width: 10, height: 10, maximized: false }, screen).bounds).toEqual({ x: 0, y: 0, ...MIN_SIZE });
  });

  it('saves the normal bounds and whether it was maximized', () => {
    expect(windowStateOf({ x: 1, y: 2, width: 900, height: 600 }, true)).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: true });
  });
});

/** Every item of a template, submenus flattened. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

describe('the application menu', () => {
  const accounts = Array.from({ length: 11 }, (_, i) => ({ appId: `wx${String(i).padStart(16, '0')}`, label: `Account ${i}` }));
  const ctx: MenuContext = { lang: 'en', platform: 'linux', packaged: false, version: '1.2.3', accounts };
  const sent: DesktopCommand[] = [];
  let opened = 0;
  const actions = { command: (c: DesktopCommand) => sent.push(c), openDataFolder: () => opened++ };
  const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

  it('shortcuts: refresh, copy token, add, find, and the first nine accounts', () => {
    const all = items(appMenuTemplate(ctx, actions));
    const byAccel = new Map(all.filter((i) => i.accelerator).map((i) => [i.accelerator as string, i]));
    sent.length = 0;
    click(byAccel.get('CmdOrCtrl+R')!);
    click(byAccel.get('CmdOrCtrl+Shift+C')!);
    click(byAccel.get('CmdOrCtrl+N')!);
    click(byAccel.get('CmdOrCtrl+K')!);
    click(byAccel.get('CmdOrCtrl+3')!);
    expect(sent).toEqual([{ name: 'refresh' }, { name: 'copyToken' }, { name: 'addAccount' }, { name: 'findAccount' }, { name: 'selectIndex', index: 2 }]);
    expect([...byAccel.keys()].filter((k) => /^CmdOrCtrl\+\d$/.test(k))).toHaveLength(9);
    expect(byAccel.get('CmdOrCtrl+1')!.label).toBe('Account 0 (wx0000000000000000)');
  });

  it('Ctrl/Cmd+R is the token refresh, never a page reload', () => {
    const roles = items(appMenuTemplate(ctx, actions)).map((i) => i.role);
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
  });

  it('the standard Edit menu, so copy and paste work in fields on macOS', () => {
    const mac = appMenuTemplate({ ...ctx, platform: 'darwin' }, actions);
    const edit = mac.find((m) => m.label === 'Edit')!;
    expect((edit.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(mac[0]!.label).toBe('WxDesk');
  });

  it('DevTools in development only', () => {
    expect(items(appMenuTemplate(ctx, actions)).map((i) => i.role)).toContain('toggleDevTools');
    expect(items(appMenuTemplate({ ...ctx, packaged: true }, actions)).map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('Help opens the data folder and names the version', () => {
    const help = appMenuTemplate(ctx, actions).find((m) => m.label === 'Help')!.submenu as MenuItemConstructorOptions[];
    click(help.find((i) => i.label === 'Open data folder')!);
    expect(opened).toBe(1);
    expect(help.map((i) => i.label)).toContain('WxDesk 1.2.3');
  });

  it('in Chinese, every item labelled (role items too: Electron would show its English), none in English', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const packaged of [false, true]) {
        const zh = items(appMenuTemplate({ ...ctx, platform, packaged, lang: 'zh-CN', accounts: [] }, actions));
        const unlabelled = zh.filter((i) => i.type !== 'separator' && !i.label);
        expect(unlabelled.map((i) => i.role ?? i.id), `${platform} packaged=${packaged}`).toEqual([]);
        const labels = zh.map((i) => i.label).filter((l): l is string => !!l && l !== 'WxDesk' && !/^WxDesk [\d.]+$/.test(l));
        expect(labels).toContain('刷新 token');
        expect(labels).toContain('打开数据目录');
        for (const l of labels) expect(l, l).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const roles = items(appMenuTemplate({ ...ctx, platform: 'darwin', lang: 'zh-CN' }, actions));
    expect(roles.find((i) => i.role === 'copy')!.label).toBe('复制');
    expect(roles.find((i) => i.role === 'about')!.label).toBe('关于 WxDesk');
  });

  it('no accounts: the switch submenu says so', () => {
    const none = items(appMenuTemplate({ ...ctx, accounts: [] }, actions));
    expect(none.find((i) => i.label === 'No accounts yet')).toMatchObject({ enabled: false });
  });
});

describe('commands to a page that does not listen yet', () => {
  it('wait, the latest ten in order, until the page says it listens', () => {
    const got: number[] = [];
    const q = new CommandQueue<number>((c) => got.push(c));
    for (let i = 0; i < 12; i++) q.send(i);
    expect(got).toEqual([]);
    expect(q.pending).toBe(10);
    q.ready();
    expect(got).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    q.send(12);
    expect(got.at(-1)).toBe(12);
    q.reset();
    q.send(13);
    expect(got.at(-1)).toBe(12);
  });
});

describe('the tray', () => {
  const now = 1_000_000_000_000;
  const accounts = [
    { appId: 'wx1', label: 'Prod', expiresAt: now + 2 * 3600_000 },
    { appId: 'wx2', label: 'Test', expiresAt: now + 65_000 },
    { appId: 'wx3', label: 'New', expiresAt: null },
  ];

  it('the tooltip counts down the soonest-expiring token', () => {
    expect(trayTooltip(accounts, now, 'en')).toBe('WxDesk · Test: 1:05 left');
    expect(trayTooltip(accounts, now, 'zh-CN')).toBe('WxDesk · Test：还剩 1:05');
    expect(trayTooltip(accounts, now + 70_000, 'en')).toBe('WxDesk · Test: token expired');
    expect(trayTooltip([accounts[2]!], now, 'en')).toBe('WxDesk: no tokens yet');
    expect(clockText(2 * 3600_000 + 5_000)).toBe('2:00:05');
  });

  it('a menu per account: copy token, refresh, open the dashboard on it', () => {
    const calls: string[] = [];
    const template = trayMenuTemplate(accounts, 'en', {
      copyToken: (id) => calls.push(`copy ${id}`),
      refresh: (id) => calls.push(`refresh ${id}`),
      show: (c) => calls.push(`show ${JSON.stringify(c ?? null)}`),
      quit: () => calls.push('quit'),
    });
    const prod = template.find((i) => i.label === 'Prod')!.submenu as MenuItemConstructorOptions[];
    for (const i of prod) (i.click as unknown as () => void)();
    (template.find((i) => i.label === 'Quit WxDesk')!.click as unknown as () => void)();
    expect(calls).toEqual(['copy wx1', 'refresh wx1', 'show {"name":"selectAccount","appId":"wx1"}', 'quit']);
  });
});

describe('notifications', () => {
  const account = { appId: 'wx0123456789abcdef', label: 'Shop' };
  const view = (code: number | string, init: { ip?: string } = {}): ErrorView => new WxError(code, init).view();

  it('only for errors the user must fix', () => {
    for (const code of [40164, 40125, 45009, 'NO_SECRET', 40013, 40243]) expect(mustFix(new WxError(code).view()), String(code)).toBe(true);
    for (const code of ['NETWORK', 'TIMEOUT', -1, 'HTTP_STATUS', 42001]) expect(mustFix(new WxError(code).view()), String(code)).toBe(false);
    // 40001 at an API (a stale token) fixes itself; 40001 at the token API is a wrong secret.
    expect(mustFix(new WxError(40001, { variant: '40001@api' }).view())).toBe(false);
    expect(mustFix(new WxError(40001).view())).toBe(true);
  });

  it('once per error, not per retry; a success clears it, so a recurrence is told again', () => {
    const rule = new NotificationRule();
    const e = view(40164, { ip: '203.0.113.9' });
    const first = rule.decide(account, e, true, 'en');
    expect(first).toMatchObject({ title: 'Shop: the token cannot be refreshed' });
    expect(first!.body).toContain('203.0.113.9');
    expect(rule.decide(account, e, true, 'en')).toBeNull();
    expect(rule.decide(account, view(40164, { ip: '198.51.100.1' }), true, 'en')).not.toBeNull();
    expect(rule.decide(account, undefined, true, 'en')).toBeNull();
    expect(rule.decide(account, e, true, 'en')).not.toBeNull();
  });

  it('off in the settings: nothing, and switching it on later does not replay old faults', () => {
    const rule = new NotificationRule();
    const e = view('NO_SECRET');
    expect(rule.decide(account, e, false, 'en')).toBeNull();
    expect(rule.decide(account, e, true, 'en')).toBeNull();
  });

  it('each shown notification stays referenced until it is clicked, closed or fails (its click handler with it)', () => {
    // Electron's Notification is an EventEmitter: real emitters stand in for it here.
    const held = new HeldNotifications<EventEmitter>(3);
    const [a, b, c] = [new EventEmitter(), new EventEmitter(), new EventEmitter()];
    let clicked = 0;
    held.hold(a).on('click', () => clicked++);
    held.hold(b);
    held.hold(c);
    expect(held.size).toBe(3);
    a.emit('click');
    expect(clicked).toBe(1);
    expect(held.has(a)).toBe(false);
    b.emit('close');
    c.emit('failed');
    expect(held.size).toBe(0);
    // A desktop that never reports a close: only the latest are kept, the oldest let go.
    const many = Array.from({ length: 5 }, () => held.hold(new EventEmitter()));
    expect(held.size).toBe(3);
    expect(many.map((n) => held.has(n))).toEqual([false, false, true, true, true]);
  });

  it('which keeper events become what: account changes rebuild the menus, a refresh outcome may notify, the rest nothing', () => {
    const rule = new NotificationRule();
    let lastError: ErrorView | undefined = view(40164, { ip: '203.0.113.9' });
    const ctx = { account: (id: string) => (id === account.appId ? account : undefined), lastError: () => lastError, notificationsOn: true, lang: 'en' as const };
    expect(keeperEventEffects({ appId: account.appId, reason: 'account' }, rule, ctx)).toEqual({ menus: true, notify: null });
    expect(keeperEventEffects({ appId: account.appId, reason: 'refreshing' }, rule, ctx)).toEqual({ menus: false, notify: null });
    expect(keeperEventEffects({ appId: 'wxgone', reason: 'error' }, rule, ctx)).toEqual({ menus: false, notify: null });
    const first = keeperEventEffects({ appId: account.appId, reason: 'error' }, rule, ctx);
    expect(first.notify).toMatchObject({ appId: account.appId, title: 'Shop: the token cannot be refreshed' });
    expect(keeperEventEffects({ appId: account.appId, reason: 'error' }, rule, ctx).notify).toBeNull();
    lastError = undefined;
    expect(keeperEventEffects({ appId: account.appId, reason: 'token' }, rule, ctx).notify).toBeNull();
    lastError = view('NO_SECRET');
    expect(keeperEventEffects({ appId: account.appId, reason: 'token' }, rule, { ...ctx, notificationsOn: false }).notify).toBeNull();
  });

  it('store notices leave one log line each', () => {
    expect(noticeLine({ kind: 'damaged', file: '/d/config.json', movedTo: '/d/config.json.damaged-x', at: 1, recovered: 'empty' })).toBe('WxDesk: /d/config.json was damaged; the copy is kept at /d/config.json.damaged-x');
    expect(noticeLine({ kind: 'fault', at: 1, error: view('NO_SECRET') })).toMatch(/^WxDesk: \[NO_SECRET\] /);
  });

  it('in Chinese', () => {
    const n = new NotificationRule().decide(account, view(40125), true, 'zh-CN');
    expect(n!.title).toBe('Shop：token 无法刷新');
    expect(n!.body).toMatch(/AppSecret 无效/);
  });
});

describe('start failures', () => {
  it('name the cause and the data folder, in the UI language', () => {
    const f = startFailure(new WxError('STORE_UNREADABLE', { detail: '/d/config.json', reason: 'EACCES' }), '/home/u/.config/WxDesk', 'en');
    expect(f.title).toBe('WxDesk could not start');
    expect(f.content).toContain('EACCES');
    expect(f.content).toContain('Data folder: /home/u/.config/WxDesk');
    const zh = startFailure(new Error('boom'), '/d', 'zh-CN');
    expect(zh.content).toMatch(/^WxDesk 无法启动：boom/);
    expect(zh.content).toContain('数据目录：/d');
  });
});

describe('main.ts is wiring', () => {
  const electronDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'electron');
  it('under 150 lines: the decisions are in electron/shell/, the Electron calls in electron/desktop/', () => {
    const main = readFileSync(join(electronDir, 'main.ts'), 'utf8');
    expect(main.split('\n').length).toBeLessThan(150);
  });

  it('electron/shell/ is plain code: Electron and electron-store appear there as types only, so Node runs all of it', () => {
    const files = readdirSync(join(electronDir, 'shell')).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(electronDir, 'shell', f), 'utf8');
      const runtime = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'(electron|electron-store)'/gm)].map((m) => m[1]);
      expect([f, runtime]).toEqual([f, []]);
    }
  });
});

describe('npm start checks every built file the app loads', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('names each missing file and the command that builds it', () => {
    root = mkdtempSync(join(tmpdir(), 'wxdesk-appfiles-'));
    expect(missingAppFiles(root).map((f: { path: string }) => f.path)).toEqual(['dist/main.js', 'dist/preload.cjs', 'dist/renderer/index.html']);
    mkdirSync(join(root, 'dist', 'renderer'), { recursive: true });
    writeFileSync(join(root, 'dist', 'main.js'), '');
    writeFileSync(join(root, 'dist', 'renderer', 'index.html'), '');
    const missing = missingAppFiles(root);
    expect(missingLine(missing)).toBe('WxDesk: the app is not built: dist/preload.cjs (the preload bridge) is missing. Run `npm run build` first.');
    expect(APP_FILES.length).toBe(3);
  });
});
