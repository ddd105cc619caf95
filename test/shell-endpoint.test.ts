// The desktop's local endpoint as its settings change (issue 22, item 16), over the real host, a
// real core on a temp dir and real sockets.
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../electron/core/services';
import { startHost, type Host } from '../electron/host/server';
import { LocalEndpoint } from '../electron/shell/endpoint';
import { makeCore, removeTempDirs } from './fixtures/core';
import { FakeWeChat } from './fixtures/fake-wechat';

let fake: FakeWeChat;
let core: Core;
let endpoint: LocalEndpoint<Host>;
const blockers: Server[] = [];

/** A port nobody listens on now (the OS picks one, we let it go). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const answers = async (port: number) => {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/cgi-bin/token`);
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
};

beforeEach(async () => {
  fake = await FakeWeChat.start();
  core = makeCore({ fake });
  endpoint = new LocalEndpoint((port) => startHost({ core, host: '127.0.0.1', port }));
});

afterEach(async () => {
  await endpoint.close();
  for (const b of blockers.splice(0)) await new Promise((r) => b.close(r));
  await core.close();
  await fake.close();
  removeTempDirs();
});

describe('the local endpoint follows its settings', () => {
  it('starts, moves to a new port (the old one let go), stops', async () => {
    const [a, b] = [await freePort(), await freePort()];
    await endpoint.apply({ endpointEnabled: true, endpointPort: a });
    expect(endpoint.url).toBe(`http://127.0.0.1:${a}`);
    expect(await answers(a)).toBe(true);
    await endpoint.apply({ endpointEnabled: true, endpointPort: b });
    expect(await answers(b)).toBe(true);
    expect(await answers(a)).toBe(false);
    await endpoint.apply({ endpointEnabled: false, endpointPort: b });
    expect(endpoint.url).toBeNull();
    expect(await answers(b)).toBe(false);
  });

  it('two quick saves are applied in order: one server, on the last port', async () => {
    const [a, b] = [await freePort(), await freePort()];
    await Promise.all([endpoint.apply({ endpointEnabled: true, endpointPort: a }), endpoint.apply({ endpointEnabled: true, endpointPort: b })]);
    expect(endpoint.url).toBe(`http://127.0.0.1:${b}`);
    expect(await answers(a)).toBe(false);
  });

  it('a port in use: an INVALID_INPUT in both languages, and the next change still applies', async () => {
    const taken = createServer();
    blockers.push(taken);
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const err = await endpoint.apply({ endpointEnabled: true, endpointPort: port }).then(() => null, (e: unknown) => e);
    const v = (err as { view(): { code: string; message: string; zh?: { message: string } } }).view();
    expect(v.code).toBe('INVALID_INPUT');
    expect(v.message).toMatch(new RegExp(`Port ${port} is in use`));
    expect(v.zh!.message).toMatch(/已被占用/);
    expect(endpoint.url).toBeNull();
    const free = await freePort();
    await endpoint.apply({ endpointEnabled: true, endpointPort: free });
    expect(endpoint.url).toBe(`http://127.0.0.1:${free}`);
  });
});
