// The sample callback servers the probe is judged against are checked on their own first: their
// crypto opens WeChat's official sample, and they answer as their docs say, so a probe failure
// against them is the probe's, not theirs.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CallbackServer, newAesKey, seal, unseal } from './fixtures/callback-servers';

// The message push doc's safe-mode sample (also in msgcrypt.test.ts): EncodingAESKey 43 × "A".
const DOC = {
  aesKey: 'A'.repeat(43),
  appId: 'wxba5fad812f8e6fb9',
  encrypt:
    '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
};

const sha1 = (parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

const servers: CallbackServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(opts: Parameters<typeof CallbackServer.start>[0]): Promise<CallbackServer> {
  const s = await CallbackServer.start(opts);
  servers.push(s);
  return s;
}

function signedQuery(token: string, extra: Record<string, string> = {}): string {
  const timestamp = '1700000000';
  const nonce = '123456789';
  return new URLSearchParams({ signature: sha1([token, timestamp, nonce]), timestamp, nonce, ...extra }).toString();
}

describe('the fixture crypto', () => {
  it('opens the official sample', () => {
    expect(unseal(DOC.aesKey, DOC.appId, DOC.encrypt)).toContain('"debug_str":"hello world"');
  });

  it('seals what it opens, pads to 32-byte blocks, and refuses another AppID or key', () => {
    const key = newAesKey();
    for (const message of ['', 'x', '你好'.repeat(40)]) {
      const sealed = seal(key, DOC.appId, message);
      expect(Buffer.from(sealed, 'base64').length % 32).toBe(0);
      expect(unseal(key, DOC.appId, sealed)).toBe(message);
    }
    expect(() => unseal(key, 'wx0000000000000000', seal(key, DOC.appId, 'hi'))).toThrow();
    expect(() => unseal(newAesKey(), DOC.appId, seal(key, DOC.appId, 'hi'))).toThrow();
  });
});

describe('the correct server', () => {
  it('echoes a signed echostr, refuses a forged one, and 404s other paths', async () => {
    const s = await start({ token: 'fixtureToken' });
    const ok = await fetch(`${s.url}?${signedQuery('fixtureToken', { echostr: '42' })}`);
    expect([ok.status, await ok.text()]).toEqual([200, '42']);
    const forged = await fetch(`${s.url}?${signedQuery('otherToken', { echostr: '42' })}`);
    expect([forged.status, await forged.text()]).toEqual([403, 'invalid signature']);
    expect((await fetch(s.url.replace('/wechat', '/other'))).status).toBe(404);
  });

  it('replies to a text message with the names swapped, once per MsgId', async () => {
    const s = await start({ token: 'fixtureToken' });
    const body = '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o_2]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>7</MsgId></xml>';
    const post = () => fetch(`${s.url}?${signedQuery('fixtureToken', { openid: 'o_2' })}`, { method: 'POST', body }).then((r) => r.text());
    const first = await post();
    expect(first).toContain('<ToUserName><![CDATA[o_2]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>');
    expect(first).toContain('<Content><![CDATA[You said: hi]]></Content>');
    expect(await post()).toBe(first);
    expect(s.handled).toBe(1);
  });

  it('in safe mode reads and answers only ciphertext, signed with msg_signature', async () => {
    const key = newAesKey();
    const s = await start({ token: 'fixtureToken', mode: 'safe', aesKey: key, appId: DOC.appId });
    const inner = '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o_2]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>';
    const encrypt = seal(key, DOC.appId, inner);
    const q = signedQuery('fixtureToken', { openid: 'o_2', encrypt_type: 'aes', msg_signature: sha1(['fixtureToken', '1700000000', '123456789', encrypt]) });
    const res = await fetch(`${s.url}?${q}`, { method: 'POST', body: `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
    const reply = await res.text();
    const sealed = /<Encrypt><!\[CDATA\[([^\]]+)/.exec(reply)![1]!;
    const ts = /<TimeStamp>(\d+)/.exec(reply)![1]!;
    const nonce = /<Nonce><!\[CDATA\[(\d+)/.exec(reply)![1]!;
    expect(reply).toContain(`<MsgSignature><![CDATA[${sha1(['fixtureToken', ts, nonce, sealed])}]]></MsgSignature>`);
    expect(unseal(key, DOC.appId, sealed)).toContain('<Content><![CDATA[Welcome]]></Content>');

    const wrong = await fetch(`${s.url}?${signedQuery('fixtureToken', { openid: 'o_2', encrypt_type: 'aes', msg_signature: '0'.repeat(40) })}`, { method: 'POST', body: `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` });
    expect(wrong.status).toBe(403);
  });
});
