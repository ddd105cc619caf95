// The simulated followers of each account (OpenID and a name), in simulator.json beside the other
// state files: this machine's own, like the console's history. Kept across restarts, forgotten with
// the account; one is made on first use. Bounded and checked: the list comes from a renderer.
import { join } from 'node:path';
import type { SimFollower, StoreNotice } from '../../contract';
import { invalidInput } from '../errors';
import { newParties } from '../probe/wire';
import { JsonFile } from '../state/json-file';

export const MAX_FOLLOWERS = 20;
const MAX_NAME = 32;
/** WeChat's OpenIDs are 28 characters of [A-Za-z0-9_-]; a developer's own test IDs may differ a little. */
const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

type FollowersDoc = Record<string, SimFollower[]>;

function checkDoc(v: unknown): FollowersDoc | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  for (const list of Object.values(v)) if (!Array.isArray(list)) return null;
  return v as FollowersDoc;
}

/**
 * A new follower with an OpenID of WeChat's form (o + 27 characters). The one the core makes on first
 * use has no name (""): the page names an unnamed follower by its place, in its own language
 * ("Follower 1", "粉丝 1"), where a name stored here would stay in one language.
 */
export function newFollower(name = ''): SimFollower {
  return { openId: newParties().openid, name };
}

/** Checks an untrusted follower list: 1 to 20, each with a unique OpenID and a name ("" for unnamed). */
export function followersArg(v: unknown): SimFollower[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_FOLLOWERS) throw invalidInput(`Give a list of 1 to ${MAX_FOLLOWERS} followers, each { openId, name }.`, `请提供 1 到 ${MAX_FOLLOWERS} 个粉丝组成的列表，每个为 { openId, name }。`);
  const seen = new Set<string>();
  return v.map((f, i) => {
    const n = i + 1;
    if (typeof f !== 'object' || f === null || Array.isArray(f)) throw invalidInput(`Follower ${n} must be an object { openId, name }.`, `第 ${n} 个粉丝应为对象 { openId, name }。`);
    const { openId, name, ...rest } = f as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw invalidInput(`Follower ${n} has an unknown field ${JSON.stringify(extra.slice(0, 40))}.`, `第 ${n} 个粉丝带有未知字段 ${JSON.stringify(extra.slice(0, 40))}。`);
    if (typeof openId !== 'string' || !OPENID.test(openId)) throw invalidInput(`Follower ${n}'s OpenID must be 6 to 64 letters, digits, "-" or "_" (WeChat's are 28, starting with o).`, `第 ${n} 个粉丝的 OpenID 应为 6 到 64 个字母、数字、"-" 或 "_"（微信的 OpenID 为 28 位，以 o 开头）。`);
    if (seen.has(openId)) throw invalidInput(`Follower ${n}'s OpenID ${openId} is already in the list: each follower has their own.`, `第 ${n} 个粉丝的 OpenID ${openId} 与列表中的重复：每个粉丝的 OpenID 各不相同。`);
    seen.add(openId);
    if (typeof name !== 'string' || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
      throw invalidInput(`Follower ${n}'s name must be text of at most ${MAX_NAME} characters (empty: unnamed), without control characters.`, `第 ${n} 个粉丝的名字应为最多 ${MAX_NAME} 个字符的文本（留空表示未命名），不能含控制字符。`);
    }
    return { openId, name: name.trim() };
  });
}

/** A list as kept, or none when the file was edited into something else (a new follower is made). */
function valid(list: unknown): SimFollower[] {
  try {
    return followersArg(list);
  } catch {
    return [];
  }
}

export class FollowerStore {
  private readonly file: JsonFile<FollowersDoc>;

  constructor(dataDir: string, onDamage?: (n: StoreNotice) => void) {
    this.file = new JsonFile({
      path: join(dataDir, 'simulator.json'),
      lockPath: join(dataDir, 'locks', 'store.lock'),
      empty: () => ({}),
      check: checkDoc,
      durable: false,
      ...(onDamage ? { onDamage } : {}),
    });
  }

  /** The account's followers as kept, without making one. */
  peek(appId: string): SimFollower[] {
    const doc = this.file.read();
    return Object.hasOwn(doc, appId) ? valid(doc[appId]) : [];
  }

  /** Keeps `first` as the account's follower unless it has some already. */
  async adopt(appId: string, first: SimFollower): Promise<void> {
    if (this.peek(appId).length > 0) return;
    await this.file.transact((d) => {
      if (!Object.hasOwn(d, appId) || valid(d[appId]).length === 0) d[appId] = [{ ...first }];
    });
  }

  async save(appId: string, followers: SimFollower[]): Promise<SimFollower[]> {
    await this.file.transact((d) => {
      d[appId] = followers.map((f) => ({ ...f }));
    });
    return followers.map((f) => ({ ...f }));
  }

  async forget(appId: string): Promise<void> {
    if (!Object.hasOwn(this.file.fresh(), appId)) return;
    await this.file.transact((d) => {
      delete d[appId];
    });
  }
}
