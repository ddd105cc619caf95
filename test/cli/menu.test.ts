// `wxdesk menu get|set|delete` as users run them, in process against the fake WeChat API: the tree
// and the JSON, set with a dry run, a broken rule, a refusal and a success, delete, exit codes
// 0 / 1 / 2, and Chinese output under LANG=zh_CN.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { APPID, SECRET, removeTempDirs, tempDir } from '../fixtures/core';
import { FakeWeChat } from '../fixtures/fake-wechat';

let fake: FakeWeChat;
let dir: string;

afterAll(removeTempDirs);

beforeEach(async () => {
  fake = await FakeWeChat.start();
  fake.addAccount(APPID, SECRET);
  dir = tempDir();
  const r = await cli(['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--api-base', fake.url]);
  expect(r.code, r.err).toBe(0);
});

afterEach(async () => {
  await fake.close();
});

async function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), env: { LANG: 'C.UTF-8', ...opts.env }, ...(opts.stdin !== undefined ? { stdin: async () => opts.stdin! } : {}) };
  const code = await runCli(['--data-dir', dir, ...args], io);
  return { code, out, err };
}

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { name: '菜单', sub_button: [{ type: 'view', name: '搜索', url: 'https://www.soso.com/' }, { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' }] },
  ],
};
const file = (value: unknown, name = 'menu.json') => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};
const creates = () => fake.count('/cgi-bin/menu/create');

describe('wxdesk menu', () => {
  it('set --dry-run checks and prints the diff, sends nothing; set publishes; get shows the tree and the JSON', async () => {
    const dry = await cli(['menu', 'set', file(MENU), '--dry-run']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toBe('+ button 1 "今日歌曲"\n+ button 2 "菜单"\nDry run: the rules pass; nothing was sent.\n');
    expect(creates()).toBe(0);

    const set = await cli(['menu', 'set', APPID, file(MENU)]);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('Published the menu of');
    expect(set.out).toContain('over 5 minutes old');
    expect(creates()).toBe(1);

    const tree = await cli(['menu', 'get']);
    expect(tree.out).toBe(
      [
        `${APPID} (set with the API)`,
        '  1 今日歌曲  [click key=V1001_TODAY_MUSIC]',
        '  2 菜单',
        '    2.1 搜索  [view url=https://www.soso.com/]',
        '    2.2 wxa  [miniprogram url=http://mp.weixin.qq.com appid=wx286b93c14bbf93aa pagepath=pages/lunar/index]',
        '',
      ].join('\n'),
    );
    const json = await cli(['menu', 'get', APPID, '--json']);
    expect(JSON.parse(json.out)).toEqual(MENU);

    // The JSON of get is what set takes: the same menu again is no change.
    const again = await cli(['menu', 'set', '-', '--dry-run'], { stdin: json.out });
    expect(again.out).toContain('Same as the live menu.');
  });

  it('a broken rule: each named by position and name with limit and code, exit 1, nothing sent', async () => {
    const broken = { button: [MENU.button[0], { name: '发图', sub_button: [1, 2, 3, 4].map((n) => ({ type: 'pic_sysphoto', name: `拍照${n}`, key: `k${n}` })).concat([{ type: 'pic_photo_or_album', name: '拍照或者相册发图再多写一些字让它超过六十个字节', key: 'k5' }]) }, { name: 'x', type: 'click', key: 'k' }, { name: 'y', type: 'view', url: 'https://y/' }] };
    const r = await cli(['menu', 'set', file(broken)]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      [
        'wxdesk: button 2 › 5 "拍照或者相册发图…": name is 69 bytes, WeChat allows 60 (40025)',
        'wxdesk: button 4 "y": one button too many: a menu has at most 3 (this one is number 4 of 4) (40016)',
        'wxdesk: 2 broken rules; nothing was sent.',
        '',
      ].join('\n'),
    );
    expect(r.out).toBe('');
    expect(fake.calls).toHaveLength(0);
  });

  it('WeChat refuses: its code explained, the buttons it concerns named, exit 1', async () => {
    fake.fail({ errcode: 40027, errmsg: 'invalid sub button url size' }, { path: '/cgi-bin/menu/create' });
    const r = await cli(['menu', 'set', file(MENU)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('wxdesk: [40027] Invalid sub-button url (40027).');
    expect(r.err).toContain('wxdesk: button 2 › 1 "搜索": WeChat refused this url (21 bytes), though the documented rules allow it (40027)');
  });

  it('delete needs --yes (exit 2), then removes the menu', async () => {
    await cli(['menu', 'set', file(MENU)]);
    const no = await cli(['menu', 'delete']);
    expect(no.code).toBe(2);
    expect(no.err).toContain('Add --yes to go ahead.');
    expect(fake.count('/cgi-bin/menu/delete')).toBe(0);
    const yes = await cli(['menu', 'delete', APPID, '--yes']);
    expect(yes.code, yes.err).toBe(0);
    expect((await cli(['menu', 'get'])).out).toBe(`${APPID}: no menu.\n`);
  });

  it('usage and input faults exit 2 with what to type', async () => {
    for (const [args, text] of [
      [['menu', 'set'], 'menu set takes [APPID] FILE'],
      [['menu', 'frob'], 'Unknown menu command "frob"'],
      [['menu', 'get', 'nope'], '"nope" is not an AppID'],
      [['menu', 'set', join(dir, 'missing.json')], 'cannot read it (ENOENT)'],
      [['menu', 'set', file('{"button": [', 'bad.json')], 'not valid JSON'],
      [['menu', 'set', file(' '.repeat(70_000), 'big.json')], '70000 characters'],
    ] as const) {
      const r = await cli([...args]);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err).toContain(text);
    }
    expect(fake.calls).toHaveLength(0);
    expect((await cli(['menu', '--help'])).out).toContain('Usage: wxdesk menu get [APPID] [--json]');
    expect((await cli(['--help'])).out).toMatch(/^  menu +\S/m);
  });

  it('speaks Chinese under LANG=zh_CN', async () => {
    const env = { LANG: 'zh_CN.UTF-8' };
    const r = await cli(['menu', 'set', file({ button: [{ type: 'click', name: '今日歌曲真好听' }] })], { env });
    expect(r.code).toBe(1);
    expect(r.err).toContain('wxdesk: 按钮 1「今日歌曲真好听」：name 为 21 字节，微信最多允许 16 字节（40018）');
    expect(r.err).toContain('wxdesk: 按钮 1「今日歌曲真好听」：click 类型的按钮需要 key（40019）');
    expect(r.err).toContain('未发送任何内容');
    expect((await cli(['menu', 'delete'], { env })).err).toContain('确认请加 --yes');
    expect((await cli(['menu', 'get'], { env })).out).toBe(`${APPID}：没有菜单。\n`);
  });
});
