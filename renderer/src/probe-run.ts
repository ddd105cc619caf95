// One account's probe: the form's values and the run (live report, error), kept by the account
// panel rather than the Probe tab, so a run started there survives a look at the other tabs.
import { useEffect, useRef, useState } from 'react';
import type { AccountView, ErrorView, ProbeInput, ProbeMode, ProbeReport } from '../../electron/api';
import { api } from './bridge';
import { newRunId } from './probe';
import { asErrorView } from './state';

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

/** Token, key and AppID come from the account, the URL from its last probe; safe mode when it has a key. */
export function initialProbeFields(account: AccountView): ProbeFields {
  return {
    url: account.callbackUrl ?? '',
    serverToken: account.serverToken,
    aesKey: account.aesKey,
    appId: account.appId,
    mode: account.aesKey ? 'safe' : 'plain',
    message: DEFAULT_MESSAGE,
  };
}

export function useProbeRun(account: AccountView): ProbeRun {
  const [fields, setFields] = useState(() => initialProbeFields(account));
  const [report, setReport] = useState<ProbeReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);
  const alive = useRef(true);
  // A second submit before the button re-renders disabled must not start a second run.
  const busy = useRef(false);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // The URL remembered by another window (or the CLI) shows up here while the field is still empty.
  const remembered = account.callbackUrl;
  useEffect(() => {
    if (remembered) setFields((f) => (f.url === '' ? { ...f, url: remembered } : f));
  }, [remembered]);

  const start = () => {
    if (busy.current) return;
    busy.current = true;
    void run(fields, account.appId);
  };

  const run = async (f: ProbeFields, appId: string) => {
    const runId = newRunId();
    setRunning(true);
    setError(null);
    setReport(null);
    // Progress comes as events of this run; an older step never replaces a newer one.
    const off = api.onChange((ev) => {
      if (ev.type !== 'probe' || ev.report.runId !== runId || !alive.current) return;
      setReport((prev) => (prev && (prev.done || prev.checks.length > ev.report.checks.length) ? prev : ev.report));
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
      if (alive.current) setReport(done);
    } catch (err) {
      if (alive.current) {
        setReport(null);
        setError(asErrorView(err));
      }
    } finally {
      off();
      busy.current = false;
      if (alive.current) setRunning(false);
    }
  };

  return {
    fields,
    setField: (key, value) => setFields((f) => ({ ...f, [key]: value })),
    report,
    running,
    error,
    start,
  };
}
