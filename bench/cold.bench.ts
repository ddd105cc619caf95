// The cold path: a fresh account, 1,000 concurrent requests to the local endpoint, one upstream
// call between them. Measures the whole burst, from the first request to the last answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { bench, describe } from 'vitest';
import { createCore } from '../electron/core/services';
import { startHost } from '../electron/host/server';
import { FakeWeChat } from '../test/fixtures/fake-wechat';

const APPID = 'wx00112233445566ff';
const SECRET = 'ff00112233445566778899aabbccddee';

describe('cold account', () => {
  bench(
    '1,000 concurrent GET /cgi-bin/token on a cold account (one upstream call)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wxdesk-bench-cold-'));
      const fake = await FakeWeChat.start();
      fake.addAccount(APPID, SECRET);
      const core = createCore({ dataDir: dir });
      core.accounts.save({ appId: APPID, secret: SECRET, apiBase: fake.url });
      const host = await startHost({ core, port: 0 });
      const agent = new Agent({ connections: 256 });
      try {
        const url = `${host.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`;
        const bodies = await Promise.all(
          Array.from({ length: 1000 }, async () => {
            const res = await request(url, { dispatcher: agent });
            return res.body.text();
          }),
        );
        if (fake.count() !== 1 || new Set(bodies.map((b) => JSON.parse(b).access_token)).size !== 1) throw new Error('expected one upstream call and one token');
      } finally {
        await agent.close();
        await host.close();
        await core.close();
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
