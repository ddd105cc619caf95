// The renderer's event-stream follower (renderer/src/event-stream.ts) in Node against a scripted
// server: the key header, events split across chunks, reconnect with a catch-up signal after a break,
// a refused key, and silence after abort. No browser: a dropped stream cannot be staged in Chromium.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DashboardEvent } from '../../electron/contract';
import { followEvents, isDashboardEvent, readEventStream } from '../../renderer/src/event-stream';
import { expect, test } from '@playwright/test';

type Script = (req: IncomingMessage, res: ServerResponse, n: number) => void;

async function scriptedServer(script: Script) {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    script(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/events`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });

test('follows events, reconnects after a break and says so, stops on abort', async () => {
  const server = await scriptedServer((req, res, n) => {
    if (req.headers['x-wxdesk-key'] !== 'k1') {
      res.writeHead(401).end();
      return;
    }
    sse(res);
    if (n === 1) {
      res.write(': connected\n\n');
      res.write('data: {"type":"token","appId":"wx0000000000000001"}\n\n');
      res.end(); // the break
    } else {
      // One event split across writes, a CRLF one, a malformed one and a foreign one (both ignored).
      res.write('data: {"type":"acc');
      setTimeout(() => res.write('ounts"}\n'), 20);
      setTimeout(() => res.write('\n'), 40);
      setTimeout(() => res.write('data: not json\n\ndata: {"type":"other"}\n\n'), 60);
      setTimeout(() => res.write('data: {"type":"settings"}\r\n\r\n'), 80);
    }
  });
  const events: DashboardEvent[] = [];
  const log: string[] = [];
  const ctrl = new AbortController();
  const done = followEvents({
    url: server.url,
    headers: { 'x-wxdesk-key': 'k1' },
    signal: ctrl.signal,
    minDelayMs: 50,
    onEvent: (e) => {
      events.push(e);
      log.push(`event:${e.type}`);
    },
    onReconnect: () => log.push('reconnect'),
  });
  await expect.poll(() => events.length).toBe(3);
  expect(events).toEqual([{ type: 'token', appId: 'wx0000000000000001' }, { type: 'accounts' }, { type: 'settings' }]);
  expect(log).toEqual(['event:token', 'reconnect', 'event:accounts', 'event:settings']);
  expect(server.seen).toHaveLength(2);
  expect(server.seen.every((r) => r.headers.accept === 'text/event-stream')).toBe(true);

  ctrl.abort();
  await done;
  await new Promise((r) => setTimeout(r, 200));
  expect(server.seen).toHaveLength(2);
  await server.close();
});

test('a refused key is reported, and retries back off', async () => {
  const server = await scriptedServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{}}'));
  let refused = 0;
  const ctrl = new AbortController();
  const done = followEvents({
    url: server.url,
    headers: { 'x-wxdesk-key': 'wrong' },
    signal: ctrl.signal,
    minDelayMs: 40,
    maxDelayMs: 1000,
    onEvent: () => undefined,
    onReconnect: () => undefined,
    onRefused: () => refused++,
  });
  // Attempts at about 0, 40, 120, 280, 600 ms: four or five in 700 ms, not seventeen.
  await new Promise((r) => setTimeout(r, 700));
  ctrl.abort();
  await done;
  expect(refused).toBeGreaterThanOrEqual(3);
  expect(refused).toBeLessThanOrEqual(6);
  expect(server.seen).toHaveLength(refused);
  await server.close();
});

test('readEventStream joins multi-line data and skips comments', async () => {
  const chunks = [': ping\n\n', 'data: a\ndata: b\n\n', 'event: x\ndata:c\n\n'];
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
      c.close();
    },
  });
  const got: string[] = [];
  await readEventStream(body, (d) => got.push(d));
  expect(got).toEqual(['a\nb', 'c']);
});

test('every event the dashboard sends is passed on: the simulator\'s and the menu\'s too (they were dropped); a shape that is none is not', () => {
  // One sample (or more) of every event type: the type makes a new kind of event a compile error here until it is listed.
  const samples: { [T in DashboardEvent['type']]: Extract<DashboardEvent, { type: T }>[] } = {
    accounts: [{ type: 'accounts' }],
    token: [{ type: 'token', appId: 'wx1' }],
    settings: [{ type: 'settings' }],
    notice: [{ type: 'notice' }],
    probe: [],
    console: [{ type: 'console', appId: 'wx1' }],
    simulator: [{ type: 'simulator', appId: 'wx1' }],
    menu: (['draft', 'published', 'deleted', 'reverted', 'conditional'] as const).map((change) => ({ type: 'menu' as const, appId: 'wx1', change })),
    chores: [{ type: 'chores', appId: 'wx1' }],
    command: [],
  };
  const sent: DashboardEvent[] = Object.values(samples).flat();
  for (const e of sent) expect(isDashboardEvent(e), e.type).toBe(true);
  for (const bad of [{ type: 'menu' }, { type: 'simulator', appId: 5 }, { type: 'nope', appId: 'wx1' }, null]) expect(isDashboardEvent(bad)).toBe(false);
});
