// The console's history: the last 50 requests per account, in console.json beside the other state
// files. This machine's own (like settings): a teammate's console is not shared, and no token is
// ever written here (requests are kept without it).
import { join } from 'node:path';
import type { ConsoleHistoryView, StoreNotice } from '../../contract';
import { JsonFile } from '../state/json-file';

export const CONSOLE_HISTORY_LIMIT = 50;
/** Bodies longer than this are kept cut (a re-run then sends the cut body: the UI says so). */
const KEPT_BODY = 64 * 1024;

type ConsoleDoc = Record<string, ConsoleHistoryView[]>;

function checkDoc(v: unknown): ConsoleDoc | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  for (const list of Object.values(v)) if (!Array.isArray(list)) return null;
  return v as ConsoleDoc;
}

export class ConsoleLog {
  private readonly file: JsonFile<ConsoleDoc>;

  constructor(dataDir: string, onDamage?: (n: StoreNotice) => void) {
    this.file = new JsonFile({
      path: join(dataDir, 'console.json'),
      lockPath: join(dataDir, 'locks', 'store.lock'),
      empty: () => ({}),
      check: checkDoc,
      durable: false,
      ...(onDamage ? { onDamage } : {}),
    });
  }

  /** Newest first. */
  list(appId: string): ConsoleHistoryView[] {
    const doc = this.file.read();
    return Object.hasOwn(doc, appId) ? [...doc[appId]!].reverse() : [];
  }

  find(appId: string, id: string): ConsoleHistoryView | undefined {
    return this.list(appId).find((h) => h.id === id);
  }

  /** Written at once when the store lock is free, else a promise (see JsonFile.transact). */
  append(appId: string, line: ConsoleHistoryView): void | Promise<void> {
    const kept = line.body.length > KEPT_BODY ? { ...line, body: line.body.slice(0, KEPT_BODY) } : line;
    return this.file.transact((doc) => {
      const list = Object.hasOwn(doc, appId) ? doc[appId]! : [];
      doc[appId] = [...list, kept].slice(-CONSOLE_HISTORY_LIMIT);
    });
  }

  forget(appId: string): void | Promise<void> {
    if (!Object.hasOwn(this.file.fresh(), appId)) return;
    return this.file.transact((doc) => {
      delete doc[appId];
    });
  }
}
