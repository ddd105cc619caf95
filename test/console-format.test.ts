// The console's pure parts: JSON checked as typed with its position, JSON re-indented digit for
// digit, tokens and secrets masked, curl quoting, query lines.
import { describe, expect, it } from 'vitest';
import { curlLine, maskSecrets, parseQueryLines, prettyJson } from '../electron/core/console/format';
import { MAX_DEPTH, checkJson } from '../electron/core/console/json-check';
import { consoleInputArg } from '../electron/core/console/input';

describe('checkJson', () => {
  it('accepts JSON and gives the value', () => {
    expect(checkJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });
  it('names line and column of the first mistake', () => {
    const r = checkJson('{\n  "a": 1,\n  "b": ]\n}');
    expect(r).toMatchObject({ ok: false, line: 3, column: 8, reason: '"]" where a value was expected' });
  });
  it('names what is wrong inside strings and numbers, and text after the value', () => {
    expect(checkJson('{"a": "x\ny"}')).toMatchObject({ ok: false, problem: 'string', column: 9 });
    expect(checkJson('[01]')).toMatchObject({ ok: false, column: 3, reason: '"1" where "," or "]" was expected' });
    expect(checkJson('[1.]')).toMatchObject({ ok: false, problem: 'number', column: 4 });
    expect(checkJson('{} x')).toMatchObject({ ok: false, problem: 'trailing', column: 4 });
    expect(checkJson('{"a" 1}')).toMatchObject({ ok: false, reason: '"1" where ":" was expected' });
    expect(checkJson('')).toMatchObject({ ok: false, problem: 'end', line: 1, column: 1 });
  });
  it('refuses nesting deeper than MAX_DEPTH by name, in both languages, without running out of stack', () => {
    for (const open of ['[', '{"a":']) {
      const r = checkJson(open.repeat(100_000));
      expect(r).toMatchObject({ ok: false, problem: 'depth', position: open.length * MAX_DEPTH });
      if (r.ok) throw new Error('unreachable');
      expect(r.reason).toContain(`at most ${MAX_DEPTH} levels`);
      expect(r.reasonZh).toContain(`最多 ${MAX_DEPTH} 层嵌套`);
    }
    const deepest = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH);
    expect(checkJson(deepest).ok).toBe(true);
    expect(checkJson(`[${deepest}]`)).toMatchObject({ ok: false, problem: 'depth' });
    // The console's own input check says so as an input error, not INTERNAL.
    expect(() => consoleInputArg({ appId: 'wx0123456789abcdef', method: 'POST', path: '/cgi-bin/menu/create', body: '['.repeat(100_000) })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
  it('agrees with JSON.parse on what is JSON', () => {
    const samples = ['{}', '[]', '"\u00e9"', '-0.5e+3', 'true', ' null ', '{"a":[1,{"b":"\\"}]}', '[1,]', '{"a":1,}', "{'a':1}", 'nul', '"\\x"', '1e', '[', '{"a"', '"abc'];
    for (const s of samples) {
      let parses = true;
      try {
        JSON.parse(s);
      } catch {
        parses = false;
      }
      expect(checkJson(s).ok, s).toBe(parses);
    }
  });
  it('says it in Chinese too', () => {
    expect(checkJson('{"a" 1}')).toMatchObject({ reasonZh: '此处应为":"，却是 "1"' });
    expect(checkJson('[1, 2')).toMatchObject({ reasonZh: '文本在此结束，但此处应为"," 或 "]"' });
    expect(checkJson('{"a": "\\q"}')).toMatchObject({ problem: 'string', reasonZh: expect.stringMatching(/^字符串中不能出现 "q"（合法的转义/) });
  });
  it('an unexpected end is at the end', () => {
    const r = checkJson('{"a": [1, 2');
    expect(r).toMatchObject({ ok: false, line: 1, column: 12, problem: 'end', reason: 'the text ends where "," or "]" was expected' });
  });
});

describe('prettyJson', () => {
  it('keeps 64-bit numbers and strings as written', () => {
    const text = '{"errcode":0,"errmsg":"ok","msgid":12345678901234567890,"s":"a,b:{c}\\"d"}';
    const out = prettyJson(text);
    expect(out).toContain('"msgid": 12345678901234567890');
    expect(out).toContain('"s": "a,b:{c}\\"d"');
    expect(JSON.parse(out)).toEqual(JSON.parse(text));
  });
  it('indents nested values and keeps empty ones on one line', () => {
    expect(prettyJson('{"a":{"b":[1,{}]},"c":[]}')).toBe('{\n  "a": {\n    "b": [\n      1,\n      {}\n    ]\n  },\n  "c": []\n}');
  });
});

describe('masking and curl', () => {
  it('masks tokens and secrets in what WeChat recorded', () => {
    expect(maskSecrets('access_token=50_abc&openid=o1')).toBe('access_token=ACCESS_TOKEN&openid=o1');
    expect(maskSecrets('grant_type=client_credential&appid=wx1&secret=0123abcd')).toBe('grant_type=client_credential&appid=wx1&secret=***');
    expect(maskSecrets('{"appid":"wx1","appsecret":"0123abcd"}')).toBe('{"appid":"wx1","appsecret":"***"}');
  });
  it('quotes for a POSIX shell', () => {
    expect(curlLine('POST', "http://x/a?b=c'd", '{"k":"it\'s"}')).toBe(`curl -sS -X POST 'http://x/a?b=c'\\''d' -H 'content-type: application/json' --data-raw '{"k":"it'\\''s"}'`);
    expect(curlLine('GET', 'http://x/a', '')).toBe(`curl -sS 'http://x/a'`);
  });
  it('query lines: key=value, blank lines skipped, = kept in values', () => {
    expect(parseQueryLines('a=1\r\n\nb=x=y\nflag')).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
      ['flag', ''],
    ]);
  });
});
