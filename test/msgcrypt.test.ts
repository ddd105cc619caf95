import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorView } from '../electron/core/dashboard';
import { WxError } from '../electron/core/errors';
import { decryptMessage, decryptRequest, encryptMessage, encryptReply, parseAesKey, verifyWeComUrl } from '../electron/core/msgcrypt';
import type { SignatureExplanation } from '../electron/core/signature';

// Mini Program message push doc (developers.weixin.qq.com/miniprogram/dev/framework/server-ability/
// message-push.html), 安全模式 example: Token "AAAAA", EncodingAESKey 43 × "A", AppID wxba5fad812f8e6fb9.
const DOC = {
  token: 'AAAAA',
  aesKey: 'A'.repeat(43),
  appId: 'wxba5fad812f8e6fb9',
  timestamp: '1714112445',
  nonce: '415670741',
  msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
  encrypt:
    '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
  message:
    '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
};

// Official WXBizMsgCrypt Java sample test (WXBizMsgCryptTest), also WxJava's WxCryptUtilTest:
// EncodingAESKey abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG, AppID wxb11529c136998cb6, random aaaabbbbccccdddd.
const JAVA = {
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
};

// wechatpy tests/test_crypto.py (WeCom): token 123456, corp_id wx49f0ab532d5d035a.
const WECHATPY = { token: '123456', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', corpId: 'wx49f0ab532d5d035a' };

// EasyWeChat tests/Kernel/EncryptorTest.php (testDecrypt): token pamtest, the Java sample's key and AppID.
const EASYWECHAT_ENCRYPT =
  'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==';

function thrown(fn: () => unknown): WxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WxError) return e;
    throw e;
  }
  throw new Error('expected a WxError');
}

