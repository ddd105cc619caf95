// Checks a JSON body as it is typed and says where it goes wrong: line and column (from 1) of the
// first character that cannot be JSON, and what was expected there. Engines word (and place) their
// JSON.parse errors differently, and Node 20's name no position at all, so the grammar is walked
// here. Pure: the renderer checks on every keystroke, the CLI and the core before anything is sent.

export type JsonProblem = 'end' | 'unexpected' | 'string' | 'number' | 'trailing' | 'depth' | 'comma';

/** Deeper than this is refused by name: a WeChat body nests a few levels, and a walk (or JSON.parse) of `[` × 100,000 would run out of stack. */
export const MAX_DEPTH = 512;

export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; position: number; line: number; column: number; problem: JsonProblem; expected: string; found: string; reason: string; reasonZh: string };

/** What the walk expects, in Chinese (the dashboard's zh-CN UI). */
const EXPECTED_ZH: Record<string, string> = {
  'a value': '一个值',
  'a "quoted" property name': '带双引号的属性名',
  'a closing "': '结束字符串的双引号',
  'a control character must be escaped, e.g. \\n': '控制字符必须转义，例如 \\n',
  '\\u and 4 hex digits': '\\u 加 4 位十六进制数字',
  'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX': '合法的转义：\\" \\\\ \\/ \\b \\f \\n \\r \\t 或 \\uXXXX',
  'a digit': '数字',
  'a digit after "."': '"." 之后的数字',
  'a digit in the exponent': '指数部分的数字',
  [`at most ${MAX_DEPTH} levels of nesting`]: `最多 ${MAX_DEPTH} 层嵌套`,
};

class Stop {
  constructor(
    readonly at: number,
    readonly problem: JsonProblem,
    readonly expected: string,
  ) {}
}

export function checkJson(text: string): JsonCheck {
  const stop = walk(text);
  if (!stop) return { ok: true, value: JSON.parse(text) as unknown };
  const before = text.slice(0, stop.at);
  const line = before.split('\n').length;
  const column = stop.at - (before.lastIndexOf('\n') + 1) + 1;
  const found = stop.at < text.length ? JSON.stringify(text[stop.at]) : 'the end';
  const reason =
    stop.problem === 'comma'
      ? `a trailing comma before ${stop.expected}: JSON allows no comma after the last item`
      : stop.problem === 'end'
      ? `the text ends where ${stop.expected} was expected`
      : stop.problem === 'trailing'
        ? `${found} after the end of the JSON value`
        : stop.problem === 'string'
          ? `${found} cannot stand in a string (${stop.expected})`
          : stop.problem === 'number'
            ? `a malformed number (${stop.expected})`
            : stop.problem === 'depth'
              ? `${found} nests deeper than JSON bodies go (${stop.expected})`
              : `${found} where ${stop.expected} was expected`;
  const expectedZh = EXPECTED_ZH[stop.expected] ?? stop.expected.replace(' or ', ' 或 ');
  const foundZh = stop.at < text.length ? found : '文本结尾';
  const reasonZh =
    stop.problem === 'comma'
      ? `${stop.expected} 前有多余的逗号：JSON 不允许在最后一项后面加逗号`
      : stop.problem === 'end'
      ? `文本在此结束，但此处应为${expectedZh}`
      : stop.problem === 'trailing'
        ? `JSON 值结束后还有 ${foundZh}`
        : stop.problem === 'string'
          ? `字符串中不能出现 ${foundZh}（${expectedZh}）`
          : stop.problem === 'number'
            ? `数字格式错误（应为${expectedZh}）`
            : stop.problem === 'depth'
              ? `${foundZh} 嵌套过深（${expectedZh}）`
              : `此处应为${expectedZh}，却是 ${foundZh}`;
  return { ok: false, position: stop.at, line, column, problem: stop.problem, expected: stop.expected, found, reason, reasonZh };
}

/** The first place the text stops being JSON, or undefined when it is JSON. */
function walk(s: string): Stop | undefined {
  let i = 0;
  let depth = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const fail = (expected: string, problem: JsonProblem = 'unexpected'): never => {
    throw new Stop(i, i >= s.length ? 'end' : problem, expected);
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('a value');
  };
  // A comma straight before the closing bracket (JavaScript allows it, JSON does not) is named at the comma.
  const comma = (close: string) => {
    const at = i++;
    ws();
    if (s[i] === close[1]) throw new Stop(at, 'comma', close);
  };
  const enter = () => {
    if (++depth > MAX_DEPTH) fail(`at most ${MAX_DEPTH} levels of nesting`, 'depth');
    i++;
  };
  const object = (): void => {
    enter();
    ws();
    if (s[i] === '}') return void (i++, depth--);
    for (;;) {
      ws();
      if (s[i] !== '"') fail('a "quoted" property name');
      string();
      ws();
      if (s[i] !== ':') fail('":"');
      i++;
      value();
      ws();
      if (s[i] === ',') comma('"}"');
      else if (s[i] === '}') return void (i++, depth--);
      else fail('"," or "}"');
    }
  };
  const array = (): void => {
    enter();
    ws();
    if (s[i] === ']') return void (i++, depth--);
    for (;;) {
      value();
      ws();
      if (s[i] === ',') comma('"]"');
      else if (s[i] === ']') return void (i++, depth--);
      else fail('"," or "]"');
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = s[i];
      if (c === undefined) fail('a closing "');
      if (c === '"') return void i++;
      if (c! < ' ') fail('a control character must be escaped, e.g. \\n', 'string');
      if (c === '\\') {
        const e = s[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
            i += 2;
            fail('\\u and 4 hex digits', 'string');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX', 'string');
        }
      } else i++;
    }
  };
  const digits = (what: string) => {
    if (!(s[i]! >= '0' && s[i]! <= '9')) fail(what, 'number');
    while (s[i]! >= '0' && s[i]! <= '9') i++;
  };
  const number = (): void => {
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else digits('a digit');
    if (s[i] === '.') {
      i++;
      digits('a digit after "."');
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      digits('a digit in the exponent');
    }
  };
  try {
    value();
    ws();
    if (i < s.length) fail('', 'trailing');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e;
    throw e;
  }
}
