// State of the Signature tab: the fields of its three panes, and the hook that recomputes a result
// as the user types (debounced; an answer to older input is dropped). The computing itself is done
// by the main process (DashboardApi.sign*), the renderer has no sha1 or AES.
import { useEffect, useRef, useState } from 'react';
import type { AccountView, CallbackFieldsView, DecryptView, EncryptView, ErrorView } from '../../../../electron/contract';
import type { AccountMemory } from '../../app/memory';
import { rebase } from '../../rebase';
import { Slot } from '../../slot';
import { asErrorView } from '../../state';

export type LabPane = 'server' | 'safe' | 'jssdk';

export interface ServerFields {
  token: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

export interface SafeFields {
  token: string;
  timestamp: string;
  nonce: string;
  signature: string;
  encrypt: string;
  aesKey: string;
  appId: string;
  message: string;
}

export interface JssdkFields {
  ticket: string;
  noncestr: string;
  timestamp: string;
  url: string;
  signature: string;
}

export interface LabFields {
  server: ServerFields;
  safe: SafeFields;
  jssdk: JssdkFields;
}

/** What the panes start with: the account's Token, EncodingAESKey and AppID, the rest empty. */
export function initialFields(account: AccountView): LabFields {
  return {
    server: { token: account.serverToken, timestamp: '', nonce: '', signature: '' },
    safe: { token: account.serverToken, timestamp: '', nonce: '', signature: '', encrypt: '', aesKey: account.aesKey, appId: account.appId, message: '' },
    jssdk: { ticket: '', noncestr: '', timestamp: '', url: '', signature: '' },
  };
}

/** The crypto card's last answer, with the fields it was for: shown only while they still hold those values. */
export interface CryptoState {
  busy: 'decrypt' | 'encrypt' | null;
  done: { kind: 'decrypt'; view: DecryptView } | { kind: 'encrypt'; view: EncryptView } | null;
  error: { kind: 'decrypt' | 'encrypt'; view: ErrorView } | null;
  basis: CryptoBasis | null;
}

export type CryptoBasis = Pick<SafeFields, 'aesKey' | 'appId' | 'message' | 'encrypt'>;

export const cryptoBasis = (f: CryptoBasis): CryptoBasis => ({ aesKey: f.aesKey, appId: f.appId, message: f.message, encrypt: f.encrypt });

/** The wx.config card's last answer and the values it was made from. */
export interface WxConfigState {
  busy: boolean;
  snippet: string | null;
  error: ErrorView | null;
  basis: WxConfigBasis | null;
}

export interface WxConfigBasis {
  appId: string;
  url: string;
  noncestr: string;
  timestamp: string;
}

/** True when every value of `basis` is still the current one. */
export function holds<B extends object>(basis: B | null, current: B): basis is B {
  return basis !== null && (Object.keys(basis) as (keyof B)[]).every((k) => basis[k] === current[k]);
}

/** Everything the Signature tab shows for one account, kept while the user looks elsewhere. */
export interface LabState {
  pane: LabPane;
  fields: LabFields;
  /** The "paste a callback" text. */
  paste: string;
  crypto: CryptoState;
  wxConfig: WxConfigState;
  /** What the fields started from: the account's values then (see rebaseLab). */
  defaults: LabFields;
}

export function initialLab(account: AccountView): LabState {
  const fields = initialFields(account);
  return {
    pane: 'server',
    fields,
    paste: '',
    crypto: { busy: null, done: null, error: null, basis: null },
    wxConfig: { busy: false, snippet: null, error: null, basis: null },
    defaults: fields,
  };
}

/** The account's lab slot, kept in its memory: made the first time the Signature tab opens. */
export const labSlot = (memory: AccountMemory, account: AccountView): Slot<LabState> => memory.keep('lab', () => new Slot(initialLab(account)));

/** The account was edited (its Token, EncodingAESKey): fields still at the old values follow. */
export function rebaseLab(lab: LabState, account: AccountView): LabState {
  const next = initialFields(account);
  if (JSON.stringify(next) === JSON.stringify(lab.defaults)) return lab;
  const { fields, defaults } = lab;
  return {
    ...lab,
    fields: {
      server: rebase(fields.server, defaults.server, next.server),
      safe: rebase(fields.safe, defaults.safe, next.safe),
      jssdk: rebase(fields.jssdk, defaults.jssdk, next.jssdk),
    },
    defaults: next,
  };
}

/** The field names a paste filled, per pane, and the pane it belongs to. */
export interface PasteFill {
  pane: 'server' | 'safe';
  server: Partial<ServerFields>;
  safe: Partial<SafeFields>;
}

/**
 * Where the fields of a pasted callback go. A safe-mode request (msg_signature or an <Encrypt>
 * body) goes to Safe mode, and its plain `signature` to Server as well; a plain one to Server.
 * Only the fields found are written: an XML body alone keeps the timestamp already entered.
 */
export function routePaste(f: CallbackFieldsView): PasteFill | null {
  const server: Partial<ServerFields> = {};
  const safe: Partial<SafeFields> = {};
  const safeLike = f.msg_signature !== undefined || f.encrypt !== undefined;
  if (f.signature !== undefined || !safeLike) {
    if (f.timestamp !== undefined) server.timestamp = f.timestamp;
    if (f.nonce !== undefined) server.nonce = f.nonce;
    if (f.signature !== undefined) server.signature = f.signature;
  }
  if (safeLike) {
    if (f.timestamp !== undefined) safe.timestamp = f.timestamp;
    if (f.nonce !== undefined) safe.nonce = f.nonce;
    if (f.msg_signature !== undefined) safe.signature = f.msg_signature;
    if (f.encrypt !== undefined) safe.encrypt = f.encrypt;
  }
  if (Object.keys(server).length === 0 && Object.keys(safe).length === 0) return null;
  return { pane: safeLike ? 'safe' : 'server', server, safe };
}

export interface Live<R> {
  result: R | null;
  error: ErrorView | null;
  /** An answer for newer input is on its way (the shown result is for older input). */
  pending: boolean;
}

/** Non-empty optional field, else left out (an empty "signature to check" means "don't check"). */
export const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * `run(input)` about `delayMs` after `input` last changed; `null` input means "not enough to ask"
 * and clears the result. Answers to anything but the latest input are ignored.
 */
export function useLive<I, R>(input: I | null, run: (input: I) => Promise<R>, delayMs = 150): Live<R> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<Live<R>>({ result: null, error: null, pending: false });
  const runRef = useRef(run);
  runRef.current = run;

  useEffect(() => {
    if (key === null) {
      setState({ result: null, error: null, pending: false });
      return;
    }
    let current = true;
    setState((s) => (s.pending ? s : { ...s, pending: true }));
    const timer = setTimeout(() => {
      runRef.current(JSON.parse(key) as I).then(
        (result) => current && setState({ result, error: null, pending: false }),
        (e: unknown) => current && setState({ result: null, error: asErrorView(e), pending: false }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  return state;
}
