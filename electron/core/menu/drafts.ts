// The menu drafts: one per account, in menu-drafts.json beside the other state files. This machine's
// own, like the console history (a teammate's half-made menu is not shared); removed with the
// account. A draft is the menu as menu/create takes it, already cut to its known fields.
import { join } from 'node:path';
import type { MenuDraft, StoreNotice } from '../../contract';
import { JsonFile } from '../state/json-file';

export interface KeptDraft {
  menu: MenuDraft;
  savedAt: number;
}

type DraftDoc = Record<string, KeptDraft>;

function checkDoc(v: unknown): DraftDoc | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  for (const d of Object.values(v)) {
    if (typeof d !== 'object' || d === null || typeof (d as KeptDraft).savedAt !== 'number') return null;
    const menu = (d as KeptDraft).menu as unknown;
    if (typeof menu !== 'object' || menu === null || !Array.isArray((menu as MenuDraft).button)) return null;
  }
  return v as DraftDoc;
}

export class MenuDrafts {
  private readonly file: JsonFile<DraftDoc>;

  constructor(dataDir: string, onDamage?: (n: StoreNotice) => void) {
    this.file = new JsonFile({
      path: join(dataDir, 'menu-drafts.json'),
      lockPath: join(dataDir, 'locks', 'store.lock'),
      empty: () => ({}),
      check: checkDoc,
      ...(onDamage ? { onDamage } : {}),
    });
  }

  get(appId: string): KeptDraft | undefined {
    const doc = this.file.read();
    return Object.hasOwn(doc, appId) ? structuredClone(doc[appId]) : undefined;
  }

  async save(appId: string, menu: MenuDraft, savedAt: number): Promise<void> {
    await this.file.transact((doc) => {
      doc[appId] = { menu: structuredClone(menu), savedAt };
    });
  }

  async forget(appId: string): Promise<void> {
    if (!Object.hasOwn(this.file.fresh(), appId)) return;
    await this.file.transact((doc) => {
      delete doc[appId];
    });
  }
}
