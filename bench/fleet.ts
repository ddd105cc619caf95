// An agency's data dir: many accounts, their tokens fetched cold by `wxdesk serve` as it starts.
// Shared by the memory section (serve with 1,000 accounts vs 1) and the page section (the dashboard
// with 1,000 accounts). The accounts are saved once, with the keeper not started, by the core's own
// AccountService (createCore, a stable entry point) into template data dirs; each measured start
// copies a template, so every start is cold. Their API base is a counting proxy in this process
// that holds every call for the fake's delay and passes it on to the fake WeChat API: it counts the
// upstream token calls in flight, as the fake sees them.
import { cpSync } from 'node:fs';
import { Agent, createServer, request, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore } from '../electron/core/services';
import type { FakeWeChat } from '../test/fixtures/fake-wechat';
import { startServe, tempDir, type Server } from './endpoint';
import { appId, dashboardCall, log, secret as randomSecret, sleep } from './lib';
import type { Context } from './types';

const TOKEN_PATH = /^\/cgi-bin\/(stable_)?token(\?|$)/;
/** A cold start that has not fetched every token by then fails the run. */
const START_TIMEOUT_MS = 120_000;

export interface CountingProxy {
  url: string;
  /** Token calls received, answered, and the most in flight at once, since the last reset. */
  counts(): { calls: number; answered: number; peak: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string, delayMs: number): Promise<CountingProxy> {
  const agent = new Agent({ keepAlive: true });
  const timers = new Set<NodeJS.Timeout>();
  let c = { calls: 0, answered: 0, peak: 0, inFlight: 0 };
  const server: HttpServer = createServer((req, res) => {
    const counted = TOKEN_PATH.test(req.url ?? '');
    if (counted) {
      c.calls++;
      c.peak = Math.max(c.peak, ++c.inFlight);
      const mine = c;
      res.once('close', () => {
        mine.inFlight--;
        if (res.writableFinished) mine.answered++;
      });
    }
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const up = request(target + req.url, { method: req.method, headers: req.headers, agent }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(Buffer.concat(chunks));
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ calls: c.calls, answered: c.answered, peak: c.peak }),
    reset: () => (c = { calls: 0, answered: 0, peak: 0, inFlight: 0 }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

export interface Fleet {
  proxy: CountingProxy;
  /** Every account of the large template; the first is the only one of the small template. */
  accounts: { id: string; secret: string }[];
  templates: { one: string; many: string };
  close(): Promise<void>;
}

async function template(ctx: Context, name: string, accounts: Fleet['accounts'], apiBase: string): Promise<string> {
  const dir = tempDir(ctx, name);
  const core = createCore({ dataDir: dir });
  try {
    for (const a of accounts) await core.accounts.save({ appId: a.id, secret: a.secret, apiBase, mode: 'stable' });
  } finally {
    await core.close();
  }
  return dir;
}

/** The proxy and both templates: `count` accounts registered with the fake, saved in the large template. */
export async function prepareFleet(ctx: Context, fake: FakeWeChat, count: number): Promise<Fleet> {
  const proxy = await startCountingProxy(fake.url, ctx.settings.fakeDelayMs);
  try {
    const accounts = Array.from({ length: count }, () => ({ id: appId(), secret: randomSecret() }));
    for (const a of accounts) fake.addAccount(a.id, a.secret);
    const t0 = Date.now();
    const templates = { one: await template(ctx, 'fleet1', accounts.slice(0, 1), proxy.url), many: await template(ctx, `fleet${count}`, accounts, proxy.url) };
    log(`fleet: ${count} accounts saved in ${((Date.now() - t0) / 1000).toFixed(1)} s; their API base is the counting proxy ${proxy.url} (+${ctx.settings.fakeDelayMs} ms per call)`);
    return { proxy, accounts, templates, close: () => proxy.close() };
  } catch (e) {
    await proxy.close();
    throw e;
  }
}

export interface ColdStart {
  serve: Server & { key: string };
  /** Spawn until every account holds a token (confirmed through the dashboard API). */
  ms: number;
  /** Spawn until the proxy had answered every account's token call. */
  upstreamMs: number;
  /** Upstream token calls during the start, and the most in flight at once. */
  calls: number;
  peak: number;
}

/** `wxdesk serve` on a fresh copy of a template, once every account holds a token. */
export async function coldStart(ctx: Context, fleet: Fleet, which: 'one' | 'many'): Promise<ColdStart> {
  const n = which === 'one' ? 1 : fleet.accounts.length;
  const dir = tempDir(ctx, `cold-${which}`);
  cpSync(fleet.templates[which], dir, { recursive: true });
  fleet.proxy.reset();
  const t0 = process.hrtime.bigint();
  const serve = await startServe(ctx, dir);
  const key = serve.key!;
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    // The proxy's count says when to start asking serve (cheap); serve's own views say when it holds them.
    while (fleet.proxy.counts().answered < n && Date.now() < deadline) await sleep(10);
    const upstreamMs = Number(process.hrtime.bigint() - t0) / 1e6;
    let holding = 0;
    while (Date.now() < deadline) {
      const views = await dashboardCall<{ token: string | null }[]>(serve.url, key, 'tokens');
      holding = views.filter((v) => v.token).length;
      if (holding >= n) break;
      await sleep(50);
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (holding < n) throw new Error(`serve with ${n} accounts: ${holding} held a token after ${START_TIMEOUT_MS / 1000} s (${JSON.stringify(fleet.proxy.counts())})`);
    const { calls, peak } = fleet.proxy.counts();
    return { serve: { ...serve, key }, ms, upstreamMs, calls, peak };
  } catch (e) {
    await serve.stop();
    throw e;
  }
}
