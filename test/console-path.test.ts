// The console's Path normaliser (shared by the Console tab and the core): a URL copied from WeChat's
// docs becomes its path and query, its access_token (placeholder or real) dropped; any other host,
// scheme, user@ or port is refused naming the host and the hosts accepted, never echoing the query.
import { describe, expect, it } from 'vitest';
import { WECHAT_API_HOSTS, mergeQuery, normaliseApiPath, type ApiPath, type PathRefusal } from '../electron/core/console/api-path';

const REAL_TOKEN = '86_Xw9dQn0aLk3pR7tYbVcE2mZs5uH1jF8gK4oI6eWqA0yT3rD7nB2vC9xM5lP1kJ4hG8fS6dA';

function taken(raw: string): ApiPath {
  const r = normaliseApiPath(raw);
  if (!r.ok) throw new Error(`refused ${raw}: ${r.en}`);
  return r;
}

function refused(raw: string): PathRefusal {
  const r = normaliseApiPath(raw);
  if (r.ok) throw new Error(`took ${raw} as ${r.path}`);
  return r;
}

describe('a URL from WeChat’s docs', () => {
  it('on each of WeChat’s hosts, http or https: the host goes, the path stays', () => {
    expect(WECHAT_API_HOSTS).toEqual(['api.weixin.qq.com', 'api2.weixin.qq.com', 'sh.api.weixin.qq.com', 'sz.api.weixin.qq.com', 'hk.api.weixin.qq.com']);
    for (const host of WECHAT_API_HOSTS) {
      for (const scheme of ['https', 'http']) {
        expect(taken(`${scheme}://${host}/cgi-bin/menu/get?access_token=ACCESS_TOKEN`)).toEqual({ ok: true, path: '/cgi-bin/menu/get', query: [], fromUrl: true, hostEnded: true });
      }
    }
  });

  it('drops the access_token placeholder or a real token, and keeps the other parameters in order', () => {
    expect(taken('https://api.weixin.qq.com/cgi-bin/user/get?access_token=ACCESS_TOKEN&next_openid=NEXT_OPENID').query).toEqual([['next_openid', 'NEXT_OPENID']]);
    const real = taken(`https://api.weixin.qq.com/cgi-bin/user/info?openid=OPENID&access_token=${REAL_TOKEN}&lang=zh_CN`);
    expect(real.query).toEqual([['openid', 'OPENID'], ['lang', 'zh_CN']]);
    expect(JSON.stringify(real)).not.toContain(REAL_TOKEN);
    // Given twice, dropped twice; values decoded as WeChat will read them.
    expect(taken('https://api.weixin.qq.com/cgi-bin/x?access_token=A&b=%E4%BD%A0+x&access_token=B').query).toEqual([['b', '你 x']]);
  });

  it('uppercase scheme and host, the default port, and a copy without its scheme are taken', () => {
    expect(taken('HTTPS://API.WEIXIN.QQ.COM/cgi-bin/menu/get').path).toBe('/cgi-bin/menu/get');
    expect(taken('https://Sh.Api.Weixin.QQ.com:443/cgi-bin/menu/get').path).toBe('/cgi-bin/menu/get');
    expect(taken('http://api2.weixin.qq.com:80/cgi-bin/get_api_domain_ip').path).toBe('/cgi-bin/get_api_domain_ip');
    expect(taken('api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN')).toMatchObject({ path: '/cgi-bin/menu/get', query: [], fromUrl: true });
    expect(taken('//hk.api.weixin.qq.com/cgi-bin/menu/get')).toMatchObject({ path: '/cgi-bin/menu/get', fromUrl: true });
  });

  it('a host with nothing after it is taken as "/", but not yet typed in full', () => {
    expect(taken('https://api.weixin.qq.com')).toEqual({ ok: true, path: '/', query: [], fromUrl: true, hostEnded: false });
    expect(taken('https://api.weixin.qq.com?access_token=X&a=1')).toEqual({ ok: true, path: '/', query: [['a', '1']], fromUrl: true, hostEnded: true });
  });

  it('the path of a URL is checked as a typed one: fragments, dot segments, the token APIs', () => {
    expect(refused('https://api.weixin.qq.com/cgi-bin/menu/get?access_token=ACCESS_TOKEN#top').en).toMatch(/has no #fragment/);
    expect(refused('https://api.weixin.qq.com/cgi-bin/menu/get#').en).toMatch(/has no #fragment/);
    expect(refused('https://api.weixin.qq.com/cgi-bin/x/../token').en).toMatch(/\. or \.\. segments/);
    const token = refused('https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=APPID&secret=SECRET_VALUE');
    expect(token.en).toMatch(/does not fetch tokens/);
    expect(token.en + token.zh).not.toContain('SECRET_VALUE');
    expect(refused('https://api.weixin.qq.com/cgi-bin/stable_token').en).toMatch(/needs the AppSecret/);
  });
});

describe('anything else is refused, naming the host and the hosts accepted', () => {
  const hostRefusals: [string, string][] = [
    ['https://api.weixin.qq.com.evil.example/cgi-bin/menu/get?access_token=ACCESS_TOKEN', 'api.weixin.qq.com.evil.example'],
    ['https://evil.example/steal', 'evil.example'],
    ['https://api.weixin.qq.com./cgi-bin/menu/get', 'api.weixin.qq.com.'],
    ['https://xapi.weixin.qq.com/cgi-bin/menu/get', 'xapi.weixin.qq.com'],
    ['https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=T', 'mp.weixin.qq.com'],
    ['https://api.mch.weixin.qq.com/v3/certificates', 'api.mch.weixin.qq.com'],
    ['http://127.0.0.1:9/cgi-bin/menu/get', '127.0.0.1'],
    ['https://api.weixin.qq.com%2eevil.example/x', 'api.weixin.qq.com%2eevil.example'],
    ['https://api.weixin.qq.com\\evil.example/x', 'api.weixin.qq.com\\evil.example'],
    // user@ tricks: the host a client would call is the one after the last "@".
    ['https://api.weixin.qq.com@evil.example/cgi-bin/menu/get', 'evil.example'],
    ['https://api.weixin.qq.com\\@evil.example/cgi-bin/menu/get', 'evil.example'],
    ['https://user:secret-pw@api.weixin.qq.com/cgi-bin/menu/get', 'api.weixin.qq.com'],
    ['https://api.weixin.qq.com:8443/cgi-bin/menu/get', 'api.weixin.qq.com:8443'],
    ['http://api.weixin.qq.com:443/cgi-bin/menu/get', 'api.weixin.qq.com:443'],
  ];
  for (const [raw, host] of hostRefusals) {
    it(raw, () => {
      const r = refused(`${raw}${raw.includes('?') ? '&' : '?'}access_token=${REAL_TOKEN}`);
      expect(r.en).toContain(JSON.stringify(host));
      expect(r.zh).toContain(JSON.stringify(host));
      for (const text of [r.en, r.zh]) {
        for (const ok of WECHAT_API_HOSTS) expect(text).toContain(ok);
        expect(text).not.toContain(REAL_TOKEN);
        expect(text).not.toContain('secret-pw');
      }
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('schemes other than http and https', () => {
    expect(refused('ftp://api.weixin.qq.com/cgi-bin/menu/get').en).toMatch(/^"ftp:" is not a web address\. The hosts accepted: api\.weixin\.qq\.com, api2\.weixin\.qq\.com, /);
    expect(refused('javascript:alert(1)').en).toMatch(/"javascript:" is not a web address/);
    expect(refused('file:///etc/passwd').en).toMatch(/"file:" is not a web address/);
    expect(refused('https:api.weixin.qq.com/cgi-bin/menu/get').en).toMatch(/"https:" must be followed by \/\/ and a host/);
    expect(refused('ftp://x/').zh).toMatch(/不是网址/);
  });
});

describe('a typed path', () => {
  it('is taken as before: a leading slash added, its query kept in order', () => {
    expect(taken('cgi-bin/menu/get')).toEqual({ ok: true, path: '/cgi-bin/menu/get', query: [], fromUrl: false, hostEnded: false });
    expect(taken('  /cgi-bin/user/info?openid=O&lang=en ')).toMatchObject({ path: '/cgi-bin/user/info', query: [['openid', 'O'], ['lang', 'en']], fromUrl: false });
  });

  it('an access_token typed into it is refused (WxDesk adds it), and so are an empty path and spaces', () => {
    expect(refused('/cgi-bin/menu/get?access_token=x').en).toMatch(/Leave access_token out/);
    expect(refused('   ').en).toMatch(/Path is required/);
    expect(refused('/cgi-bin/menu get').en).toMatch(/must not contain spaces/);
  });
});

describe('mergeQuery', () => {
  it('a name already in Query takes the URL’s value in place; new names go at the end, in order', () => {
    expect(mergeQuery([['lang', 'en'], ['openid', 'A']], [['openid', 'B'], ['next', 'N'], ['x', '1']])).toEqual([['lang', 'en'], ['openid', 'B'], ['next', 'N'], ['x', '1']]);
    expect(mergeQuery([], [['a', '1'], ['a', '2']])).toEqual([['a', '1'], ['a', '2']]);
    expect(mergeQuery([['a', '0'], ['a', '9']], [['a', '1']])).toEqual([['a', '1'], ['a', '9']]);
  });
});
