// Who the app is to the OS. electron-builder's appId (electron-builder.json) is also the Windows
// Application User Model ID its NSIS installer gives the Start-menu shortcut; toasts are shown under
// the shortcut with the same ID, so the app must claim it, or Windows names them "electron.app.WxDesk".
export const APP_ID = 'dev.wxdesk.desktop';

/** The AppUserModelID to set at start: Windows only (setAppUserModelId is win32-only in electron.d.ts). */
export function appUserModelId(platform: NodeJS.Platform): string | null {
  return platform === 'win32' ? APP_ID : null;
}
