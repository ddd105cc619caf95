// `npm run bench`: how fast the paths a developer's services hit are, against the fake WeChat API
// on 127.0.0.1 and the real store on a temp dir. Figures go to the README; tests assert no timings.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createCore, type Core } from '../electron/core/services';
import { decryptMessage, encryptMessage } from '../electron/core/msgcrypt';
import { serverSignature } from '../electron/core/signature';
import { startHost, type Host } from '../electron/host/server';
import { FakeWeChat } from '../test/fixtures/fake-wechat';

const APPID = 'wx00112233445566ee';
const SECRET = 'ee00112233445566778899aabbccddee';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

let dir: string;
let fake: FakeWeChat;
let core: Core;
let host: Host;
let agent: Agent;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxdesk-bench-'));
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  core = createCore({ dataDir: dir });
  core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url });
  await core.keeper.get(APPID);
  host = await startHost({ core, port: 0 });
  agent = new Agent({ connections: 64 });
});

afterAll(async () => {
  await agent.close();
  await host.close();
  await core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const tokenUrl = () => `${host.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;

describe('token keeper', () => {
  bench('keeper.get() from the store (warm)', async () => {
    await core.keeper.get(APPID);
  });
});

describe('local endpoint', () => {
  bench('GET /cgi-bin/token, one request (warm)', async () => {
    const res = await request(tokenUrl(), { dispatcher: agent });
    await res.body.text();
  });

  bench('100 concurrent GET /cgi-bin/token (warm)', async () => {
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const res = await request(tokenUrl(), { dispatcher: agent });
        await res.body.text();
      }),
    );
  }, { iterations: 20 });
});

describe('signature lab', () => {
  const message = '<xml><Content><![CDATA[' + 'x'.repeat(1000) + ']]></Content></xml>';
  const encrypted = encryptMessage({ aesKey: AES_KEY, appId: APPID, message });
  bench('server signature with explanation', () => {
    serverSignature({ token: 'weixin', timestamp: '1357982061', nonce: '1358161344', signature: '335b26997f05c82243aad6b10a2d1853637e71a8' });
  });
  bench('encrypt a 1 KB message', () => {
    encryptMessage({ aesKey: AES_KEY, appId: APPID, message });
  });
  bench('decrypt a 1 KB message', () => {
    decryptMessage({ aesKey: AES_KEY, encrypt: encrypted, appId: APPID });
  });
});
