// One account's API console: the form, the last answer and the history, kept in the account's store
// (memory.ts) rather than the Console tab, so what was typed and received survives a look at the
// other tabs and at other accounts.
import { useCallback, useEffect } from 'react';
import type { AccountView, ConsoleFileView, ConsoleHistoryView, ConsoleInput, ConsoleMethod, ConsolePreset, ConsoleResult, ErrorView } from '../../../../electron/contract';
import { mergeQuery, normaliseApiPath } from '../../../../electron/core/console/api-path';
import { parseQueryLines } from '../../../../electron/core/console/format';
import { CONSOLE_PRESETS, presetById, presetInput } from '../../../../electron/core/console/presets';
import { api } from '../../bridge';
import { CONSOLE_FILE_MAX_BYTES } from './binary';
import type { AccountMemory } from '../../app/memory';
import { Slot, useSlot } from '../../slot';
import { asErrorView } from '../../state';

export interface ConsoleFields {
  /** The preset the form was filled from ('' for a custom request). */
  presetId: string;
  method: ConsoleMethod;
  path: string;
  /** One `key=value` per line. */
  query: string;
  /** JSON as typed; sent with POST only, and not when a file is chosen. */
  body: string;
  /** The multipart form field of the file ("media" for WeChat's uploads). */
  fileField: string;
  /** Text fields sent with the file, one `key=value` per line. */
  textFields: string;
}

/** The file chosen for a multipart POST: kept in memory only, read when sent. */
export type ChosenFile = Pick<File, 'name' | 'size' | 'type' | 'arrayBuffer'>;

/** Why a chosen file is not sent (checked before it is read). */
export type FileProblem = { problem: 'empty' } | { problem: 'tooLarge'; size: number; max: number };

export function checkFile(file: Pick<ChosenFile, 'size'>): FileProblem | null {
  if (file.size === 0) return { problem: 'empty' };
  if (file.size > CONSOLE_FILE_MAX_BYTES) return { problem: 'tooLarge', size: file.size, max: CONSOLE_FILE_MAX_BYTES };
  return null;
}

/** The chosen file could not be read when sent (moved, deleted or changed since): refused input, nothing sent. */
export const FILE_UNREADABLE: ErrorView = {
  code: 'INVALID_INPUT',
  kind: 'input',
  message: 'The chosen file could not be read (it was moved, deleted or changed after it was chosen): nothing was sent.',
  hint: 'Choose the file again, then Send.',
  zh: { message: '无法读取所选文件（选择之后它被移动、删除或修改了）：未发送任何内容。', hint: '请重新选择文件，再点击发送。' },
};

/** The file's bytes as base64, without a data: prefix. */
export async function base64Of(file: Pick<Blob, 'arrayBuffer'>): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export interface ConsoleRun {
  fields: ConsoleFields;
  setField<K extends keyof ConsoleFields>(key: K, value: ConsoleFields[K]): void;
  /** Fills the form from a preset of the catalogue ('' keeps the form, as a custom request). */
  choosePreset(id: string): void;
  /** Replaces the whole form (a history line to re-run). */
  setFields(fields: ConsoleFields): void;
  result: ConsoleResult | null;
  running: boolean;
  /** The call itself failed (refused input, network, no token): no answer to show. */
  error: ErrorView | null;
  /** Newest first; null until first fetched. */
  history: ConsoleHistoryView[] | null;
  historyError: ErrorView | null;
  /** The file to send instead of a body (POST only); null for none. */
  file: ChosenFile | null;
  setFile(file: ChosenFile | null): void;
  /** Sends these fields (the form's by default), with the chosen file when POST. */
  send(fields?: ConsoleFields): void;
}

/** The last 50 lines are kept by the core; never show more. */
export const HISTORY_LIMIT = 50;

const FILE_DEFAULTS = { fileField: 'media', textFields: '' };
const EMPTY: ConsoleFields = { presetId: 'menu-get', method: 'GET', path: '/cgi-bin/menu/get', query: '', body: '', ...FILE_DEFAULTS };

export function queryText(pairs: readonly (readonly [string, string])[] | undefined): string {
  return (pairs ?? []).map(([k, v]) => `${k}=${v}`).join('\n');
}

