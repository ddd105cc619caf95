// The probe against sample callback servers of our own (test/fixtures/callback-servers.ts, written
// without the project's crypto): a correct server passes in each mode, each broken one fails (or
// warns) with its cause named, and bad settings are refused before anything is sent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeCheckId, ProbeInput, ProbeReport } from '../electron/contract';
import { WxError } from '../electron/core/errors';
import { decryptMessage } from '../electron/core/msgcrypt';
import { runProbe } from '../electron/core/probe/probe';
import { CallbackServer, newAesKey, type CallbackFault, type CallbackMode, type CallbackServerOptions } from './fixtures/callback-servers';

const TOKEN = 'probeToken2024';
const APPID = 'wx0011223344556677';
const KEY = newAesKey();

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(opts: Partial<CallbackServerOptions> = {}): Promise<CallbackServer> {
  const mode = opts.mode ?? 'plain';
  const s = await CallbackServer.start({ token: TOKEN, mode, ...(mode === 'plain' ? {} : { aesKey: KEY, appId: APPID }), ...opts });
  servers.push(s);
  return s;
}

function input(s: { url: string }, mode: CallbackMode = 'plain', extra: Partial<ProbeInput> = {}): ProbeInput {
  return { url: s.url, serverToken: TOKEN, ...(mode === 'plain' ? {} : { aesKey: KEY, appId: APPID, mode }), ...extra };
}

const check = (r: ProbeReport, id: ProbeCheckId) => r.checks.find((c) => c.id === id)!;
const verdicts = (r: ProbeReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.verdict]));

describe('a correct server passes', () => {
  for (const mode of ['plain', 'safe', 'compatible'] as const) {
    it(`in ${mode} mode, every check`, async () => {
      const s = await server({ mode });
      const r = await runProbe(input(s, mode));
      expect(verdicts(r), JSON.stringify(r.checks.map((c) => c.summary.en))).toEqual({ url: 'pass', forged: 'pass', text: 'pass', event: 'pass', retry: 'pass' });
      expect(r).toMatchObject({ verdict: 'pass', done: true, mode, url: s.url });
      // The retry was recognised: the message was handled once.
      expect(s.handled).toBe(2);
      expect(check(r, 'text').summary.en).toContain('You said: Hello from WxDesk');
    });
  }

  it('with "success" or an empty body for a reply', async () => {
    for (const reply of ['success', 'empty'] as const) {
      const r = await runProbe(input(await server({ reply })));
      expect(check(r, 'text').verdict).toBe('pass');
      expect(check(r, 'text').summary.en).toMatch(/no reply/);
    }
  });

  it('written the PHP way: an XML declaration first, sent as text/html', async () => {
    for (const mode of ['plain', 'safe'] as const) {
      const r = await runProbe(input(await server({ mode, phpStyle: true }), mode));
      expect(verdicts(r), JSON.stringify(r.checks.map((c) => c.summary.en))).toEqual({ url: 'pass', forged: 'pass', text: 'pass', event: 'pass', retry: 'pass' });
    }
  });

  it('in compatible mode with a plaintext reply', async () => {
    const r = await runProbe(input(await server({ mode: 'compatible', compatibleReply: 'plain' }), 'compatible'));
    expect(r.verdict).toBe('pass');
  });
});

