// "Start WxDesk at login" (issue 22, item 6): Electron's login item on macOS and Windows, an XDG
// autostart entry on Linux (setLoginItemSettings does nothing there), and nothing when unpackaged.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLoginItem, execArg, loginItemPlan, type LoginItemContext } from '../electron/shell/login-item';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function linux(extra: Partial<LoginItemContext> = {}): LoginItemContext {
  root = mkdtempSync(join(tmpdir(), 'wxdesk-login-'));
  return { platform: 'linux', packaged: true, execPath: '/opt/WxDesk/wxdesk', env: { XDG_CONFIG_HOME: root }, ...extra };
}

describe('start at login', () => {
  it('Linux: switching it on writes an XDG autostart entry that starts the app; off removes it', () => {
    const ctx = linux();
    const calls: unknown[] = [];
    const file = join(root!, 'autostart', 'wxdesk.desktop');
    applyLoginItem(loginItemPlan(ctx, true), (s) => calls.push(s));
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    expect(entry).toContain('Type=Application\n');
    expect(entry).toContain('Exec="/opt/WxDesk/wxdesk"\n');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    applyLoginItem(loginItemPlan(ctx, false), (s) => calls.push(s));
    expect(existsSync(file)).toBe(false);
    applyLoginItem(loginItemPlan(ctx, false), (s) => calls.push(s));
    expect(calls).toEqual([]);
  });

  it('an AppImage is started from its own file, not from its temporary mount; odd characters are quoted', () => {
    const ctx = linux({ execPath: '/tmp/.mount_WxDeskX/wxdesk' });
    ctx.env.APPIMAGE = '/home/u/Apps/WxDesk 0.1 "beta" $1 100%.AppImage';
    const plan = loginItemPlan(ctx, true);
    expect(plan).toMatchObject({ kind: 'xdg' });
    expect((plan as { content: string }).content).toContain('Exec="/home/u/Apps/WxDesk 0.1 \\"beta\\" \\$1 100%%.AppImage"\n');
    expect(execArg('/a\\b`c')).toBe('"/a\\\\b\\`c"');
  });

  it('macOS and Windows: Electron\'s login item', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const calls: unknown[] = [];
      applyLoginItem(loginItemPlan({ platform, packaged: true, execPath: '/x', env: {} }, true), (s) => calls.push(s));
      expect(calls, platform).toEqual([{ openAtLogin: true }]);
    }
  });

  it('unpackaged (npm start): nothing registered anywhere, not the bare Electron binary', () => {
    const ctx = linux({ packaged: false });
    const calls: unknown[] = [];
    for (const platform of ['linux', 'darwin', 'win32'] as const) applyLoginItem(loginItemPlan({ ...ctx, platform }, true), (s) => calls.push(s));
    expect(calls).toEqual([]);
    expect(existsSync(join(root!, 'autostart'))).toBe(false);
  });

  it('an autostart folder that cannot be made: an INVALID_INPUT error with what to do, in both languages', () => {
    const ctx = linux();
    writeFileSync(join(root!, 'autostart'), 'a file in the way');
    let caught: unknown;
    try {
      applyLoginItem(loginItemPlan(ctx, true), () => undefined);
    } catch (e) {
      caught = e;
    }
    const v = (caught as { view(): { code: string; message: string; zh?: { message: string } } }).view();
    expect(v.code).toBe('INVALID_INPUT');
    expect(v.message).toMatch(/autostart entry .* could not be written \((EEXIST|ENOTDIR)\)/);
    expect(v.zh!.message).toMatch(/无法写入自启动项/);
  });
});
