// One account's probe: the form's values and the run (live report, error), kept in the account's
// slot (memory.ts) rather than the Probe tab, so a run started there survives a look at the other
// tabs and at other accounts.
import { useEffect } from 'react';
import type { AccountView, ErrorView, ProbeInput, ProbeMode, ProbeReport } from '../../../../electron/contract';
import { api } from '../../bridge';
import { newRunId } from './probe';
import type { AccountMemory } from '../../app/memory';
import { rebase } from '../../rebase';
import { Slot, useSlot } from '../../slot';
import { asErrorView } from '../../state';

export interface ProbeFields {
  url: string;
  serverToken: string;
  aesKey: string;
  appId: string;
  mode: ProbeMode;
  message: string;
}

export interface ProbeRun {
  fields: ProbeFields;
  setField<K extends keyof ProbeFields>(key: K, value: ProbeFields[K]): void;
  /** The latest step of the current (or last) run; null before one, or when it was refused. */
  report: ProbeReport | null;
  running: boolean;
  error: ErrorView | null;
  start(): void;
}

const DEFAULT_MESSAGE = 'Hello from WxDesk';

/**
 * Token, key and AppID come from the account, the URL from its last probe, the mode from its
 * message mode (never from its key: WeChat's page shows one even in plain mode).
 */
export function initialProbeFields(account: AccountView): ProbeFields {
  return {
    url: account.callbackUrl ?? '',
    serverToken: account.serverToken,
    aesKey: account.aesKey,
    appId: account.appId,
    mode: account.messageMode,
    message: DEFAULT_MESSAGE,
  };
}

/** One account's probe as kept in its slot: the form, and the current (or last) run. */
export interface ProbeState {
  fields: ProbeFields;
  report: ProbeReport | null;
  running: boolean;
  error: ErrorView | null;
  /** What the fields started from: the account's values then (the Token, key and AppID follow an edit). */
  defaults: ProbeFields;
}

export function initialProbe(account: AccountView): ProbeState {
  const fields = initialProbeFields(account);
  return { fields, report: null, running: false, error: null, defaults: fields };
}

/** The account's probe slot, kept in its memory: made the first time the Probe tab opens. */
export const probeSlot = (memory: AccountMemory, account: AccountView): Slot<ProbeState> => memory.keep('probe', () => new Slot(initialProbe(account)));

/**
 * The probe of an account, over its slot: the form and the run outlast the Probe tab and the account
 * panel (a run goes on, and its report lands in the slot, while the user looks at another account).
 */
export function useProbeRun(account: AccountView, slot: Slot<ProbeState>): ProbeRun {
  const { fields, report, running, error } = useSlot(slot);

  // The URL remembered by another window (or the CLI) shows up here while the field is still empty.
  const remembered = account.callbackUrl;
  useEffect(() => {
    if (remembered) slot.set((s) => (s.fields.url === '' ? { ...s, fields: { ...s.fields, url: remembered } } : s));
  }, [slot, remembered]);

  // The account was edited meanwhile: values still at its old Token, key or AppID follow.
  useEffect(() => {
    slot.set((s) => {
      const next = initialProbeFields(account);
      if (JSON.stringify(next) === JSON.stringify(s.defaults)) return s;
      return { ...s, fields: rebase(s.fields, s.defaults, next, ['url']), defaults: next };
    });
  }, [slot, account]);

  const start = () => {
    // A second submit before the button re-renders disabled must not start a second run.
    if (slot.get().running) return;
    void runProbe(slot, slot.get().fields, account.appId);
  };

  return {
    fields,
    setField: (key, value) => slot.set((s) => ({ ...s, fields: { ...s.fields, [key]: value } })),
    report,
    running,
    error,
    start,
  };
}

async function runProbe(slot: Slot<ProbeState>, f: ProbeFields, appId: string): Promise<void> {
  const runId = newRunId();
  slot.set((s) => ({ ...s, running: true, error: null, report: null }));
  // Progress comes as events of this run; an older step never replaces a newer one.
  const off = api.onChange((ev) => {
    if (ev.type !== 'probe' || ev.report.runId !== runId) return;
    slot.set((s) => {
      const prev = s.report;
      return prev && (prev.done || prev.checks.length > ev.report.checks.length) ? s : { ...s, report: ev.report };
    });
  });
  const input: ProbeInput = {
    url: f.url,
    serverToken: f.serverToken,
    mode: f.mode,
    message: f.message,
    ...(f.mode === 'plain' ? {} : { aesKey: f.aesKey, appId: f.appId }),
    account: appId,
    runId,
  };
  try {
    const done = await api.probe(input);
    slot.set((s) => ({ ...s, report: done }));
  } catch (err) {
    slot.set((s) => ({ ...s, report: null, error: asErrorView(err) }));
  } finally {
    off();
    slot.set((s) => ({ ...s, running: false }));
  }
}
