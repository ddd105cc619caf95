// The Redis fixture itself (test/fixtures/redis-server.ts): it starts on a free port, answers,
// stops and comes back on the same port (empty: nothing is persisted), and takes a password.
// Spoken to in raw RESP over node:net, so this proves the fixture without any Redis client.
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from './fixtures/redis-server';

const servers: RedisServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(opts?: { password?: string }): Promise<RedisServer> {
  const s = await startRedis(opts);
  servers.push(s);
  return s;
}

/** Sends inline commands on one connection; resolves with the first `lines` reply lines (or rejects: refused, closed). */
function ask(port: number, commands: string[], lines = commands.length): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let buf = '';
    const timer = setTimeout(() => finish(new Error(`no full answer: ${JSON.stringify(buf)}`)), 2_000);
    const finish = (e: Error | null) => {
      clearTimeout(timer);
      sock.destroy();
      if (e) reject(e);
      else resolve(buf.split('\r\n').slice(0, lines));
    };
    sock.setEncoding('utf8');
    sock.once('connect', () => sock.write(commands.map((c) => c + '\r\n').join('')));
    sock.on('data', (s: string) => {
      buf += s;
      if (buf.split('\r\n').length > lines) finish(null);
    });
    sock.once('error', (e) => finish(e));
  });
}

describe('redis-server fixture', () => {
  it('starts on a free port of 127.0.0.1, answers PING, and stop/restart keep the port (and lose the data)', async () => {
    const r = await start();
    expect(r.url).toBe(`redis://127.0.0.1:${r.port}`);
    expect(await ask(r.port, ['PING'])).toEqual(['+PONG']);
    expect(await ask(r.port, ['SET team wxdesk', 'GET team'], 3)).toEqual(['+OK', '$6', 'wxdesk']);

    await r.stop();
    await expect(ask(r.port, ['PING'])).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await r.stop(); // twice is fine

    await r.restart();
    expect(await ask(r.port, ['PING'])).toEqual(['+PONG']);
    // --save '' --appendonly no: a restarted server is an empty one.
    expect(await ask(r.port, ['GET team'])).toEqual(['$-1']);

    // restart() while running: stopped first, back on the same port.
    await r.restart();
    expect(await ask(r.port, ['PING'])).toEqual(['+PONG']);

    await r.close();
    await expect(ask(r.port, ['PING'])).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(r.dir)).toBe(false);
  });

  it('requires the password when given one, and the URL carries it', async () => {
    const r = await start({ password: 'team-secret-1' });
    expect(r.url).toBe(`redis://:team-secret-1@127.0.0.1:${r.port}`);
    expect(new URL(r.url).password).toBe('team-secret-1');
    expect((await ask(r.port, ['PING']))[0]).toMatch(/^-NOAUTH/);
    expect((await ask(r.port, ['AUTH wrong-password']))[0]).toMatch(/^-WRONGPASS/);
    expect(await ask(r.port, ['AUTH team-secret-1', 'PING'])).toEqual(['+OK', '+PONG']);

    await r.restart();
    expect((await ask(r.port, ['PING']))[0]).toMatch(/^-NOAUTH/);
    expect(await ask(r.port, ['AUTH team-secret-1', 'PING'])).toEqual(['+OK', '+PONG']);
  });

  it('freeze() keeps the connection but answers nothing; thaw() answers what was sent meanwhile; stop() works on a frozen server', async () => {
    const r = await start();
    r.freeze();
    try {
      // The kernel still accepts the connection and the command: no answer comes.
      await expect(ask(r.port, ['PING'])).rejects.toThrow(/no full answer/);
      const late = ask(r.port, ['SET frozen yes']);
      await new Promise((res) => setTimeout(res, 100));
      r.thaw();
      expect(await late).toEqual(['+OK']);
      expect(await ask(r.port, ['GET frozen'], 2)).toEqual(['$3', 'yes']);
    } finally {
      r.thaw();
    }
    r.freeze();
    const t0 = Date.now();
    await r.stop();
    expect(Date.now() - t0).toBeLessThan(4_000);
  });

  it('gives every server its own port and dir', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.port).not.toBe(b.port);
    expect(a.dir).not.toBe(b.dir);
    expect(await ask(a.port, ['PING'])).toEqual(['+PONG']);
    expect(await ask(b.port, ['PING'])).toEqual(['+PONG']);
  });
});
