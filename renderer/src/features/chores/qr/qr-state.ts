// The QR panel's state for an account (kept in its memory): the form, the last code made, and the
// last simulated scan. Its rules as WeChat's qrcode/create documents them (see WECHAT.md).
import type { ErrorView, PushExchange, QrInput, QrResult } from '../../../../../electron/contract';
import type { AccountMemory } from '../../../app/memory';
import { Slot } from '../../../slot';

export interface QrForm {
  permanent: boolean;
  sceneKind: 'id' | 'str';
  scene: string;
  expire: string;
}

export interface QrState {
  form: QrForm;
  creating: boolean;
  result: QrResult | null;
  /** The scene the result was made with (for the scan and the file name). */
  scene: string;
  error: ErrorView | null;
  scanning: boolean;
  scan: PushExchange | null;
  scanError: ErrorView | null;
}

export const qrSlot = (memory: AccountMemory): Slot<QrState> =>
  memory.keep(
    'chores-qr',
    () =>
      new Slot<QrState>({
        form: { permanent: false, sceneKind: 'id', scene: '123', expire: '604800' },
        creating: false,
        result: null,
        scene: '',
        error: null,
        scanning: false,
        scan: null,
        scanError: null,
      }),
  );

/** WeChat's bounds: a temporary code lives at most 30 days; number scenes are 32-bit (permanent: up to 100,000); text scenes 1-64 characters. */
export const MAX_EXPIRE = 2_592_000;
export const MAX_SCENE_ID = 4_294_967_295;
export const MAX_PERMANENT_SCENE_ID = 100_000;
export const MAX_SCENE_STR = 64;

export type QrProblem = 'scene' | 'sceneStr' | 'expire';

/** What is wrong with the form (nothing is sent while something is). */
export function qrProblems(f: QrForm): QrProblem[] {
  const out: QrProblem[] = [];
  if (f.sceneKind === 'id') {
    const max = f.permanent ? MAX_PERMANENT_SCENE_ID : MAX_SCENE_ID;
    const n = Number(f.scene.trim());
    if (!/^\d+$/.test(f.scene.trim()) || n < 1 || n > max) out.push('scene');
  } else if (f.scene.length < 1 || f.scene.length > MAX_SCENE_STR) out.push('sceneStr');
  if (!f.permanent) {
    const e = Number(f.expire.trim());
    if (!/^\d+$/.test(f.expire.trim()) || e < 1 || e > MAX_EXPIRE) out.push('expire');
  }
  return out;
}

export function qrInput(appId: string, f: QrForm): QrInput {
  return {
    appId,
    permanent: f.permanent,
    scene: f.sceneKind === 'id' ? Number(f.scene.trim()) : f.scene,
    ...(f.permanent ? {} : { expireSeconds: Number(f.expire.trim()) }),
  };
}

/**
 * The push a scan of the code makes: a user who does not follow yet subscribes with the scene
 * (EventKey qrscene_<scene>); one who follows already sends SCAN (EventKey <scene>). Both carry the Ticket.
 */
export function scanFields(event: 'subscribe' | 'SCAN', scene: string, ticket: string): Record<string, string> {
  return { EventKey: event === 'subscribe' ? `qrscene_${scene}` : scene, Ticket: ticket };
}
