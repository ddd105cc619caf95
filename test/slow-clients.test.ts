// Slow clients against the real host (issue 20, item 4): headers or a body trickled a byte at a
// time (slowloris) are cut off after the request time limit, and a peer that is not this machine
// holds only so many connections at once, while token requests from this machine keep being answered.
import { connect, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../electron/core/services';
import { LIMITS } from '../electron/host/peers';
import { startHost, type Host } from '../electron/host/server';
import { FakeWeChat } from './fixtures/fake-wechat';
import { APPID, SECRET, makeCore, removeTempDirs } from './fixtures/core';

let fake: FakeWeChat | undefined;
let core: Core | undefined;
let host: Host | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await host?.close();
  await core?.close();
  await fake?.close();
  host = core = fake = undefined;
  removeTempDirs();
});

/** Short limits, so a test waits about a second rather than ten. */
const SHORT = { headersTimeoutMs: 800, requestTimeoutMs: 800, checkEveryMs: 100, perPeer: 8 };

async function start(opts: { host?: string; limits?: typeof SHORT } = {}): Promise<Host> {
  fake = await FakeWeChat.start();
  core = makeCore({ fake, mode: 'stable' });
  host = await startHost({ core, port: 0, host: opts.host, limits: opts.limits ?? SHORT });
  return host;
}

interface Slow {
  socket: Socket;
  /** Resolves when the server closes the connection, with what it answered (maybe nothing). */
  closed: Promise<{ answer: string; afterMs: number }>;
  /** Whether the connection is still open. */
  open(): boolean;
}

/** A client that sends `head` and then one more byte of `rest` every `everyMs`, never finishing in time. */
function trickle(port: number, address: string, head: string, rest: string, everyMs = 100, localAddress?: string): Slow {
  const socket = connect({ port, host: address, localAddress });
  sockets.push(socket);
  const t0 = performance.now();
  let answer = '';
  let open = true;
  let i = 0;
  let timer: NodeJS.Timeout | undefined;
  socket.once('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (i < rest.length && !socket.destroyed) socket.write(rest[i++]!);
    }, everyMs);
  });
  socket.on('data', (d: Buffer) => void (answer += d.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ answer: string; afterMs: number }>((resolve) =>
    socket.once('close', () => {
      open = false;
      clearInterval(timer);
      resolve({ answer, afterMs: performance.now() - t0 });
    }),
  );
  return { socket, closed, open: () => open };
}

const tokenPath = `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;

async function tokenFrom(url: string): Promise<unknown> {
  const r = await fetch(`${url}${tokenPath}`);
  return r.json();
}

/** A non-loopback IPv4 address of this machine, if it has one (a connection to it from it is not loopback). */
function outerAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

describe('slow clients', () => {
  it('the host sets short header and request time limits by default (node:http allows 300 s)', async () => {
    expect(LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    expect(LIMITS.requestTimeoutMs).toBeLessThanOrEqual(10_000);
    fake = await FakeWeChat.start();
    core = makeCore({ fake, mode: 'stable' });
    host = await startHost({ core, port: 0 });
    expect(host.server.headersTimeout).toBe(LIMITS.headersTimeoutMs);
    expect(host.server.requestTimeout).toBe(LIMITS.requestTimeoutMs);
  });

  it('headers trickled a byte at a time are cut off at the limit, and token requests go on meanwhile', async () => {
    const h = await start();
    const slow = Array.from({ length: 20 }, () => trickle(h.port, '127.0.0.1', 'POST /cgi-bin/stable_token HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: ' + 'a'.repeat(500)));
    expect(await tokenFrom(h.url)).toHaveProperty('access_token');
    const ends = await Promise.all(slow.map((s) => s.closed));
    for (const e of ends) {
      // Cut off: well before the 50 s the trickle would take, by the 800 ms limit plus one check.
      expect(e.afterMs).toBeLessThan(5_000);
      expect(e.answer === '' || /^HTTP\/1\.1 408/.test(e.answer)).toBe(true);
    }
    expect(await tokenFrom(h.url)).toHaveProperty('access_token');
  });

  it('a body trickled a byte at a time is cut off at the request limit', async () => {
    const h = await start();
    const body = JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET });
    const slow = trickle(h.port, '127.0.0.1', `POST /cgi-bin/stable_token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, body, 200);
    const e = await slow.closed;
    expect(e.afterMs).toBeLessThan(5_000);
    expect(e.answer).not.toContain('access_token');
  });

  const outer = outerAddress();
  it.skipIf(!outer)(`a peer that is not this machine holds at most perPeer connections; this machine is not capped${outer ? '' : ' (skipped: this machine has no non-loopback IPv4 address to connect from)'}`, async () => {
    const h = await start({ host: '0.0.0.0' });
    const head = 'POST /cgi-bin/stable_token HTTP/1.1\r\nHost: x\r\n';
    // Slow enough that no limit cuts them off during the test: the cap is what is tested.
    const far = Array.from({ length: SHORT.perPeer + 4 }, () => trickle(h.port, outer!, head, 'X-Slow: aaaaaaaaaa', 60_000, outer));
    const near = Array.from({ length: SHORT.perPeer + 4 }, () => trickle(h.port, '127.0.0.1', head, 'X-Slow: aaaaaaaaaa', 60_000));
    // The four over the cap are closed at once, unanswered.
    const refused = await Promise.all(far.slice(SHORT.perPeer).map((s) => s.closed));
    for (const r of refused) expect(r.answer).toBe('');
    await new Promise((r) => setTimeout(r, 100));
    expect(far.filter((s) => s.open())).toHaveLength(SHORT.perPeer);
    expect(near.filter((s) => s.open())).toHaveLength(SHORT.perPeer + 4);
    // This machine is still answered while the far peer is at its cap.
    expect(await tokenFrom(h.url)).toHaveProperty('access_token');
    // Once the far peer's connections close, it is answered again.
    for (const s of far) s.socket.destroy();
    await Promise.all(far.map((s) => s.closed));
    await new Promise((r) => setTimeout(r, 50));
    const again = await new Promise<string>((resolve) => {
      const s = connect({ port: h.port, host: outer!, localAddress: outer }, () => s.write(`GET ${tokenPath} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      sockets.push(s);
      let text = '';
      s.on('data', (d: Buffer) => void (text += d.toString('utf8')));
      s.on('close', () => resolve(text));
    });
    expect(again).toMatch(/^HTTP\/1\.1 200/);
    expect(again).toContain('access_token');
  });
});
