// Errors that point at the right thing (issue 21, item 5): each mistake a newcomer made is named
// as what it is, with the exit code, in English and Chinese; the specific hint wins over the
// generic "Correct the value and try again." Runs runCli in this process on a temp data dir with
// three accounts (the case where "name one" used to answer a forgotten path); nothing is sent.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { didYouMean } from '../../electron/cli/suggest';
import { checkJson } from '../../electron/core/console/json-check';
import { checkAppId, checkSecret } from '../../electron/core/validate';
import { APPID, OTHER_APPID, SECRET, removeTempDirs, tempDir } from '../fixtures/core';

const THIRD = 'wx00000000000000aa';
const EN = { LANG: 'C.UTF-8' };
const ZH = { LANG: 'zh_CN.UTF-8' };
const GENERIC = /Correct the value and try again|请修改后重试/;
let dir: string;

async function cli(args: string[], env: NodeJS.ProcessEnv = EN) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), env };
  const code = await runCli(['--data-dir', dir, ...args], io);
  return { code, out, err };
}

beforeAll(async () => {
  dir = tempDir();
  for (const id of [APPID, OTHER_APPID, THIRD]) {
    const r = await cli(['accounts', 'add', '--app-id', id, '--secret', SECRET, '--api-base', 'http://127.0.0.1:1']);
    expect(r.code, r.err).toBe(0);
  }
});
afterAll(removeTempDirs);

describe('a forgotten part of `wxdesk api` is named', () => {
  it('api APPID GET: the PATH is missing (not "name one of 3 accounts"), exit 2', async () => {
    const en = await cli(['api', APPID, 'GET']);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/the PATH is missing after GET, e\.g\. wxdesk api wx0123456789abcdef GET \/cgi-bin\/menu\/get/);
    expect(en.err).not.toMatch(/accounts; name one/);
    const zh = await cli(['api', APPID, 'get'], ZH);
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/GET 后面缺少接口路径 PATH/);
  });

  it('api APPID PATH: the METHOD is missing, exit 2', async () => {
    const en = await cli(['api', APPID, '/cgi-bin/menu/get']);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/the METHOD \(GET or POST\) is missing before \/cgi-bin\/menu\/get/);
    expect((await cli(['api', APPID, '/cgi-bin/menu/get'], ZH)).err).toMatch(/前面缺少请求方法 METHOD/);
  });
});

describe('AppIDs that are almost right', () => {
  it('an uppercase "WX" prefix: the prefix must be lowercase, and the AppID to type', async () => {
    const en = await cli(['accounts', 'add', '--app-id', 'WX0123456789ABCDEE', '--secret', SECRET]);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/--app-id: AppID starts with a lowercase "wx", not "WX": wx0123456789abcdee\./);
    expect(en.err).toMatch(/^hint: Type it as wx0123456789abcdee\.$/m);
    const zh = await cli(['accounts', 'add', '--app-id', 'WX0123456789ABCDEE', '--secret', SECRET], ZH);
    expect(zh.err).toMatch(/AppID 以小写的 wx 开头，不是 "WX"/);
    expect(zh.err).toMatch(/^提示：请写成 wx0123456789abcdee。$/m);
    // The form shows the check's own words: the same function, the same text.
    expect(checkAppId('WX1111')?.en).toMatch(/starts with a lowercase "wx", not "WX" \(and is "wx" followed by 16 hex characters; got 6 characters\)/);
  });

  it('gh_…: named as the 原始ID (original ID), with where the AppID is found', async () => {
    const en = await cli(['accounts', 'add', '--app-id', 'gh_1234567890ab', '--secret', SECRET]);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/"gh_1234567890ab" is the account's 原始ID \(original ID\), not its AppID/);
    expect(en.err).toMatch(/我的业务 → 公众号\/服务号 → 基础信息/);
    expect(en.err).toMatch(/^hint: .*developers\.weixin\.qq\.com\/platform.*mp\.weixin\.qq\.com\/debug\/cgi-bin\/sandbox\?t=sandbox\/login/m);
    const zh = await cli(['accounts', 'add', '--app-id', 'gh_1234567890ab', '--secret', SECRET], ZH);
    expect(zh.err).toMatch(/"gh_1234567890ab" 是账号的原始ID，不是 AppID/);
    expect(zh.err).toMatch(/测试号信息/);
  });

  it('the probe refuses gh_… with the specific hint, not the generic one', async () => {
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const r = await cli(['probe', 'http://127.0.0.1:1/x', '--server-token', 'tok123', '--mode', 'safe', '--aes-key', key, '--app-id', 'gh_1234567890ab']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/原始ID \(original ID\)/);
    expect(r.err).toMatch(/^hint: Copy it from developers\.weixin\.qq\.com\/platform/m);
    expect(r.err).not.toMatch(GENERIC);
  });
});

