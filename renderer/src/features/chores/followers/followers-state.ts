// The followers panel's state for an account (kept in its memory) and its actions: the OpenIDs read
// page by page from user/get (10,000 a page, next_openid to go on), the details of the shown rows
// read 100 at a time (user/info/batchget), the tags, the search and the chosen follower.
import type { ErrorView, FollowerDetail, FollowerTag } from '../../../../../electron/contract';
import type { AccountMemory } from '../../../app/memory';
import { api } from '../../../bridge';
import { Slot } from '../../../slot';
import { asErrorView } from '../../../state';

/** Rows a page of the table shows: one batchget each. */
export const ROWS = 100;

export interface FollowersState {
  openIds: string[];
  total: number;
  /** '' once every page of user/get is read. */
  nextOpenId: string;
  loaded: boolean;
  loading: boolean;
  error: ErrorView | null;
  details: Record<string, FollowerDetail>;
  detailsError: ErrorView | null;
  page: number;
  query: string;
  selected: string;
  tags: FollowerTag[];
  tagsError: ErrorView | null;
  /** The answer to the last change (remark, tag, untag, create tag). */
  actionError: ErrorView | null;
  /** The answer to the last tags/create. */
  tagError: ErrorView | null;
  busy: boolean;
}

export const followersSlot = (memory: AccountMemory): Slot<FollowersState> =>
  memory.keep(
    'chores-followers',
    () =>
      new Slot<FollowersState>({
        openIds: [],
        total: 0,
        nextOpenId: '',
        loaded: false,
        loading: false,
        error: null,
        details: {},
        detailsError: null,
        page: 0,
        query: '',
        selected: '',
        tags: [],
        tagsError: null,
        actionError: null,
        tagError: null,
        busy: false,
      }),
  );

/** The OpenIDs the search keeps: a part of the OpenID, or of the remark (among the details read). */
export function matching(s: Pick<FollowersState, 'openIds' | 'details' | 'query'>): string[] {
  const q = s.query.trim().toLowerCase();
  if (!q) return s.openIds;
  return s.openIds.filter((id) => id.toLowerCase().includes(q) || (s.details[id]?.remark ?? '').toLowerCase().includes(q));
}

export const pageCount = (rows: number): number => Math.max(1, Math.ceil(rows / ROWS));

export class Followers {
  constructor(
    readonly slot: Slot<FollowersState>,
    readonly appId: string,
  ) {}

  /** The first page of user/get and the tags, the first time the panel opens (or again on Reload). */
  async load(again = false): Promise<void> {
    const s = this.slot.get();
    if (s.loading || (s.loaded && !again)) return;
    this.slot.patch({ loading: true, error: null, ...(again ? { details: {}, openIds: [], page: 0 } : {}) });
    try {
      const first = await api.followerPage(this.appId, '');
      this.slot.patch({ openIds: first.openIds, total: first.total, nextOpenId: first.nextOpenId, loaded: true, loading: false });
    } catch (e) {
      this.slot.patch({ loading: false, error: asErrorView(e) });
      return;
    }
    void this.loadTags();
    await this.showPage(0);
  }

  /** The next page of user/get (after the last OpenID read). */
  async more(): Promise<void> {
    const s = this.slot.get();
    if (!s.nextOpenId || s.loading) return;
    this.slot.patch({ loading: true, error: null });
    try {
      const next = await api.followerPage(this.appId, s.nextOpenId);
      this.slot.set((st) => ({ ...st, openIds: [...st.openIds, ...next.openIds], total: next.total, nextOpenId: next.nextOpenId, loading: false }));
    } catch (e) {
      this.slot.patch({ loading: false, error: asErrorView(e) });
    }
  }

  /** Shows a page of the (searched) list, reading user/get on and the rows' details as needed. */
  async showPage(page: number): Promise<void> {
    let rows = matching(this.slot.get());
    while (!this.slot.get().query.trim() && (page + 1) * ROWS > rows.length && this.slot.get().nextOpenId) {
      await this.more();
      if (this.slot.get().error) return;
      rows = matching(this.slot.get());
    }
    const last = pageCount(rows.length) - 1;
    const at = Math.max(0, Math.min(page, last));
    this.slot.patch({ page: at });
    await this.readDetails(rows.slice(at * ROWS, (at + 1) * ROWS));
  }

  /** Details of the OpenIDs not read yet (the core asks 100 at a time). */
  async readDetails(openIds: string[]): Promise<void> {
    const missing = openIds.filter((id) => !this.slot.get().details[id]);
    if (!missing.length) return;
    try {
      const got = await api.followerDetails(this.appId, missing);
      this.slot.set((s) => ({ ...s, details: { ...s.details, ...Object.fromEntries(got.map((d) => [d.openId, d])) }, detailsError: null }));
    } catch (e) {
      this.slot.patch({ detailsError: asErrorView(e) });
    }
  }

  /** Every page of user/get and every follower's details, so a remark can be found anywhere. */
  async readAll(): Promise<void> {
    while (this.slot.get().nextOpenId && !this.slot.get().error) await this.more();
    const ids = this.slot.get().openIds;
    for (let i = 0; i < ids.length && !this.slot.get().detailsError; i += 10_000) await this.readDetails(ids.slice(i, i + 10_000));
  }

  async loadTags(): Promise<void> {
    try {
      this.slot.patch({ tags: await api.tags(this.appId), tagsError: null });
    } catch (e) {
      this.slot.patch({ tagsError: asErrorView(e) });
    }
  }

  /** A change to WeChat; on success the follower's details (and the tags' counts) are read again. */
  async #change(openId: string | null, run: () => Promise<unknown>, errorAt: 'actionError' | 'tagError' = 'actionError'): Promise<boolean> {
    this.slot.patch({ busy: true, [errorAt]: null });
    try {
      const out = await run();
      if (openId) {
        const d = out && typeof out === 'object' && 'openId' in out ? [out as FollowerDetail] : await api.followerDetails(this.appId, [openId]);
        this.slot.set((s) => ({ ...s, details: { ...s.details, ...Object.fromEntries(d.map((x) => [x.openId, x])) } }));
      }
      await this.loadTags();
      return true;
    } catch (e) {
      this.slot.patch({ [errorAt]: asErrorView(e) });
      return false;
    } finally {
      this.slot.patch({ busy: false });
    }
  }

  remark(openId: string, remark: string): Promise<boolean> {
    return this.#change(openId, () => api.followerRemark(this.appId, openId, remark));
  }
  createTag(name: string): Promise<boolean> {
    return this.#change(null, () => api.tagCreate(this.appId, name), 'tagError');
  }
  tag(tagId: number, openId: string): Promise<boolean> {
    return this.#change(openId, () => api.tagMembers(this.appId, tagId, [openId]));
  }
  untag(tagId: number, openId: string): Promise<boolean> {
    return this.#change(openId, () => api.untagMembers(this.appId, tagId, [openId]));
  }
}