/** The catalogue entry of a method and path, if any. */
export function presetFor(method: ConsoleMethod, path: string): ConsolePreset | undefined {
  return CONSOLE_PRESETS.find((p) => p.method === method && p.path === path.trim());
}

/** The preset to ask about before sending: the chosen one, or any that names the same request. */
export function confirmingPreset(f: ConsoleFields): ConsolePreset | undefined {
  const chosen = presetById(f.presetId);
  if (chosen?.confirm && chosen.method === f.method && chosen.path === f.path.trim()) return chosen;
  return CONSOLE_PRESETS.find((p) => p.confirm && p.method === f.method && p.path === f.path.trim());
}

export function fieldsOfPreset(preset: ConsolePreset, appId: string): ConsoleFields {
  const input = presetInput(preset, appId);
  return { presetId: preset.id, method: input.method, path: input.path, query: queryText(input.query), body: input.body ?? '', ...FILE_DEFAULTS };
}

export function fieldsOfHistory(row: ConsoleHistoryView): ConsoleFields {
  const file = row.file ? { fileField: row.file.field, textFields: queryText(row.file.fields) } : FILE_DEFAULTS;
  return { presetId: presetFor(row.method, row.path)?.id ?? '', method: row.method, path: row.path, query: queryText(row.query), body: row.body, ...file };
}

/** The request the core is asked for: the body only with POST, and only when there is one. */
export function inputOf(appId: string, f: Pick<ConsoleFields, 'method' | 'path' | 'query' | 'body'>): ConsoleInput {
  return inputOfRecord(appId, { method: f.method, path: f.path.trim(), query: parseQueryLines(f.query), body: f.body.trim() === '' ? '' : f.body });
}

/**
 * The form with Path set to what was typed or pasted. A full URL on one of WeChat's hosts, once its
 * host is typed in full, becomes its path; its query goes into Query (merged, in order) and its
 * access_token, placeholder or real, goes nowhere: it is never sent, and never kept in the form.
 */
export function withPath(f: ConsoleFields, typed: string): ConsoleFields {
  const given = normaliseApiPath(typed);
  if (!given.ok || !given.fromUrl || !given.hostEnded) return { ...f, path: typed };
  const query = given.query.length === 0 ? f.query : queryText(mergeQuery(parseQueryLines(f.query), given.query));
  return { ...f, path: given.path, query };
}

/**
 * A request as recorded (an answer's request, a history line), as the core takes it again. A file
 * is named without its bytes (they are never kept): enough for curl, which needs its name only.
 */
export function inputOfRecord(appId: string, r: { method: ConsoleMethod; path: string; query: [string, string][]; body: string; file?: ConsoleFileView }): ConsoleInput {
  const input: ConsoleInput = { appId, method: r.method, path: r.path, query: r.query };
  if (r.method === 'POST' && r.body !== '') input.body = r.body;
  if (r.method === 'POST' && r.file) input.file = { field: r.file.field, fileName: r.file.fileName, contentType: r.file.contentType, base64: '', ...(r.file.fields ? { fields: r.file.fields } : {}) };
  return input;
}

/** The request with the chosen file as its multipart body (POST only; the JSON body is then not sent). */
export async function inputWithFile(appId: string, f: ConsoleFields, file: ChosenFile | null): Promise<ConsoleInput> {
  const input = inputOf(appId, f);
  if (!file || f.method !== 'POST') return input;
  delete input.body;
  const fields = parseQueryLines(f.textFields);
  input.file = { field: f.fileField.trim(), fileName: file.name, base64: await base64Of(file), ...(file.type ? { contentType: file.type } : {}), ...(fields.length ? { fields } : {}) };
  return input;
}

/** Asks the core for a curl line and puts it on the clipboard (the page writes it when the host could not). */
export async function copyCurl(input: ConsoleInput, reveal: boolean): Promise<boolean> {
  const result = await api.consoleCurl(input, reveal);
  if (result.copied) return true;
  try {
    await navigator.clipboard.writeText(result.text);
    return true;
  } catch {
    return false;
  }
}

