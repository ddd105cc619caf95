// The media uploaded per account (issue 25), in media-uploads.json beside the other state files:
// this machine's own list, like the console history; the last 200 an account, newest first.
import { join } from 'node:path';
import type { MediaUploadView, StoreNotice } from '../../contract';
import { JsonFile } from '../state/json-file';

export const UPLOADS_KEPT = 200;

type UploadDoc = Record<string, MediaUploadView[]>;

function checkDoc(v: unknown): UploadDoc | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  for (const list of Object.values(v)) {
    if (!Array.isArray(list) || list.some((u) => typeof u !== 'object' || u === null || typeof (u as MediaUploadView).createdAt !== 'number')) return null;
  }
  return v as UploadDoc;
}

export class MediaUploads {
  private readonly file: JsonFile<UploadDoc>;

  constructor(dataDir: string, onDamage?: (n: StoreNotice) => void) {
    this.file = new JsonFile({
      path: join(dataDir, 'media-uploads.json'),
      lockPath: join(dataDir, 'locks', 'store.lock'),
      empty: () => ({}),
      check: checkDoc,
      ...(onDamage ? { onDamage } : {}),
    });
  }

  list(appId: string): MediaUploadView[] {
    const doc = this.file.read();
    return Object.hasOwn(doc, appId) ? structuredClone(doc[appId] as MediaUploadView[]) : [];
  }

  async add(view: MediaUploadView): Promise<void> {
    await this.file.transact((doc) => {
      const list = Object.hasOwn(doc, view.appId) ? (doc[view.appId] as MediaUploadView[]) : [];
      doc[view.appId] = [structuredClone(view), ...list].slice(0, UPLOADS_KEPT);
    });
  }

  async forget(appId: string): Promise<void> {
    if (!Object.hasOwn(this.file.fresh(), appId)) return;
    await this.file.transact((doc) => {
      delete doc[appId];
    });
  }
}
