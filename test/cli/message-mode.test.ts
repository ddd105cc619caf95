// `wxdesk accounts add|update --message-mode` and `accounts list` (issue 21, item 1): WeChat's
// 消息加解密方式 kept on the account, `compat` taken for compatible, anything else refused (exit 2).
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type Io } from '../../electron/cli';
import { APPID, SECRET, removeTempDirs, tempDir } from '../fixtures/core';

afterAll(removeTempDirs);

async function cli(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), env: { LANG: 'C.UTF-8', ...env } };
  const code = await runCli(['--data-dir', dir, ...args], io);
  return { code, out, err };
}

const listed = async (dir: string) => JSON.parse((await cli(dir, ['accounts', 'list', '--json'])).out) as { messageMode: string }[];

describe('--message-mode', () => {
  it('plain by default; compat is compatible; update to safe; list shows it in a column and in --json', async () => {
    const dir = tempDir();
    const add = await cli(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--aes-key', 'a'.repeat(43)]);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('Message mode: plain.');
    expect((await listed(dir))[0]!.messageMode).toBe('plain');

    const compat = await cli(dir, ['accounts', 'update', APPID, '--message-mode', 'compat']);
    expect(compat.code, compat.err).toBe(0);
    expect((await listed(dir))[0]!.messageMode).toBe('compatible');

    const safe = await cli(dir, ['accounts', 'update', APPID, '--message-mode', 'safe']);
    expect(safe.code, safe.err).toBe(0);
    const table = (await cli(dir, ['accounts', 'list'])).out.trimEnd().split('\n');
    const col = table[0]!.split(/\s+/).indexOf('MESSAGES');
    expect(col).toBeGreaterThan(0);
    expect(table[1]!.split(/\s+/)[col]).toBe('safe');
  });

  it('any other word exits 2, names the flag and the three modes, in English and Chinese, and changes nothing', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--message-mode', 'safe'])).code).toBe(0);
    const bad = await cli(dir, ['accounts', 'update', APPID, '--message-mode', 'encrypted']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--message-mode takes plain, compatible \(or compat\) or safe\b.*"encrypted"/);
    const zh = await cli(dir, ['accounts', 'update', APPID, '--message-mode', 'aes'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.err).toMatch(/--message-mode 只能是 plain（明文模式）/);
    const none = await cli(tempDir(), ['accounts', 'add', '--app-id', APPID, '--secret', SECRET, '--message-mode', '']);
    expect(none.code).toBe(2);
    expect((await listed(dir))[0]!.messageMode).toBe('safe');
  });
});