describe('what is sent is what WeChat sends', () => {
  it('plain: a signed GET with a 19-digit echostr, signed POSTs with openid', async () => {
    const s = await server();
    await runProbe(input(s));
    const [get, forged, text, event, retry] = s.requests;
    expect(get!.method).toBe('GET');
    expect(Object.keys(get!.query).sort()).toEqual(['echostr', 'nonce', 'signature', 'timestamp']);
    expect(get!.query.echostr).toMatch(/^[1-9]\d{18}$/);
    expect(forged!.query.signature).toMatch(/^[0-9a-f]{40}$/);
    expect(forged!.query.signature).not.toBe(get!.query.signature);
    for (const post of [text!, event!, retry!]) {
      expect(post.method).toBe('POST');
      expect(Object.keys(post.query).sort()).toEqual(['nonce', 'openid', 'signature', 'timestamp']);
      expect(post.headers['content-type']).toBe('text/xml');
    }
    expect(text!.body).toContain('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[Hello from WxDesk]]></Content>');
    expect(event!.body).toContain('<Event><![CDATA[subscribe]]></Event>');
    const msgId = /<MsgId>(\d+)<\/MsgId>/.exec(text!.body)![1];
    expect(retry!.body).toContain(`<MsgId>${msgId}</MsgId>`);
    expect(text!.query.openid).toBe(/<FromUserName><!\[CDATA\[([^\]]+)\]\]>/.exec(text!.body)![1]);
  });

  it('safe: ciphertext only, encrypt_type=aes and msg_signature beside signature and openid; the reply is shown decrypted', async () => {
    const s = await server({ mode: 'safe' });
    const r = await runProbe(input(s, 'safe', { message: '你好，换行\n也在' }));
    const text = s.requests[2]!;
    expect(Object.keys(text.query).sort()).toEqual(['encrypt_type', 'msg_signature', 'nonce', 'openid', 'signature', 'timestamp']);
    expect(text.query.encrypt_type).toBe('aes');
    expect(text.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_[0-9a-f]{12}\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/);
    const inner = decryptMessage({ aesKey: KEY, encrypt: /<Encrypt><!\[CDATA\[([^\]]+)/.exec(text.body)![1]!, appId: APPID }).message;
    expect(inner).toContain('<Content><![CDATA[你好，换行\n也在]]></Content>');
    const exchange = check(r, 'text').exchanges[0]!;
    expect(exchange.response!.body).toContain('<Encrypt>');
    expect(exchange.response!.decrypted).toContain('You said: 你好，换行\n也在');
    expect(exchange.request.curl).toMatch(/^curl -sS -i -X POST '.*encrypt_type=aes.*' -H 'content-type: text\/xml' --data-binary '<xml>/);
  });

  it('compatible: the plaintext fields and Encrypt together', async () => {
    const s = await server({ mode: 'compatible' });
    await runProbe(input(s, 'compatible'));
    const text = s.requests[2]!;
    expect(text.query.encrypt_type).toBe('aes');
    expect(text.body).toContain('<Content><![CDATA[Hello from WxDesk]]></Content>');
    expect(text.body).toContain('<Encrypt><![CDATA[');
  });

  it('keeps the URL\'s own query', async () => {
    const s = await server();
    const r = await runProbe(input({ url: `${s.url}?app=demo` }));
    expect(r.verdict).toBe('pass');
    expect(s.requests.every((q) => q.query.app === 'demo')).toBe(true);
  });
});

describe('a broken server fails with its cause named', () => {
  const cases: [CallbackFault, CallbackMode, ProbeCheckId, 'fail' | 'warning', RegExp][] = [
    ['accepts-forged', 'plain', 'forged', 'fail', /accepts forged requests/],
    ['json-echostr', 'plain', 'url', 'fail', /JSON quotes/],
    ['trailing-newline', 'plain', 'url', 'fail', /trailing line break/],
    ['bom', 'plain', 'url', 'fail', /byte-order mark/],
    ['number-echostr', 'plain', 'url', 'fail', /as a number and lost precision/],
    ['html-error', 'plain', 'text', 'fail', /HTTP 500.*HTML page \("500 Internal Server Error"\)/],
    ['no-swap', 'plain', 'text', 'fail', /not swapped/],
    ['json-reply', 'plain', 'text', 'fail', /neither "success", an empty body nor a reply XML/],
    ['wrong-key', 'safe', 'text', 'fail', /does not decrypt with the EncodingAESKey given here/],
    ['bad-reply-signature', 'safe', 'text', 'fail', /MsgSignature .* does not verify/],
    ['plain-reply', 'safe', 'text', 'fail', /not encrypted/],
    ['no-dedupe', 'plain', 'retry', 'warning', /handled twice/],
    ['no-dedupe', 'safe', 'retry', 'warning', /handled twice/],
  ];
  for (const [fault, mode, id, verdict, cause] of cases) {
    it(`${fault} (${mode}): ${id} ${verdict}s`, async () => {
      const r = await runProbe(input(await server({ fault, mode }), mode));
      expect(check(r, id).verdict, check(r, id).summary.en).toBe(verdict);
      expect(check(r, id).summary.en).toMatch(cause);
      expect(check(r, id).summary.zh).not.toBe('');
      expect(r.verdict).toBe(verdict);
    });
  }

  it('a wrong Token fails the URL check and the pushes, and says the Tokens differ', async () => {
    const r = await runProbe(input(await server(), 'plain', { serverToken: 'otherToken1' }));
    expect(verdicts(r)).toMatchObject({ url: 'fail', forged: 'pass', text: 'fail', event: 'fail', retry: 'skipped' });
    expect(check(r, 'url').summary.en).toMatch(/HTTP 403.*Token is most likely not "otherToken1"/);
  });

  it('a wrong EncodingAESKey is refused by the server, and the probe says to compare the key', async () => {
    const r = await runProbe(input(await server({ mode: 'safe' }), 'safe', { aesKey: newAesKey() }));
    expect(check(r, 'url').verdict).toBe('pass');
    expect(check(r, 'text').verdict).toBe('fail');
    expect(check(r, 'text').summary.en).toMatch(/EncodingAESKey and AppID/);
  });

  it('an answer after 6 s fails as too slow, though it is right', { timeout: 60_000 }, async () => {
    const r = await runProbe(input(await server({ fault: 'slow', slowMs: 6_000 })));
    expect(check(r, 'url').verdict).toBe('fail');
    expect(check(r, 'url').summary.en).toMatch(/took 6\.\d s\. WeChat waits 5 s/);
    expect(check(r, 'text').summary.en).toMatch(/took 6\.\d s/);
  });

  it('no answer within the timeout is a failure that says so, and the run ends', { timeout: 30_000 }, async () => {
    const r = await runProbe(input(await server({ fault: 'slow', slowMs: 20_000 }), 'plain', { timeoutMs: 1_000 }));
    expect(check(r, 'url').verdict).toBe('fail');
    expect(check(r, 'url').summary.en).toMatch(/No answer .*within 1 s/);
    expect(r.done).toBe(true);
  });

  it('nothing listening: the first check says so, the rest are skipped', async () => {
    const s = await server();
    const url = s.url;
    await s.close();
    const r = await runProbe(input({ url }));
    expect(verdicts(r)).toEqual({ url: 'fail', forged: 'skipped', text: 'skipped', event: 'skipped', retry: 'skipped' });
    expect(check(r, 'url').summary.en).toMatch(/connection refused/);
  });

  it('a wrong path (404) and a redirect are named', async () => {
    const s = await server();
    const r404 = await runProbe(input({ url: s.url.replace('/wechat', '/nope') }));
    expect(check(r404, 'url').summary.en).toMatch(/HTTP 404: nothing answers at this path/);

    const redirect: Server = createServer((_req, res) => res.writeHead(301, { location: s.url }).end());
    await new Promise<void>((ok) => redirect.listen(0, '127.0.0.1', ok));
    servers.push({ close: () => new Promise<void>((ok) => redirect.close(() => ok())) });
    const r = await runProbe(input({ url: `http://127.0.0.1:${(redirect.address() as AddressInfo).port}/wechat` }));
    expect(check(r, 'url').summary.en).toContain(`a redirect to ${s.url}. WeChat does not follow redirects`);
    // Not followed: the real server saw nothing.
    expect(s.requests.filter((q) => q.path === '/wechat')).toHaveLength(0);
  });
});

describe('the report', () => {
  it('tells each step as it goes, then the whole', async () => {
    const steps: ProbeReport[] = [];
    const r = await runProbe(input(await server(), 'plain', { runId: 'run-1' }), { onProgress: (p) => steps.push(p) });
    expect(steps.map((p) => p.running ?? 'done')).toEqual(['url', 'forged', 'text', 'event', 'retry', 'done']);
    expect(steps.map((p) => p.checks.length)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(steps.at(-1)).toEqual(r);
    expect(r.runId).toBe('run-1');
    expect(r.plan.map((c) => c.id)).toEqual(['url', 'forged', 'text', 'event', 'retry']);
  });

  it('says WeChat reaches only public URLs on port 80 or 443', async () => {
    const r = await runProbe(input(await server()));
    const notes = r.notes.map((n) => n.en).join(' ');
    expect(notes).toMatch(/WeChat cannot reach 127\.0\.0\.1/);
    expect(notes).toMatch(/port 80 \(http\) or 443 \(https\); this URL uses port \d+/);
    expect(notes).toMatch(/before the tunnel, not instead of it/);
  });
});

describe('bad settings are refused before anything is sent', () => {
  const bad: [Partial<ProbeInput> | unknown, RegExp][] = [
    [{ url: 'localhost:8080/wechat' }, /no scheme: write it in full, e\.g\. http:\/\/localhost:8080\/wechat/],
    [{ url: 'ftp://127.0.0.1/x' }, /must be http:\/\/ or https:\/\//],
    [{ url: 'http://user:pw@127.0.0.1/x' }, /user name or password/],
    [{ url: 'http://127.0.0.1/x#top' }, /#fragment/],
    [{ url: '' }, /callback URL is empty/],
    [{ serverToken: '' }, /needs the Token/],
    [{ serverToken: 'has space' }, /Token/],
    [{ mode: 'safe' }, /needs the EncodingAESKey/],
    [{ mode: 'safe', aesKey: KEY }, /need the AppID/],
    [{ mode: 'safe', aesKey: `${KEY}=`, appId: APPID }, /without a trailing "="/],
    [{ mode: 'safe', aesKey: KEY, appId: 'wx123' }, /AppID must be/],
    [{ mode: 'weird' }, /plain, safe or compatible/],
    [{ message: 'a]]>b' }, /"\]\]>"/],
    [{ message: '' }, /empty/],
    [{ timeoutMs: 10 }, /timeout/],
    [{ extra: 1 }, /Unknown probe field "extra"/],
    [{ url: 42 }, /must be a string/],
    ['http://x', /Expected the probe settings/],
  ];
  for (const [patch, why] of bad) {
    it(`${JSON.stringify(patch)}`, async () => {
      const s = await server();
      const given = typeof patch === 'object' && patch !== null ? { url: s.url, serverToken: TOKEN, ...patch } : patch;
      const e = await runProbe(given).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(WxError);
      expect((e as WxError).code).toBe('INVALID_INPUT');
      expect((e as WxError).message).toMatch(why);
      expect(s.requests).toHaveLength(0);
    });
  }
});

describe('a server that may not decrypt (issue 21, item 1)', () => {
  it('safe mode against a plain-only server: every check passes, and the run ends with a warning that says why', async () => {
    const s = await server({ mode: 'safe', fault: 'plain-only' });
    const r = await runProbe(input(s, 'safe'));
    expect(verdicts(r)).toEqual({ url: 'pass', forged: 'pass', text: 'pass', event: 'pass', retry: 'pass' });
    expect(r.verdict).toBe('warning');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings![0]!.en).toMatch(/safe mode every push got only "success" or an empty answer: the server may not be decrypting <Encrypt>/);
    expect(r.warnings![0]!.zh).toMatch(/安全模式下每条推送都只得到“success”或空应答：服务器可能没有解密 <Encrypt>/);
    // The server never read a message: what it handled were envelopes it could not open.
    expect(s.requests[2]!.body).toContain('<Encrypt>');
  });

  it('the correct server in safe and compatible mode: no warning', async () => {
    for (const mode of ['safe', 'compatible'] as const) {
      const r = await runProbe(input(await server({ mode }), mode));
      expect(r.verdict).toBe('pass');
      expect(r.warnings).toBeUndefined();
    }
  });

  it('compatible mode against a plain-only server that replies to the plaintext fields: no warning (WeChat takes a plaintext reply there)', async () => {
    const r = await runProbe(input(await server({ mode: 'compatible', fault: 'plain-only' }), 'compatible'));
    expect(r.verdict).toBe('pass');
    expect(r.warnings).toBeUndefined();
  });

  it('plain mode: "success" everywhere is a server that chose not to reply, no warning', async () => {
    const r = await runProbe(input(await server({ reply: 'success' })));
    expect(r).toMatchObject({ verdict: 'pass', mode: 'plain' });
    expect(r.warnings).toBeUndefined();
  });

  it('a failed run keeps its fail, and a push that failed means no such warning', async () => {
    const r = await runProbe(input(await server({ mode: 'safe', fault: 'html-error' }), 'safe'));
    expect(r.verdict).toBe('fail');
    expect(r.warnings).toBeUndefined();
  });
});
