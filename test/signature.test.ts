import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WxError } from '../electron/core/errors';
import { MAX_PASTE, bodyField, jssdkSignature, msgSignature, parseCallback, serverSignature, wxConfigSnippet } from '../electron/core/signature';
import type { Cause } from '../electron/core/signature';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const codes = (causes: Cause[]) => causes.map((c) => c.code);

// JS-SDK doc, appendix 1 (JS-SDK 使用权限签名算法), quoted in /work/shared/WECHAT.md.
const JSSDK = {
  ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg',
  noncestr: 'Wm3WZYTPz0wzccnW',
  timestamp: '1414587457',
  url: 'http://mp.weixin.qq.com?params=value',
  digest: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
};

// Mini Program message push doc (developers.weixin.qq.com/miniprogram/dev/framework/server-ability/
// message-push.html), "发起验证" and "接收消息推送" examples, Token "AAAAA".
const PUSH_DOC = { token: 'AAAAA' };
const ENCRYPT_DOC =
  '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=';

describe('serverSignature', () => {
  it('matches the message push doc: URL check (GET) example', () => {
    // Same doc: timestamp 1714036504, nonce 1514711492 → f464b24f…
    const r = serverSignature({ token: 'AAAAA', timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696' });
    expect(r.parts).toEqual(['AAAAA', '1714036504', '1514711492']);
    expect(r.sorted).toEqual(['1514711492', '1714036504', 'AAAAA']);
    expect(r.joined).toBe('15147114921714036504AAAAA');
    expect(r.digest).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
    expect(r.match).toBe(true);
    expect(r.causes).toEqual([]);
  });

  it('sorts as strings, not numbers (message push doc, plaintext-mode POST example)', () => {
    // Same doc: 1714037059 / 486452656 → sorted ["1714037059","486452656","AAAAA"] → 899cf89e…
    const r = serverSignature({ ...PUSH_DOC, timestamp: '1714037059', nonce: '486452656' });
    expect(r.sorted).toEqual(['1714037059', '486452656', 'AAAAA']);
    expect(r.digest).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
  });

  it('matches the signature of the doc\'s safe-mode push URL', () => {
    // Same doc, 安全模式 example: signature=6c5c811b… for timestamp 1714112445, nonce 415670741.
    expect(serverSignature({ ...PUSH_DOC, timestamp: '1714112445', nonce: '415670741' }).digest).toBe('6c5c811b55cc85e0e1b54100749188c20beb3f5d');
  });

  it('matches the Token "weixin" vector', () => {
    // Vector from the project brief, checked independently: printf '13579820611358161344weixin' | sha1sum
    expect(serverSignature({ token: 'weixin', timestamp: '1357982061', nonce: '1358161344' }).digest).toBe('335b26997f05c82243aad6b10a2d1853637e71a8');
  });

  it('omits expected and match when no signature is given', () => {
    const r = serverSignature({ token: 'weixin', timestamp: '1357982061', nonce: '1358161344' });
    expect(r.expected).toBeUndefined();
    expect(r.match).toBeUndefined();
  });

  it('refuses an empty Token with a sentence that names it', () => {
    expect(() => serverSignature({ token: '', timestamp: '1', nonce: '2' })).toThrow(WxError);
    expect(() => serverSignature({ token: '', timestamp: '1', nonce: '2' })).toThrow(/Token is empty/);
  });

  describe('causes', () => {
    it('whitespace: names the field and what the whitespace is', () => {
      const r = serverSignature({ token: 'AAAAA\n', timestamp: '1714036504', nonce: '1514711492' });
      expect(r.causes).toEqual([expect.objectContaining({ code: 'whitespace', field: 'token', level: 'warning' })]);
      expect(r.causes[0]?.message).toMatch(/Token ends with a newline/);
      // The digest is over the exact characters given: that is what a server with this Token computes.
      expect(r.digest).toBe(sha1(['AAAAA\n', '1714036504', '1514711492'].sort().join('')));
    });

    it('signature-of-other: the given signature is the one of the trimmed values', () => {
      const r = serverSignature({ token: ' AAAAA', timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696' });
      expect(r.match).toBe(false);
      expect(codes(r.causes)).toEqual(['whitespace', 'signature-of-other']);
      expect(r.causes[1]?.message).toMatch(/whitespace removed/);
    });

    it('numeric-sort: the given signature comes from PHP sort() without SORT_STRING', () => {
      const numeric = sha1(['486452656', '1714037059', 'AAAAA'].join(''));
      const r = serverSignature({ ...PUSH_DOC, timestamp: '1714037059', nonce: '486452656', signature: numeric });
      expect(r.match).toBe(false);
      expect(codes(r.causes)).toEqual(['numeric-sort']);
      expect(r.causes[0]?.message).toMatch(/SORT_STRING/);
    });

    it('uppercase: the right digest in upper case does not match, and says why', () => {
      const r = serverSignature({ ...PUSH_DOC, timestamp: '1714036504', nonce: '1514711492', signature: 'F464B24FC39322E44B38AA78F5EDD27BD1441696' });
      expect(r.match).toBe(false);
      expect(codes(r.causes)).toEqual(['uppercase']);
    });

    it('milliseconds: a 13-digit timestamp', () => {
      const r = serverSignature({ ...PUSH_DOC, timestamp: '1714036504000', nonce: '1514711492' });
      expect(r.causes).toEqual([expect.objectContaining({ code: 'milliseconds', field: 'timestamp' })]);
      expect(r.causes[0]?.message).toMatch(/\(1714036504\)/);
    });

    it('a pasted signature with a trailing newline still compares, and says so', () => {
      const r = serverSignature({ ...PUSH_DOC, timestamp: '1714036504', nonce: '1514711492', signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696\n' });
      expect(r.match).toBe(true);
      expect(r.causes).toEqual([expect.objectContaining({ code: 'whitespace', field: 'signature' })]);
    });

    it('an unexplained mismatch has no invented cause', () => {
      const r = serverSignature({ ...PUSH_DOC, timestamp: '1714036504', nonce: '1514711492', signature: '0'.repeat(40) });
      expect(r.match).toBe(false);
      expect(r.causes).toEqual([]);
    });
  });
});

describe('msgSignature', () => {
  it('matches the message push doc: safe-mode msg_signature over Encrypt', () => {
    // Same doc: msg_signature=046e02f8… for 1714112445 / 415670741 and the Encrypt of the body.
    const r = msgSignature({ ...PUSH_DOC, timestamp: '1714112445', nonce: '415670741', encrypt: ENCRYPT_DOC, signature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3' });
    expect(r.sorted).toEqual([ENCRYPT_DOC, '1714112445', '415670741', 'AAAAA']);
    expect(r.parts).toHaveLength(4);
    expect(r.match).toBe(true);
  });

  it('matches EasyWeChat tests/Kernel/EncryptorTest.php (testDecrypt)', () => {
    const encrypt =
      'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==';
    expect(msgSignature({ token: 'pamtest', timestamp: '1458300676', nonce: '260774613', encrypt }).digest).toBe('4f3ad57b6989f09f4eb392acce4f9e93942ed890');
  });

  it('matches the doc\'s encrypted reply signature', () => {
    // Message push doc, reply example: TimeStamp 1713424427, Nonce 415670741 → 1b933996…
    const encrypt = 'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==';
    expect(msgSignature({ ...PUSH_DOC, timestamp: '1713424427', nonce: '415670741', encrypt }).digest).toBe('1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1');
  });

  it('flags whitespace in Encrypt by name', () => {
    const r = msgSignature({ ...PUSH_DOC, timestamp: '1714112445', nonce: '415670741', encrypt: `${ENCRYPT_DOC}\n`, signature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3' });
    expect(r.match).toBe(false);
    expect(r.causes[0]).toMatchObject({ code: 'whitespace', field: 'encrypt' });
    expect(r.causes[0]?.message).toMatch(/Encrypt ends with a newline/);
    expect(codes(r.causes)).toContain('signature-of-other');
  });
});

describe('jssdkSignature', () => {
  it('matches the JS-SDK doc appendix 1 vector', () => {
    const r = jssdkSignature({ ...JSSDK, signature: JSSDK.digest });
    expect(r.joined).toBe(`jsapi_ticket=${JSSDK.ticket}&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value`);
    expect(r.digest).toBe(JSSDK.digest);
    expect(r.match).toBe(true);
    expect(r.causes).toEqual([]);
  });

  it('fragment: removes #… before signing and reports it as info', () => {
    const r = jssdkSignature({ ...JSSDK, url: `${JSSDK.url}#wechat_redirect` });
    expect(r.url).toBe(JSSDK.url);
    expect(r.digest).toBe(JSSDK.digest);
    expect(r.causes).toEqual([expect.objectContaining({ code: 'fragment', level: 'info' })]);
    expect(r.causes[0]?.message).toContain('#wechat_redirect');
  });

  it('signature-of-other: a signer that kept the fragment', () => {
    const url = `${JSSDK.url}#top`;
    const kept = sha1(`jsapi_ticket=${JSSDK.ticket}&noncestr=${JSSDK.noncestr}&timestamp=${JSSDK.timestamp}&url=${url}`);
    const r = jssdkSignature({ ...JSSDK, url, signature: kept });
    expect(r.match).toBe(false);
    expect(codes(r.causes)).toEqual(['fragment', 'signature-of-other']);
    expect(r.causes[1]?.message).toMatch(/fragment kept/);
  });

  it('signature-of-other: a signer that encodeURIComponent()-ed the URL', () => {
    const encoded = sha1(`jsapi_ticket=${JSSDK.ticket}&noncestr=${JSSDK.noncestr}&timestamp=${JSSDK.timestamp}&url=${encodeURIComponent(JSSDK.url)}`);
    const r = jssdkSignature({ ...JSSDK, signature: encoded });
    expect(r.match).toBe(false);
    expect(r.causes).toEqual([expect.objectContaining({ code: 'signature-of-other', field: 'url' })]);
    expect(r.causes[0]?.message).toMatch(/encodeURIComponent/);
  });

  it('encoded-url: a wholly encoded URL', () => {
    const r = jssdkSignature({ ...JSSDK, url: encodeURIComponent(JSSDK.url) });
    expect(codes(r.causes)).toEqual(['encoded-url']);
    expect(r.causes[0]?.message).toContain(JSSDK.url);
  });

  it('encoded-url: escapes of characters normally written raw', () => {
    const r = jssdkSignature({ ...JSSDK, url: 'http://mp.weixin.qq.com/page?params%3Dvalue' });
    expect(codes(r.causes)).toEqual(['encoded-url']);
    expect(r.causes[0]?.message).toContain('%3D');
  });

  it('milliseconds: a 13-digit timestamp', () => {
    const r = jssdkSignature({ ...JSSDK, timestamp: '1414587457000' });
    expect(codes(r.causes)).toEqual(['milliseconds']);
  });

  it('whitespace: names the jsapi_ticket', () => {
    const r = jssdkSignature({ ...JSSDK, ticket: `${JSSDK.ticket} `, signature: JSSDK.digest });
    expect(r.match).toBe(false);
    expect(r.causes[0]).toMatchObject({ code: 'whitespace', field: 'ticket' });
    expect(r.causes[0]?.message).toMatch(/jsapi_ticket ends with a space/);
    expect(codes(r.causes)).toContain('signature-of-other');
  });

  it('uppercase', () => {
    const r = jssdkSignature({ ...JSSDK, signature: JSSDK.digest.toUpperCase() });
    expect(codes(r.causes)).toEqual(['uppercase']);
  });
});

describe('wxConfigSnippet', () => {
  it('builds a wx.config call with the official vector and seconds as a number', () => {
    const s = wxConfigSnippet({ appId: 'wx0123456789abcdef', ticket: JSSDK.ticket, url: `${JSSDK.url}#x`, noncestr: JSSDK.noncestr, timestamp: 1414587457, jsApiList: ['chooseImage'] });
    expect(s).toContain('wx.config({');
    expect(s).toContain('debug: false,');
    expect(s).toContain('appId: "wx0123456789abcdef",');
    expect(s).toContain('timestamp: 1414587457,');
    expect(s).toContain('nonceStr: "Wm3WZYTPz0wzccnW",');
    expect(s).toContain(`signature: "${JSSDK.digest}",`);
    expect(s).toContain('jsApiList: ["chooseImage"],');
    expect(s).toContain(`url        "${JSSDK.url}"`);
    // The page never needs the ticket itself.
    expect(s).not.toContain(JSSDK.ticket);
  });

  it('fills noncestr and timestamp when absent', () => {
    const s = wxConfigSnippet({ appId: 'wx0123456789abcdef', ticket: JSSDK.ticket, url: JSSDK.url });
    const nonce = /nonceStr: "([A-Za-z0-9]{16})"/.exec(s)?.[1];
    const ts = Number(/timestamp: (\d+),/.exec(s)?.[1]);
    expect(nonce).toBeDefined();
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(5);
    const signature = /signature: "([0-9a-f]{40})"/.exec(s)?.[1];
    expect(signature).toBe(jssdkSignature({ ticket: JSSDK.ticket, noncestr: nonce ?? '', timestamp: String(ts), url: JSSDK.url }).digest);
  });

  it('refuses a timestamp in milliseconds', () => {
    expect(() => wxConfigSnippet({ appId: 'wx0123456789abcdef', ticket: 't', url: JSSDK.url, timestamp: 1414587457000 })).toThrow(/milliseconds/);
  });
});

describe('parseCallback', () => {
  it('reads a callback URL and URL-decodes the values', () => {
    const f = parseCallback(
      'https://www.qq.com/revice?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&echostr=4ByGGj%2BsVCYc%2FvGeQ%3D%3D&timestamp=1714036504&nonce=1514711492#frag',
    );
    expect(f).toEqual({ signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696', echostr: '4ByGGj+sVCYc/vGeQ==', timestamp: '1714036504', nonce: '1514711492' });
  });

  it('keeps a literal "+" (base64), instead of turning it into a space', () => {
    expect(parseCallback('?echostr=ab+cd&nonce=1').echostr).toBe('ab+cd');
  });

  it('reads a bare query string', () => {
    expect(parseCallback('signature=abc&timestamp=1&nonce=2&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=def')).toEqual({
      signature: 'abc',
      timestamp: '1',
      nonce: '2',
      openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      encrypt_type: 'aes',
      msg_signature: 'def',
    });
  });

  it('reads a raw HTTP request with a compatible-mode XML body', () => {
    const request = [
      'POST /wechat?signature=6c5c811b55cc85e0e1b54100749188c20beb3f5d&timestamp=1714112445&nonce=415670741&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature=046e02f8204d34f8ba5fa3b1db94908f3df2e9b3 HTTP/1.1',
      'Host: example.com',
      'Content-Type: text/xml',
      '',
      '<xml>',
      '  <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>',
      // A user's text that looks like an envelope must not be mistaken for it.
      '  <Content><![CDATA[<Encrypt><![CDATA[fake]]]]><![CDATA[></Encrypt>]]></Content>',
      `  <Encrypt><![CDATA[${ENCRYPT_DOC}]]></Encrypt>`,
      '</xml>',
    ].join('\r\n');
    expect(parseCallback(request)).toEqual({
      signature: '6c5c811b55cc85e0e1b54100749188c20beb3f5d',
      timestamp: '1714112445',
      nonce: '415670741',
      openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
      encrypt_type: 'aes',
      msg_signature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
      encrypt: ENCRYPT_DOC,
      toUserName: 'gh_97417a04a28d',
    });
  });

  it('reads a JSON body (the JSON data format)', () => {
    const f = parseCallback(`POST /cb?timestamp=1&nonce=2 HTTP/1.1\nHost: x\n\n{"ToUserName":"gh_97417a04a28d","Encrypt":"${ENCRYPT_DOC}"}`);
    expect(f.encrypt).toBe(ENCRYPT_DOC);
    expect(f.toUserName).toBe('gh_97417a04a28d');
  });

  it('reads a URL followed by its body', () => {
    const f = parseCallback(`https://example.com/cb?timestamp=1&nonce=2\n<xml><Encrypt>${ENCRYPT_DOC}</Encrypt></xml>`);
    expect(f).toEqual({ timestamp: '1', nonce: '2', encrypt: ENCRYPT_DOC });
  });

  it('says what to paste when nothing is recognisable', () => {
    expect(() => parseCallback('hello')).toThrow(/No callback fields found/);
    expect(() => parseCallback('   ')).toThrow(/Nothing to read/);
  });
});

describe('bodyField', () => {
  it('reads elements without CDATA and decodes entities', () => {
    expect(bodyField('<xml><ToUserName>a&amp;b</ToUserName></xml>', 'ToUserName')).toBe('a&b');
    expect(bodyField('<xml><Other>x</Other></xml>', 'Encrypt')).toBeUndefined();
  });
});

describe('parseCallback on hostile pastes', () => {
  // The tokenizer a regex used to be: quadratic on `<a<a<a…` (a 262 KB paste took 13 s).
  const OLD = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|([^<]+)/g;
  const time = (text: string) => {
    const start = performance.now();
    bodyField(text, 'Encrypt');
    return performance.now() - start;
  };

  it('takes time in proportion to the paste: `<a` × 131,072 against well-formed tags of the same size', () => {
    const size = 262_144;
    const hostile = '<xml><Encrypt>' + '<a'.repeat(size / 2);
    const plain = '<xml><Encrypt>' + '<a>'.repeat(Math.round(size / 3)) + 'a'.repeat(size % 3);
    time(plain);
    time(hostile);
    const ratios = [0, 1, 2].map(() => time(hostile) / Math.max(time(plain), 0.5));
    // Linear: within a small factor of as many well-formed tags (the regex took 38 s here, thousands of times longer).
    expect(Math.min(...ratios)).toBeLessThan(20);
  });

  it('reads what the regex read, on generated pastes (differential)', () => {
    const parts = ['<xml>', '</xml>', '<Encrypt>', '</Encrypt>', '<ToUserName>', '</ToUserName>', '<![CDATA[x]]>', '<![CDATA[', ']]>', '<!--c-->', '<!--', '-->', '<?x?>', '<?', '?>', '<a/>', '<a />', '<', '>', '/', 'text', ' ', '&amp;', '<1>', '</ a>'];
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let k = 0; k < 2_000; k++) {
      const body = Array.from({ length: 1 + rnd(14) }, () => parts[rnd(parts.length)]).join('');
      // The old reading, from the same tokens the regex made.
      const old = (name: string): string | undefined => {
        let depth = 0;
        let captureAt = -1;
        let text = '';
        for (const m of body.matchAll(OLD)) {
          const [, cdata, closing, tag, selfClosing, chars] = m;
          if (cdata !== undefined) {
            if (captureAt >= 0 && depth === captureAt + 1) text += cdata;
          } else if (tag !== undefined) {
            if (closing) {
              depth -= 1;
              if (captureAt >= 0 && depth === captureAt) return text;
            } else if (selfClosing) {
              if (captureAt < 0 && depth <= 1 && tag === name) return '';
            } else {
              if (captureAt < 0 && depth <= 1 && tag === name) {
                captureAt = depth;
                text = '';
              }
              depth += 1;
            }
          } else if (chars !== undefined && captureAt >= 0 && depth === captureAt + 1 && chars.trim() !== '') {
            text += chars.trim().replace(/&amp;/g, '&');
          }
        }
        return undefined;
      };
      expect([body, bodyField(body, 'Encrypt')]).toEqual([body, old('Encrypt')]);
      expect([body, bodyField(body, 'ToUserName')]).toEqual([body, old('ToUserName')]);
    }
  });

  it('refuses a paste over 1 MiB by name', () => {
    expect(() => parseCallback('a'.repeat(MAX_PASTE + 1))).toThrow(/a callback request is a few KB/);
  });
});