describe('parseAesKey', () => {
  it('decodes 43 × "A" to 32 zero bytes', () => {
    expect(parseAesKey('A'.repeat(43))).toEqual(Buffer.alloc(32));
  });

  it('says the length found', () => {
    const e = thrown(() => parseAesKey('A'.repeat(42)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/43 characters, but it has 42/);
  });

  it('says the bad character and its position', () => {
    expect(thrown(() => parseAesKey(`${'A'.repeat(10)}-${'A'.repeat(32)}`)).message).toMatch(/position 11 is "-"/);
    expect(thrown(() => parseAesKey(`${'A'.repeat(43)}\n`)).message).toMatch(/position 44 is a line break/);
  });

  it('explains a trailing "="', () => {
    expect(thrown(() => parseAesKey(`${'A'.repeat(43)}=`)).message).toMatch(/without a trailing "="/);
  });
});

describe('official vectors', () => {
  it('decrypts the message push doc sample (pad byte 19, above 16)', () => {
    const r = decryptMessage({ aesKey: DOC.aesKey, encrypt: DOC.encrypt, appId: DOC.appId });
    expect(r.message).toBe(DOC.message);
    expect(r.appId).toBe(DOC.appId);
    // The doc: random(16B) = "a8eedb185eb2fecf", msg_len = 167.
    expect(r.random).toBe(Buffer.from('a8eedb185eb2fecf').toString('hex'));
    expect(Buffer.byteLength(r.message)).toBe(167);
    expect(r.padding).toBe(19);
  });

  it('the 16-byte-unpad pitfall: a default PKCS#7 decipher rejects the same official data', () => {
    const key = parseAesKey(DOC.aesKey);
    const naive = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    expect(() => Buffer.concat([naive.update(Buffer.from(DOC.encrypt, 'base64')), naive.final()])).toThrow();
  });

  it('decrypts EasyWeChat\'s vector (pad byte 21) through decryptRequest', () => {
    const body = `<xml>\n    <ToUserName><![CDATA[asdasdasd]]></ToUserName>\n    <Encrypt><![CDATA[${EASYWECHAT_ENCRYPT}]]></Encrypt>\n</xml>\n`;
    const r = decryptRequest({ token: 'pamtest', aesKey: JAVA.aesKey, appId: JAVA.appId, timestamp: '1458300676', nonce: '260774613', msgSignature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890', body });
    expect(r.signature.match).toBe(true);
    expect(r.decrypted.padding).toBe(21);
    expect(r.decrypted.message).toContain('<Content><![CDATA[hello]]></Content>');
    expect(r.decrypted.message).toContain('<FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName>');
  });

  it('reproduces the doc\'s encrypted reply (random 707722b803182950, pad byte 1)', () => {
    // Message push doc, reply example: {"demo_resp":"good luck"}, TimeStamp 1713424427, Nonce 415670741.
    const r = encryptReply({ token: DOC.token, aesKey: DOC.aesKey, appId: DOC.appId, message: '{"demo_resp":"good luck"}', timestamp: '1713424427', nonce: DOC.nonce, random: '707722b803182950' });
    expect(r.encrypt).toBe('ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==');
    expect(r.msgSignature).toBe('1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1');
    expect(r.xml).toBe(
      '<xml><Encrypt><![CDATA[ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==]]></Encrypt>' +
        '<MsgSignature><![CDATA[1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1]]></MsgSignature>' +
        '<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>',
    );
    expect(decryptMessage({ aesKey: DOC.aesKey, encrypt: r.encrypt }).padding).toBe(1);
  });

  it('reproduces the official Java sample / WxJava WxCryptUtilTest ciphertexts', () => {
    expect(encryptMessage({ ...JAVA, message: '我是中文abcd123' })).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    const replyMsg2 =
      '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>';
    const afterAesEncrypt2 =
      'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb';
    expect(encryptMessage({ ...JAVA, message: replyMsg2 })).toBe(afterAesEncrypt2);
    expect(decryptMessage({ aesKey: JAVA.aesKey, encrypt: afterAesEncrypt2, appId: JAVA.appId }).message).toBe(replyMsg2);
  });

  it('decrypts wechatpy\'s WeCom message without trimming its newlines', () => {
    const body =
      '<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA[RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>';
    const r = decryptRequest({ token: WECHATPY.token, aesKey: WECHATPY.aesKey, appId: WECHATPY.corpId, timestamp: '1411525903', nonce: '461056294', msgSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d', body });
    expect(r.decrypted.message.startsWith('<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]>')).toBe(true);
    expect(r.decrypted.message.endsWith('<AgentID>1</AgentID>\n</xml>')).toBe(true);
  });

  it('reproduces wechatpy\'s WeCom encrypted reply (random 1234567890123456)', () => {
    const reply =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const r = encryptReply({ token: WECHATPY.token, aesKey: WECHATPY.aesKey, appId: WECHATPY.corpId, message: reply, timestamp: '1411525903', nonce: '461056294', random: '1234567890123456' });
    expect(r.encrypt).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(r.msgSignature).toBe('407518b7649e86ef23978113f92d27afa9296533');
  });
});

describe('decryptRequest', () => {
  it('verifies msg_signature and decrypts the doc sample', () => {
    const body = JSON.stringify({ ToUserName: 'gh_97417a04a28d', Encrypt: DOC.encrypt });
    const r = decryptRequest({ ...DOC, body });
    expect(r.signature.match).toBe(true);
    expect(r.encrypt).toBe(DOC.encrypt);
    expect(r.decrypted.message).toBe(DOC.message);
  });

  it('works in compatible mode, where plaintext fields and <Encrypt> coexist', () => {
    const body =
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>' +
      `<CreateTime>1714112445</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[debug_demo]]></Event><Encrypt><![CDATA[${DOC.encrypt}]]></Encrypt></xml>`;
    expect(decryptRequest({ ...DOC, body }).decrypted.message).toBe(DOC.message);
  });

  it('a signature mismatch shows what the request carries and what the inputs sign to', () => {
    const body = `<xml><Encrypt><![CDATA[${DOC.encrypt}]]></Encrypt></xml>`;
    const e = thrown(() => decryptRequest({ ...DOC, nonce: '415670742', body }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain(`carries ${DOC.msgSignature}`);
    expect(e.message).toMatch(/sign to [0-9a-f]{40}/);
    expect((e.cause as SignatureExplanation).match).toBe(false);
  });

  it('a mismatch explained by a Token with a trailing space says so', () => {
    const e = thrown(() => decryptRequest({ ...DOC, token: 'AAAAA ', body: `<xml><Encrypt>${DOC.encrypt}</Encrypt></xml>` }));
    expect(e.message).toMatch(/Token ends with a space/);
  });

  it('says when the body has no <Encrypt>', () => {
    expect(thrown(() => decryptRequest({ ...DOC, body: '<xml><Content>hi</Content></xml>' })).message).toMatch(/no <Encrypt> element/);
  });
});

describe('verifyWeComUrl', () => {
  // wechatpy tests/test_crypto.py, test_check_signature_should_ok / _should_fail.
  const check = {
    token: WECHATPY.token,
    aesKey: WECHATPY.aesKey,
    timestamp: '1411443780',
    nonce: '437374425',
    msgSignature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
  };

  it('signs echostr as the fourth value and returns it decrypted', () => {
    const r = verifyWeComUrl({ ...check, corpId: WECHATPY.corpId });
    expect(r.signature.parts).toEqual([check.token, check.timestamp, check.nonce, check.echostr]);
    expect(r.echostr).toBe('5927782489442352469');
    expect(r.corpId).toBe(WECHATPY.corpId);
  });

  it('fails on the wrong nonce', () => {
    expect(thrown(() => verifyWeComUrl({ ...check, nonce: '437374424' })).message).toMatch(/msg_signature does not match/);
  });

  it('explains a "+" that became a space (echostr read as a form field)', () => {
    expect(thrown(() => verifyWeComUrl({ ...check, echostr: check.echostr.replaceAll('+', ' ') })).message).toMatch(/"\+" was probably turned into a space/);
  });

  it('names both ids when the CorpID differs', () => {
    const e = thrown(() => verifyWeComUrl({ ...check, corpId: 'wwother' }));
    expect(e.message).toContain('"wx49f0ab532d5d035a"');
    expect(e.message).toContain('"wwother"');
  });
});

describe('decryptMessage errors', () => {
  it('names both AppIDs when they differ', () => {
    const e = thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: DOC.encrypt, appId: 'wx0000000000000000' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('"wxba5fad812f8e6fb9"');
    expect(e.message).toContain('"wx0000000000000000"');
    // The specific hint wins over the generic "Correct the value and try again." (issue 21, item 5).
    expect(errorView(e).hint).toMatch(/^Leave AppID empty/);
    expect(errorView(e).zh?.hint).toMatch(/^清空 AppID/);
  });

  it('a wrong key fails the padding or length check and points at the EncodingAESKey', () => {
    const e = thrown(() => decryptMessage({ aesKey: JAVA.aesKey, encrypt: DOC.encrypt }));
    expect(e.message).toMatch(/EncodingAESKey is most likely wrong/);
    expect(errorView(e).hint).toMatch(/^Copy the EncodingAESKey again/);
  });

  it('a changed last block fails the padding check', () => {
    const bytes = Buffer.from(DOC.encrypt, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: bytes.toString('base64') })).message).toMatch(/invalid padding|length field/);
  });

  it('rejects base64 that is not whole AES blocks', () => {
    expect(thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: DOC.encrypt.slice(0, 40) })).message).toMatch(/decodes to 30 bytes/);
    expect(thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: DOC.encrypt.slice(0, 41) })).message).toMatch(/not a multiple of 4/);
  });

  it('rejects invalid base64 with the position', () => {
    expect(thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: `"${DOC.encrypt}"` })).message).toMatch(/position 1 is """/);
    expect(thrown(() => decryptMessage({ aesKey: DOC.aesKey, encrypt: encodeURIComponent(DOC.encrypt) })).message).toMatch(/URL-encoded/);
  });

  it('rejects a random prefix that is not 16 bytes', () => {
    expect(thrown(() => encryptMessage({ aesKey: DOC.aesKey, appId: DOC.appId, message: 'x', random: '123456789012345' })).message).toMatch(/16 bytes/);
  });
});

// Round trips: deterministic pseudo-random messages, so a failure is reproducible.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', '\n', '\r\n', '\t', '<', ']]>', 'é', '中', '文', '😀', '\u0000', '"'];

function randomMessage(next: () => number, maxBytes: number): string {
  const target = Math.floor(next() * (maxBytes + 1));
  let text = '';
  while (Buffer.byteLength(text) < target) text += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? 'a';
  return text;
}

describe('round trips', () => {
  it('random messages of 0–2000 bytes (multi-byte UTF-8, newlines) decrypt to themselves', () => {
    const next = prng(20240426);
    for (let i = 0; i < 150; i++) {
      const message = randomMessage(next, 2000);
      const encrypt = encryptMessage({ aesKey: DOC.aesKey, appId: DOC.appId, message });
      const r = decryptMessage({ aesKey: DOC.aesKey, encrypt, appId: DOC.appId });
      expect(r.message).toBe(message);
    }
  });

  it('every pad value 1..32 round-trips', () => {
    const pads = new Set<number>();
    for (let n = 0; n < 32; n++) {
      const message = 'x'.repeat(n);
      const r = decryptMessage({ aesKey: JAVA.aesKey, encrypt: encryptMessage({ ...JAVA, message }) });
      expect(r.message).toBe(message);
      pads.add(r.padding);
    }
    expect([...pads].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('never trims: leading and trailing whitespace survive', () => {
    const message = '\n  <xml>\r\n</xml>\n\n ';
    expect(decryptMessage({ aesKey: DOC.aesKey, encrypt: encryptMessage({ aesKey: DOC.aesKey, appId: '', message }) }).message).toBe(message);
  });

  it('encryptReply output decrypts through decryptRequest', () => {
    const reply = encryptReply({ token: DOC.token, aesKey: DOC.aesKey, appId: DOC.appId, message: '<xml>回复\n</xml>', timestamp: '1713424427', nonce: 'abc' });
    const r = decryptRequest({ token: DOC.token, aesKey: DOC.aesKey, appId: DOC.appId, timestamp: '1713424427', nonce: 'abc', msgSignature: reply.msgSignature, body: reply.xml });
    expect(r.decrypted.message).toBe('<xml>回复\n</xml>');
  });
});
