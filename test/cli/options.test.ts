// The smaller CLI things of issue 21, item 7, as users run them: --version, --server-token and its
// alias --token everywhere a Token is taken, `sign`/`crypt --account [APPID]`, `quota --cgi-path`
// normalised as `api` normalises its path, `accounts update ID` with nothing to change, and a
// message sealed for another AppID as a finding (exit 1). Exit codes and text in en and zh-CN.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { encryptMessage } from '../../electron/core/msgcrypt';
import { CallbackServer } from '../fixtures/callback-servers';
import { APPID, OTHER_APPID, OTHER_SECRET, ROOT, SECRET, ensureBuilt, removeTempDirs, tempDir, wxdesk } from '../fixtures/core';
import { FakeWeChat } from '../fixtures/fake-wechat';

const ZH = { LANG: 'zh_CN.UTF-8' };
const TOKEN = 'labToken2024';
const KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');
const SEALED = encryptMessage({ aesKey: KEY, appId: APPID, message: '<xml><Content>hi</Content></xml>' });

let fake: FakeWeChat;
let dir: string;

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);
beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  fake.addAccount(OTHER_APPID, OTHER_SECRET);
  dir = tempDir();
});
afterEach(async () => {
  await fake.close();
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), env: { LANG: 'C.UTF-8', ...env } };
  const code = await runCli(['--data-dir', dir, ...args], io);
  return { code, out, err };
}

async function add(appId: string, secret: string, ...extra: string[]): Promise<void> {
  const r = await cli(['accounts', 'add', '--app-id', appId, '--secret', secret, '--api-base', fake.url, ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
}

const savedToken = async (appId: string) => ((JSON.parse((await cli(['accounts', 'list', '--json'])).out) as { appId: string; serverToken: string }[]).find((a) => a.appId === appId)!.serverToken);

describe('wxdesk --version', () => {
  it('prints the version of package.json alone, from the built command and in-process, --version and -v', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await wxdesk(dir, [flag]);
      expect(r, flag).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
      expect(await cli([flag], ZH)).toEqual({ code: 0, out: `${version}\n`, err: '' });
    }
    expect((await cli(['--help'])).out).toMatch(/^ {2}-v, --version +print the version/m);
  });

  it('with something after it: exit 2, en and zh', async () => {
    expect(await cli(['--version', 'now'])).toEqual({ code: 2, out: '', err: 'wxdesk: --version takes nothing after it (got now).\n' });
    expect(await cli(['-v', 'now'], ZH)).toEqual({ code: 2, out: '', err: 'wxdesk: -v 后面不接任何参数（实际为 now）。\n' });
  });
});

describe('quota --cgi-path', () => {
  it('is normalised as api\'s path: leading slash added, query dropped; the token API may be asked about', async () => {
    await add(APPID, SECRET);
    fake.setQuota(APPID, '/cgi-bin/menu/get', { dailyLimit: 100, used: 7 });
    expect(await cli(['quota', '--cgi-path', 'cgi-bin/menu/get?access_token=ACCESS_TOKEN'])).toEqual({ code: 0, out: '/cgi-bin/menu/get: 7 used of 100 today, 93 left\n', err: '' });
    expect(await cli(['quota', '--cgi-path', ' /cgi-bin/menu/get?x=1 '], ZH)).toEqual({ code: 0, out: '/cgi-bin/menu/get：今日已用 7 次，上限 100 次，剩余 93 次\n', err: '' });
    expect((await cli(['quota', '--cgi-path', 'cgi-bin/stable_token', '--json'])).code).toBe(0);
    const bad = await cli(['quota', '--cgi-path', 'cgi-bin/../menu/get']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('must not contain . or .. segments');
  });
});
