// rid lookups on the command line (issue 21, item 3): with two accounts every hint that suggests a
// command names the AppID, and running the hint as printed works; a failed `wxdesk rid` (76001) is
// a WeChat error (exit 1) that suggests nothing circular.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APPID, OTHER_APPID, OTHER_SECRET, SECRET, ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';
import { cliIn } from '../fixtures/cli-in-process';
import { FakeWeChat } from '../fixtures/fake-wechat';

let fake: FakeWeChat;
let dir: string;

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  fake.addAccount(OTHER_APPID, OTHER_SECRET);
  dir = tempDir();
  for (const [appId, secret] of [[APPID, SECRET], [OTHER_APPID, OTHER_SECRET]] as const) {
    const r = await cli(['accounts', 'add', '--app-id', appId, '--secret', secret, '--api-base', fake.url]);
    expect(r.code, r.err).toBe(0);
  }
});

afterEach(async () => {
  await fake.close();
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => cliIn(dir, args, env);

/** The command a hint suggests, as words to run (after "wxdesk "). */
const suggested = (stderr: string) => /\(look it up: wxdesk (rid [^)]+)\)/.exec(stderr)?.[1]?.split(' ');

describe('with two accounts', () => {
  it("an API error's hint names the AppID, and the hint as printed runs (in a real process)", async () => {
    const r = await wxdesk(dir, ['api', OTHER_APPID, 'GET', '/cgi-bin/user/info', '--query', 'openid=OPENID']);
    expect(r.code).toBe(1);
    const rid = fake.lastRid()!;
    expect(r.stderr).toContain(`rid: ${rid} (look it up: wxdesk rid ${OTHER_APPID} ${rid})`);
    const again = await wxdesk(dir, suggested(r.stderr)!);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^response: .*"errcode":40003/m);
  });

  it("a token fetch's error (through runCli's own report) names the AppID too", async () => {
    fake.fail({ errcode: 40013, errmsg: 'invalid appid' }, { path: '/cgi-bin/stable_token', times: 2 });
    const r = await cli(['token', OTHER_APPID]);
    expect(r.code).toBe(1);
    const rid = fake.lastRid()!;
    expect(r.err).toContain(`(look it up: wxdesk rid ${OTHER_APPID} ${rid})`);
    const zh = await cli(['token', OTHER_APPID, '--force'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err).toContain(`(查询: wxdesk rid ${OTHER_APPID} ${fake.lastRid()!})`);
  });

  it("the console's refusal of a token path names the account's own command", async () => {
    const r = await cli(['api', OTHER_APPID, 'GET', '/cgi-bin/token']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`wxdesk token ${OTHER_APPID}`);
    const q = await cli(['api', APPID, 'POST', '/cgi-bin/clear_quota/v2']);
    expect(q.err).toContain(`wxdesk clear-quota ${APPID}`);
  });
});

describe('a failed wxdesk rid', () => {
  it('76001 exits 1 (a WeChat error, not usage), shows its rid and suggests no lookup of it', async () => {
    const r = await wxdesk(dir, ['rid', APPID, '0000aaaa-0000bbbb-0000cccc']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^wxdesk: \[76001\] WeChat has no record of this rid/);
    expect(r.stderr).not.toContain('look it up');
    expect(r.stderr).not.toContain('wxdesk rid');
    expect(r.stdout).toBe('');
    const zh = await cli(['rid', APPID, '0000aaaa-0000bbbb-0000cccc'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(1);
    expect(zh.err).toContain('没有该 rid 的记录');
    expect(zh.err).not.toContain('查询:');
  });

  it('a malformed rid, or no AppID with two accounts, is still usage: exit 2, nothing sent', async () => {
    const before = fake.calls.length;
    const bad = await cli(['rid', APPID, 'not a rid!']);
    expect(bad.code).toBe(2);
    const unnamed = await cli(['rid', '0000aaaa-0000bbbb-0000cccc']);
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toContain('There are 2 accounts');
    expect(fake.calls.length).toBe(before);
  });
});
