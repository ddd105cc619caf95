// What can still be read of a damaged JSON text: a file cut off by a crash or a full disk, or with
// bytes overwritten by another tool. Values read whole before the damage are kept; the value the
// damage falls in, and everything after it, are dropped. Containers down to `partialDepth` (the
// document and, for config.json, its maps) are kept with the members read before the damage;
// deeper ones (a record) are kept whole or not at all, so no half record is ever used.
// One pass over the text; used only on a file that JSON.parse refused.

/** Deeper than this, a document is not one of WxDesk's: read no further. */
const MAX_DEPTH = 32;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

interface Read {
  value: unknown;
  /** false: a container cut short by the damage. */
  whole: boolean;
}

/** The readable part of `text`, or undefined when nothing before the damage can be read. */
export function salvageJson(text: string, partialDepth = 1): unknown {
  return new Salvage(text, partialDepth).value(0)?.value;
}

class Salvage {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly partialDepth: number,
  ) {}

  value(depth: number): Read | undefined {
    this.space();
    const c = this.s[this.i];
    if (c === '{' || c === '[') return depth >= MAX_DEPTH ? undefined : this.container(depth, c === '{');
    if (c === '"') {
      const str = this.string();
      return str === undefined ? undefined : { value: str, whole: true };
    }
    LITERAL.lastIndex = this.i;
    const m = LITERAL.exec(this.s);
    if (!m) return undefined;
    this.i += m[0].length;
    return { value: JSON.parse(m[0]) as unknown, whole: true };
  }

  private container(depth: number, isObject: boolean): Read | undefined {
    const close = isObject ? '}' : ']';
    const out: Record<string, unknown> | unknown[] = isObject ? {} : [];
    const put = (key: string | undefined, v: unknown) => {
      if (Array.isArray(out)) out.push(v);
      // As JSON.parse does: "__proto__" is an own key, not the prototype.
      else Object.defineProperty(out, key!, { value: v, enumerable: true, writable: true, configurable: true });
    };
    this.i++;
    this.space();
    if (this.s[this.i] === close) {
      this.i++;
      return { value: out, whole: true };
    }
    for (;;) {
      let key: string | undefined;
      if (isObject) {
        this.space();
        key = this.s[this.i] === '"' ? this.string() : undefined;
        this.space();
        if (key === undefined || this.s[this.i] !== ':') break;
        this.i++;
      }
      const member = this.value(depth + 1);
      if (!member) break;
      if (!member.whole) {
        put(key, member.value);
        break;
      }
      this.space();
      const next = this.s[this.i];
      // A value not followed by a separator may have been cut (a number, a literal): dropped.
      if (next !== ',' && next !== close) break;
      put(key, member.value);
      this.i++;
      if (next === close) return { value: out, whole: true };
    }
    return depth < this.partialDepth ? { value: out, whole: false } : undefined;
  }

  /** A whole string literal, or undefined (cut off, or not valid JSON). */
  private string(): string | undefined {
    const start = this.i;
    let j = start + 1;
    for (; j < this.s.length; j++) {
      const c = this.s.charCodeAt(j);
      if (c === 0x5c) j++;
      else if (c === 0x22) break;
      else if (c < 0x20) return undefined;
    }
    if (j >= this.s.length) return undefined;
    this.i = j + 1;
    try {
      return JSON.parse(this.s.slice(start, j + 1)) as string;
    } catch {
      return undefined;
    }
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }
}