/** One account's console as kept in its slot: the form, the last answer and the history. */
export interface ConsoleState {
  fields: ConsoleFields;
  file: ChosenFile | null;
  result: ConsoleResult | null;
  running: boolean;
  error: ErrorView | null;
  history: ConsoleHistoryView[] | null;
  historyError: ErrorView | null;
}

/** The slot, plus the number of the latest history fetch (answers can arrive out of order). */
export interface ConsoleStore {
  slot: Slot<ConsoleState>;
  historySeq: number;
}

export function initialConsole(appId: string): ConsoleStore {
  const first = presetById(EMPTY.presetId);
  const fields = first ? fieldsOfPreset(first, appId) : EMPTY;
  return { slot: new Slot<ConsoleState>({ fields, file: null, result: null, running: false, error: null, history: null, historyError: null }), historySeq: 0 };
}

/** The account's console, kept in its memory: made the first time the Console tab opens. */
export const consoleStore = (memory: AccountMemory, appId: string): ConsoleStore => memory.keep('console', () => initialConsole(appId));

/**
 * The console of an account, over its store: what was typed and received outlasts the Console tab
 * and the account panel (a call still running when the user moves on lands in the store).
 */
export function useConsole(account: AccountView, store: ConsoleStore): ConsoleRun {
  const appId = account.appId;
  const { slot } = store;
  const { fields, file, result, running, error, history, historyError } = useSlot(slot);

  const loadHistory = useCallback(() => {
    const seq = ++store.historySeq;
    api.consoleHistory(appId).then(
      (rows) => {
        if (seq === store.historySeq) slot.set((s) => ({ ...s, history: rows.slice(0, HISTORY_LIMIT), historyError: null }));
      },
      (e: unknown) => {
        if (seq === store.historySeq) slot.set((s) => ({ ...s, historyError: asErrorView(e) }));
      },
    );
  }, [appId, store, slot]);

  useEffect(() => {
    loadHistory();
    // Calls from another window or the CLI land in the same history.
    return api.onChange((ev) => {
      if (ev.type === 'console' && ev.appId === appId) loadHistory();
    });
  }, [appId, loadHistory]);

  const send = (f: ConsoleFields = slot.get().fields) => {
    // A second submit before the button re-renders disabled must not send twice.
    if (slot.get().running) return;
    const chosen = slot.get().file;
    // A file past the limit or empty is never read nor sent (the form says why).
    if (f.method === 'POST' && chosen && checkFile(chosen)) return;
    slot.set((s) => ({ ...s, running: true, error: null, result: null }));
    const failed = (error: ErrorView) => slot.set((s) => ({ ...s, error }));
    inputWithFile(appId, f, chosen)
      .then(
        (input) =>
          api.consoleSend(input).then(
            (r) => slot.set((s) => ({ ...s, result: r })),
            (e: unknown) => failed(asErrorView(e)),
          ),
        // The file went away or changed on disk after it was chosen: nothing was sent.
        () => failed(FILE_UNREADABLE),
      )
      .finally(() => {
        slot.set((s) => ({ ...s, running: false }));
        loadHistory();
      });
  };

  const setFields = (update: ConsoleFields | ((f: ConsoleFields) => ConsoleFields)) =>
    slot.set((s) => ({ ...s, fields: typeof update === 'function' ? update(s.fields) : update }));

  return {
    fields,
    setField: (key, value) =>
      setFields((f) => {
        const next = key === 'path' ? withPath(f, value as string) : { ...f, [key]: value };
        // A method or path edited away from the chosen preset makes it a custom request (its Docs
        // link and confirmation no longer apply); one that matches a preset names it.
        if (key === 'method' || key === 'path') {
          const chosen = presetById(f.presetId);
          if (!chosen || chosen.method !== next.method || chosen.path !== next.path.trim()) next.presetId = presetFor(next.method, next.path)?.id ?? '';
        }
        return next;
      }),
    choosePreset: (id) => {
      const preset = presetById(id);
      setFields((f) => (preset ? fieldsOfPreset(preset, appId) : { ...f, presetId: '' }));
    },
    setFields,
    file,
    setFile: (next) => slot.set((s) => ({ ...s, file: next })),
    result,
    running,
    error,
    history,
    historyError,
    send,
  };
}