describe('"did you mean"', () => {
  it('an unknown option gets the close one (case and dashes set aside), exit 2', async () => {
    const en = await cli(['accounts', 'add', '--appid', APPID]);
    expect(en.code).toBe(2);
    expect(en.err).toBe('wxdesk: unknown option --appid: did you mean --app-id?\n');
    expect((await cli(['api', '--Query', 'x'])).err).toMatch(/did you mean --query\?/);
    expect((await cli(['sign', 'server', '--tokne', 't'])).err).toMatch(/did you mean --token\?/);
    expect((await cli(['accounts', 'add', '--appid', APPID], ZH)).err).toBe('wxdesk: 未知选项 --appid：是否想用 --app-id？\n');
  });

  it('an unknown command gets the close one', async () => {
    const en = await cli(['acount']);
    expect(en.code).toBe(2);
    expect(en.err).toMatch(/Unknown command "acount"\. .*Did you mean "accounts"\?/);
    expect((await cli(['accounts', 'lst'])).err).toMatch(/Did you mean "list"\?/);
    expect((await cli(['crypt', 'decrpyt'])).err).toMatch(/Did you mean "decrypt"\?/);
    expect((await cli(['acount'], ZH)).err).toMatch(/是否想用 "accounts"？/);
  });

  it('push and menu, their subcommands and options are suggested too', async () => {
    const push = await cli(['puhs', 'text']);
    expect(push.code).toBe(2);
    expect(push.err).toMatch(/Unknown command "puhs"\. .*Did you mean "push"\?/);
    expect((await cli(['mneu'])).err).toMatch(/Did you mean "menu"\?/);
    const sub = await cli(['menu', 'gte']);
    expect(sub.code).toBe(2);
    expect(sub.err).toMatch(/Unknown menu command "gte".*Did you mean "get"\?/);
    expect((await cli(['menu', 'gte'], ZH)).err).toMatch(/是否想用 "get"？/);
    expect((await cli(['push', 'text', '--feild', 'Content=hi'])).err).toMatch(/did you mean --field\?/);
    expect((await cli(['accounts', 'update', APPID, '--message_mode', 'safe'])).err).toMatch(/did you mean --message-mode\?/);
    expect((await cli(['--verison'])).err).toMatch(/Unknown command "--verison"\. .*Did you mean "--version"\?/);
  });

  it('nothing is suggested when nothing is close', async () => {
    const r = await cli(['token', '--bogus-flag']);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/did you mean/i);
    expect((await cli(['frobnicate'])).err).not.toMatch(/did you mean/i);
    expect(didYouMean('--x', ['--json', '--help'])).toBeUndefined();
    expect(didYouMean('tokne', ['token', 'serve'])).toBe('token');
  });
});

describe('an AppSecret with a space', () => {
  it('says "contains a space", and where (CLI: inside; the trimmed ends are forgiven)', async () => {
    const r = await cli(['accounts', 'add', '--app-id', 'wx00000000000000bb', '--secret', '0123456789abcdef 0123456789abcdef']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--secret: AppSecret contains a space inside, at character 17/);
    expect(r.err).toMatch(/^hint: Copy the AppSecret again, without the space/m);
    expect((await cli(['accounts', 'add', '--app-id', 'wx00000000000000bb', '--secret', '0123456789abcdef 0123456789abcdef'], ZH)).err).toMatch(/AppSecret 中间（第 17 个字符）含有空格/);
  });

  it('the shared check names a leading, a trailing and a full-width space', () => {
    expect(checkSecret(` ${SECRET}`)?.en).toMatch(/contains a space at the start/);
    expect(checkSecret(`${SECRET}  `)?.en).toMatch(/contains a space at the end/);
    expect(checkSecret(`0123456789abcdef\u30000123456789abcdef`)?.zh).toMatch(/中间（第 17 个字符）含有全角空格/);
  });
});

describe('a JSON trailing comma', () => {
  it('is named, with its line and column, and the hint to remove it (exit 2)', async () => {
    const body = '{\n  "button": [\n    {"type": "click", "name": "a", "key": "A"},\n  ]\n}';
    const r = await cli(['api', APPID, 'POST', '/cgi-bin/menu/create', '--data', body]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON at line 3, column 47: a trailing comma before "\]"/);
    expect(r.err).toMatch(/^hint: Remove the comma at line 3, column 47\.$/m);
    expect(r.err).not.toMatch(GENERIC);
    const zh = await cli(['api', APPID, 'POST', '/cgi-bin/menu/create', '--data', '{"a": 1,}'], ZH);
    expect(zh.err).toMatch(/第 1 行第 8 列）："}" 前有多余的逗号/);
  });

  it('the check the console shows as it is typed says the same', () => {
    const c = checkJson('[1, 2, ]');
    expect(c).toMatchObject({ ok: false, problem: 'comma', line: 1, column: 6 });
    expect(!c.ok && c.reason).toBe('a trailing comma before "]": JSON allows no comma after the last item');
    // Other mistakes after a comma keep their own words.
    expect(checkJson('[1, , 2]')).toMatchObject({ ok: false, problem: 'unexpected', column: 5 });
  });
});
