import { describe, expect, it } from 'vitest';
import { runCrypt } from '../../electron/cli/crypt';
import { runSign } from '../../electron/cli/sign';
import type { CliIo } from '../../electron/cli/sign';

function capture(): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (s) => out.push(s), err: (s) => err.push(s), stdout: () => out.join(''), stderr: () => err.join('') };
}

// Mini Program message push doc (developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html).
const DOC_ENCRYPT =
  '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=';
const DOC_KEY = 'A'.repeat(43);
const DOC_APPID = 'wxba5fad812f8e6fb9';
// JS-SDK doc, appendix 1.
const TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
const JSSDK_ARGS = ['--noncestr', 'Wm3WZYTPz0wzccnW', '--timestamp', '1414587457', '--url', 'http://mp.weixin.qq.com?params=value'];

describe('wxdesk sign server', () => {
  const args = ['server', '--token', 'AAAAA', '--timestamp', '1714036504', '--nonce', '1514711492'];

  it('prints the digest alone', async () => {
    const io = capture();
    expect(await runSign(args, io)).toBe(0);
    expect(io.stdout()).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696\n');
    expect(io.stderr()).toBe('');
  });

  it('exits 0 when --signature matches', async () => {
    const io = capture();
    expect(await runSign([...args, '--signature', 'f464b24fc39322e44b38aa78f5edd27bd1441696'], io)).toBe(0);
  });

  it('a mismatch prints the digest, explains on stderr and exits 1', async () => {
    const io = capture();
    // What PHP's sort() without SORT_STRING signs for the doc's plaintext-mode example.
    const numeric = ['--token', 'AAAAA', '--timestamp', '1714037059', '--nonce', '486452656', '--signature', 'bad'];
    expect(await runSign(['server', ...numeric], io)).toBe(1);
    expect(io.stdout()).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78\n');
    expect(io.stderr()).toMatch(/signature mismatch: --signature is bad, but the inputs sign to 899cf89e/);
  });

  it('names the numeric-sort cause', async () => {
    const { createHash } = await import('node:crypto');
    const numeric = createHash('sha1').update('4864526561714037059AAAAA').digest('hex');
    const io = capture();
    expect(await runSign(['server', '--token', 'AAAAA', '--timestamp', '1714037059', '--nonce', '486452656', '--signature', numeric], io)).toBe(1);
    expect(io.stderr()).toMatch(/cause \(numeric-sort\): .*SORT_STRING/);
  });

  it('--json prints one object with the whole explanation', async () => {
    const io = capture();
    expect(await runSign([...args, '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout());
    expect(json).toMatchObject({ sorted: ['1514711492', '1714036504', 'AAAAA'], joined: '15147114921714036504AAAAA', digest: 'f464b24fc39322e44b38aa78f5edd27bd1441696', causes: [] });
  });

  it('warns on stderr about a suspicious input without changing stdout', async () => {
    const io = capture();
    expect(await runSign(['server', '--token', 'AAAAA ', '--timestamp', '1714036504', '--nonce', '1514711492'], io)).toBe(0);
    expect(io.stdout()).toMatch(/^[0-9a-f]{40}\n$/);
    expect(io.stderr()).toMatch(/cause \(whitespace\): The Token ends with a space/);
  });

  it('an unknown flag exits 2 naming the flag', async () => {
    const io = capture();
    expect(await runSign([...args, '--bogus'], io)).toBe(2);
    expect(io.stderr()).toContain('wxdesk: unknown option --bogus');
    expect(io.stderr()).toContain('hint: run "wxdesk sign server --help"');
    expect(io.stdout()).toBe('');
  });

  it('a missing option exits 2 naming it', async () => {
    const io = capture();
    expect(await runSign(['server', '--token', 'AAAAA', '--timestamp', '1'], io)).toBe(2);
    expect(io.stderr()).toContain('needs --nonce');
  });

  it('an empty value is bad input: message and hint, exit 2', async () => {
    const io = capture();
    expect(await runSign(['server', '--token', '', '--timestamp', '1', '--nonce', '2'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^wxdesk: The Token is empty.*\nhint: .+\n$/);
  });

  it('--help prints usage and exits 0', async () => {
    const io = capture();
    expect(await runSign(['server', '--help'], io)).toBe(0);
    expect(io.stdout()).toContain('Usage: wxdesk sign server');
    const top = capture();
    expect(await runSign(['--help'], top)).toBe(0);
    expect(top.stdout()).toContain('Usage: wxdesk sign <server|jssdk>');
  });

  it('an unknown command exits 2', async () => {
    const io = capture();
    expect(await runSign(['nope'], io)).toBe(2);
    expect(io.stderr()).toContain('unknown command "sign nope"');
  });
});

describe('wxdesk sign jssdk', () => {
  it('prints the JS-SDK appendix digest', async () => {
    const io = capture();
    expect(await runSign(['jssdk', '--ticket', TICKET, ...JSSDK_ARGS], io)).toBe(0);
    expect(io.stdout()).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed\n');
  });

  it('notes the removed fragment on stderr', async () => {
    const io = capture();
    expect(await runSign(['jssdk', '--ticket', TICKET, ...JSSDK_ARGS.slice(0, 5), 'http://mp.weixin.qq.com?params=value#x'], io)).toBe(0);
    expect(io.stdout()).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed\n');
    expect(io.stderr()).toMatch(/note \(fragment\)/);
  });

  it('without --ticket or a way to read a cached one, exits 2 naming both options', async () => {
    const io = capture();
    expect(await runSign(['jssdk', ...JSSDK_ARGS], io)).toBe(2);
    expect(io.stderr()).toContain('--ticket T, or --app-id ID');
  });

  it('reads the ticket through the injected hook for --app-id', async () => {
    const io = capture();
    const asked: string[] = [];
    const ticketFor = async (appId: string) => {
      asked.push(appId);
      return TICKET;
    };
    expect(await runSign(['jssdk', '--app-id', 'wx0123456789abcdef', ...JSSDK_ARGS], io, { ticketFor })).toBe(0);
    expect(asked).toEqual(['wx0123456789abcdef']);
    expect(io.stdout()).toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed\n');
  });
});

describe('wxdesk crypt', () => {
  it('sign prints the doc\'s msg_signature', async () => {
    const io = capture();
    expect(await runCrypt(['sign', '--token', 'AAAAA', '--timestamp', '1714112445', '--nonce', '415670741', '--encrypt', DOC_ENCRYPT, '--signature', '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3'], io)).toBe(0);
    expect(io.stdout()).toBe('046e02f8204d34f8ba5fa3b1db94908f3df2e9b3\n');
  });

  it('encrypt reproduces the doc\'s reply ciphertext with --random', async () => {
    const io = capture();
    expect(await runCrypt(['encrypt', '--aes-key', DOC_KEY, '--app-id', DOC_APPID, '--message', '{"demo_resp":"good luck"}', '--random', '707722b803182950'], io)).toBe(0);
    expect(io.stdout()).toBe('ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==\n');
  });

  it('encrypt --json reports the prefix and padding', async () => {
    const io = capture();
    expect(await runCrypt(['encrypt', '--aes-key', DOC_KEY, '--app-id', DOC_APPID, '--message', '{"demo_resp":"good luck"}', '--random', '707722b803182950', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout())).toEqual({
      encrypt: 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==',
      appId: DOC_APPID,
      random: Buffer.from('707722b803182950').toString('hex'),
      padding: 1,
    });
  });

  it('decrypt prints the message alone', async () => {
    const io = capture();
    expect(await runCrypt(['decrypt', '--aes-key', DOC_KEY, '--encrypt', DOC_ENCRYPT, '--app-id', DOC_APPID], io)).toBe(0);
    expect(io.stdout()).toMatch(/^\{"ToUserName":"gh_97417a04a28d",.*"debug_str":"hello world"\}\n$/);
  });

  it('decrypt --json gives message and appId', async () => {
    const io = capture();
    expect(await runCrypt(['decrypt', '--aes-key', DOC_KEY, '--encrypt', DOC_ENCRYPT, '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout());
    expect(json.appId).toBe(DOC_APPID);
    expect(json.message).toContain('"Event":"debug_demo"');
    expect(json.padding).toBe(19);
  });

  it('a wrong --app-id is a finding about the message: exit 1 with both ids, nothing on stdout (issue 21, item 7)', async () => {
    const io = capture();
    expect(await runCrypt(['decrypt', '--aes-key', DOC_KEY, '--encrypt', DOC_ENCRYPT, '--app-id', 'wx0000000000000000'], io)).toBe(1);
    expect(io.stderr()).toBe(
      'wxdesk: The message was sealed for AppID wxba5fad812f8e6fb9, not for wx0000000000000000: the EncodingAESKey is right, but the message is for another account.\n' +
        'hint: Check which account this EncodingAESKey is configured for (设置与开发 → 基本配置 → 服务器配置); leave the AppID out to read the message anyway.\n',
    );
    expect(io.stdout()).toBe('');
    const zh = capture();
    expect(await runCrypt(['decrypt', '--aes-key', DOC_KEY, '--encrypt', DOC_ENCRYPT, '--app-id', 'wx0000000000000000'], zh, { locale: 'zh-CN' })).toBe(1);
    expect(zh.stderr()).toMatch(/^wxdesk: 这条消息是为 AppID wxba5fad812f8e6fb9 加密的，而不是 wx0000000000000000：.*\n提示: 请检查/);
  });

  it('a bad key exits 2 with the message and a hint', async () => {
    const io = capture();
    expect(await runCrypt(['decrypt', '--aes-key', 'short', '--encrypt', DOC_ENCRYPT], io)).toBe(2);
    expect(io.stderr()).toMatch(/^wxdesk: The EncodingAESKey must be 43 characters, but it has 5\..*\nhint: .+\n$/);
    expect(io.stdout()).toBe('');
  });

  it('an unknown flag exits 2 naming it', async () => {
    const io = capture();
    expect(await runCrypt(['decrypt', '--aes-key', DOC_KEY, '--encrypt', DOC_ENCRYPT, '--appid', DOC_APPID], io)).toBe(2);
    expect(io.stderr()).toContain('unknown option --appid');
  });

  it('--help prints usage for each command', async () => {
    for (const command of ['sign', 'encrypt', 'decrypt']) {
      const io = capture();
      expect(await runCrypt([command, '--help'], io)).toBe(0);
      expect(io.stdout()).toContain(`Usage: wxdesk crypt ${command}`);
    }
  });
});

describe('wxdesk crypt wecom-url', () => {
  // wechatpy tests/test_crypto.py (WeCom URL check), as in msgcrypt.test.ts.
  const args = [
    'wecom-url',
    '--token', '123456',
    '--aes-key', 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    '--timestamp', '1411443780',
    '--msg-signature', 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    '--echostr', '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  ];

  it('prints the decrypted echostr, the text to answer', async () => {
    const io = capture();
    expect(await runCrypt([...args, '--nonce', '437374425', '--corp-id', 'wx49f0ab532d5d035a'], io)).toBe(0);
    expect(io.stdout()).toBe('5927782489442352469\n');
  });

  it('a signature mismatch exits 1 and decrypts nothing', async () => {
    const io = capture();
    expect(await runCrypt([...args, '--nonce', '437374424'], io)).toBe(1);
    expect(io.stdout()).not.toContain('5927782489442352469');
    expect(io.stderr()).toMatch(/signature mismatch/);
  });

  it('a foreign CorpID is a finding, as a wrong AppID is: exit 1 naming both, nothing on stdout', async () => {
    const io = capture();
    expect(await runCrypt([...args, '--nonce', '437374425', '--corp-id', 'wwother'], io)).toBe(1);
    expect(io.stderr()).toContain('sealed for CorpID wx49f0ab532d5d035a, not for wwother');
    expect(io.stdout()).toBe('');
  });
});
