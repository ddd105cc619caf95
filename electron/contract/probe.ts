// The probe: WxDesk plays WeChat against the developer's callback server.

/** plain: 明文模式; safe: 安全模式 (ciphertext only); compatible: 兼容模式 (plaintext fields and Encrypt). */
export type ProbeMode = 'plain' | 'safe' | 'compatible';
export type ProbeCheckId = 'url' | 'forged' | 'text' | 'event' | 'retry';
/** fail: WeChat would reject the answer (or the user sees 该公众号暂时无法提供服务); warning: tolerated, probably a mistake. */
export type ProbeVerdict = 'pass' | 'warning' | 'fail' | 'skipped';

/** User text in both languages: the CLI prints `en`, the dashboard shows its language's. */
export interface ProbeText {
  en: string;
  zh: string;
}

export interface ProbeInput {
  /** The callback URL, http(s); its own query is kept and WeChat's parameters are added to it. */
  url: string;
  /** The Token (令牌) configured for the URL. */
  serverToken: string;
  /** EncodingAESKey: needed in safe and compatible mode, ignored in plain mode. */
  aesKey?: string;
  /** The AppID inside every ciphertext; needed with aesKey. */
  appId?: string;
  /** Default: the account's message mode (AccountView.messageMode) when `account` is given, else plain; never guessed from aesKey. */
  mode?: ProbeMode;
  /** The text of the text message pushed (default "Hello from WxDesk"). */
  message?: string;
  /** How long to wait for each answer before giving up, in ms (default 10000, at most 60000). */
  timeoutMs?: number;
  /** An account's AppID: the URL is remembered on it (AccountView.callbackUrl). */
  account?: string;
  /** Tags the progress events of this run (DashboardEvent 'probe'). */
  runId?: string;
}

/** One HTTP request of a check and what came back: exactly as sent and received. */
export interface ProbeExchange {
  request: {
    method: 'GET' | 'POST';
    url: string;
    headers: Record<string, string>;
    body: string;
    /** The same request as a curl command line. */
    curl: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    /** The body as UTF-8 text, cut at 64 KB (truncated says so). */
    body: string;
    truncated?: boolean;
    /** Safe mode: the reply's Encrypt, decrypted (what WeChat would read). */
    decrypted?: string;
  };
  /** No answer: refused, not found, timed out, reset. */
  error?: { code: string; message: string };
  /** From sending the request to the end of the answer. */
  ms: number;
}

export interface ProbeCheckResult {
  id: ProbeCheckId;
  title: ProbeText;
  verdict: ProbeVerdict;
  /** The cause of a fail or warning (what was wrong and what to do), or what was seen on a pass. */
  summary: ProbeText;
  /** Further warnings and notes of the same check. */
  findings: { verdict: 'warning' | 'info'; text: ProbeText }[];
  ms: number;
  exchanges: ProbeExchange[];
}

export interface ProbeReport {
  runId?: string;
  url: string;
  mode: ProbeMode;
  startedAt: number;
  /** The checks of this run, in order. */
  plan: { id: ProbeCheckId; title: ProbeText }[];
  /** Those done so far, in order. */
  checks: ProbeCheckResult[];
  /** The check in progress (progress events only). */
  running?: ProbeCheckId;
  done: boolean;
  /** fail when a check failed, warning when one warned, else pass (so far, until done). */
  verdict: 'pass' | 'warning' | 'fail';
  /** What the user must know whatever the result: WeChat reaches only public URLs on port 80 or 443. */
  notes: ProbeText[];
  /**
   * Warnings about the run as a whole (set when it is done; verdict is then at least warning): in
   * safe or compatible mode, every push answered only "success" or an empty body, so the server may
   * not be decrypting <Encrypt> at all.
   */
  warnings?: ProbeText[];
}

export interface ProbeApi {
  /** Runs the probe's checks against a callback URL; each step is also sent as a 'probe' event. */
  probe(input: ProbeInput): Promise<ProbeReport>;
}

export const PROBE_METHODS = ['probe'] as const satisfies readonly (keyof ProbeApi)[];
