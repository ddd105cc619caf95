// The desktop's application menu, shortcuts and tray name an action ({type:'command'} events); the
// page carries it out, since it holds the selection and the forms. The dispatch is a plain function
// over a small target, so it can be driven without React; useCommands wires it to the events and to
// the page's own shortcut (Ctrl/Cmd+K, for the browser, where no menu sends findAccount).
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { AccountView, DashboardEvent, DesktopCommand } from '../../../electron/contract';
import { api, commandsReady } from '../bridge';

/** What a command acts on: the page's accounts, selection and forms. */
export interface CommandTarget {
  /** The account list as shown (the search box may have narrowed it), in order. */
  shown(): readonly AccountView[];
  /** Every account. */
  all(): readonly AccountView[];
  selected(): string | null;
  /** Shows the account; on its Token tab when asked. */
  select(appId: string, opts?: { tokenTab?: boolean }): void;
  /** The Refresh button of the account's token card. */
  refresh(appId: string): void;
  /** The token card's Copy token. */
  copyToken(appId: string): void;
  addAccount(): void;
  findAccount(): void;
}

/** Carries out one command; anything it cannot apply to (no selection, a place past the end) is ignored. */
export function runCommand(command: DesktopCommand, target: CommandTarget): void {
  switch (command.name) {
    case 'refresh':
    case 'copyToken': {
      const appId = target.selected();
      if (!appId || !target.all().some((a) => a.appId === appId)) return;
      if (command.name === 'refresh') target.refresh(appId);
      else target.copyToken(appId);
      return;
    }
    case 'addAccount':
      target.addAccount();
      return;
    case 'findAccount':
      target.findAccount();
      return;
    case 'selectIndex': {
      const { index } = command;
      if (!Number.isInteger(index) || index < 0) return;
      const account = target.shown()[index];
      if (account) target.select(account.appId);
      return;
    }
    case 'selectAccount':
      if (target.all().some((a) => a.appId === command.appId)) target.select(command.appId, { tokenTab: true });
      return;
  }
}

export function commandOf(event: DashboardEvent): DesktopCommand | null {
  return event.type === 'command' ? event.command : null;
}

/** Ctrl+K (Cmd+K on a Mac): the page's own way to the search box, in the browser as in the desktop. */
export function isFindShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/** Runs the commands of the desktop's menu, shortcuts and tray, and the page's Ctrl/Cmd+K, on `target`. */
export function useCommands(target: CommandTarget): void {
  const latest = useRef(target);
  useLayoutEffect(() => {
    latest.current = target;
  });
  useEffect(() => {
    const off = api.onChange((e) => {
      const command = commandOf(e);
      if (command) runCommand(command, latest.current);
    });
    // Subscribed: the desktop may send the commands it kept for this page (a new window's first one).
    commandsReady();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isFindShortcut(e)) return;
      e.preventDefault();
      runCommand({ name: 'findAccount' }, latest.current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      off();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
