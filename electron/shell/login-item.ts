// "Start WxDesk at login". Electron's setLoginItemSettings works on macOS and Windows only; on Linux
// the freedesktop way is an autostart entry, `$XDG_CONFIG_HOME/autostart/wxdesk.desktop`. An
// unpackaged run (npm start) registers nothing: it would register the bare Electron binary.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { invalidInput } from '../core/errors';

export interface LoginItemContext {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** process.execPath: the app's binary (for the deb, /opt/WxDesk/wxdesk). */
  execPath: string;
  env: NodeJS.ProcessEnv;
}

export type LoginItemPlan =
  | { kind: 'none' }
  | { kind: 'electron'; openAtLogin: boolean }
  | { kind: 'xdg'; path: string; content: string | null };

/** The autostart entry of the freedesktop Desktop Application Autostart spec. */
export function autostartPath(env: NodeJS.ProcessEnv): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(config, 'autostart', 'wxdesk.desktop');
}

/** One Exec argument, quoted as the Desktop Entry spec says ("…", with \ " ` $ escaped, and % doubled). */
export function execArg(path: string): string {
  return `"${path.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

export function loginItemPlan(ctx: LoginItemContext, enabled: boolean): LoginItemPlan {
  if (!ctx.packaged) return { kind: 'none' };
  if (ctx.platform === 'darwin' || ctx.platform === 'win32') return { kind: 'electron', openAtLogin: enabled };
  if (ctx.platform !== 'linux') return { kind: 'none' };
  const path = autostartPath(ctx.env);
  if (!enabled) return { kind: 'xdg', path, content: null };
  // An AppImage runs from a temporary mount: the entry must start the AppImage file itself.
  const binary = ctx.env.APPIMAGE || ctx.execPath;
  const content = ['[Desktop Entry]', 'Type=Application', 'Version=1.0', 'Name=WxDesk', 'Comment=access_token dashboard for WeChat Official Account developers', `Exec=${execArg(binary)}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
  return { kind: 'xdg', path, content };
}

/** Carries a plan out: Electron's login item, or the autostart file written (0644) or removed. */
export function applyLoginItem(plan: LoginItemPlan, setLoginItemSettings: (s: { openAtLogin: boolean }) => void): void {
  if (plan.kind === 'electron') setLoginItemSettings({ openAtLogin: plan.openAtLogin });
  if (plan.kind !== 'xdg') return;
  try {
    if (plan.content === null) rmSync(plan.path, { force: true });
    else {
      mkdirSync(dirname(plan.path), { recursive: true, mode: 0o700 });
      writeFileSync(plan.path, plan.content, { mode: 0o644 });
    }
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw invalidInput(
      `The autostart entry ${plan.path} could not be ${plan.content === null ? 'removed' : 'written'} (${reason}). Check that folder's permissions, then switch "Start WxDesk at login" again.`,
      `无法${plan.content === null ? '删除' : '写入'}自启动项 ${plan.path}（${reason}）。请检查该目录的权限，然后重新切换「登录时启动 WxDesk」。`,
    );
  }
}
