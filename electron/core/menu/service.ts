// The menu editor's core: the live menu, the draft (kept per account, checked by the rules), the
// diff, publish and delete, and the conditional menus, all through the API console's exchange (the
// live token added, a stale token replaced once; team mode as everywhere). A refusal from WeChat is
// mapped back onto the buttons its code concerns.
import type { MenuDraft } from '../../contract/menu';
import type { MenuChange, MenuDiff, MenuDraftView, MenuLiveView, MenuMatchRule, MenuPublishResult } from '../../contract/menu-editor';
import type { AccountService } from '../accounts';
import { systemClock, type Clock } from '../clock';
import type { ApiConsole } from '../console/console';
import { WxError, invalidInput } from '../errors';
import { GuardedEmitter } from '../guarded-emitter';
import { cleanMenu, conditionalOf, fromSelfMenu, parseMenuText } from './convert';
import { diffMenus } from './diff';
import type { MenuDrafts } from './drafts';
import { readMatchRule } from './match-rule';
import { checkMenu, problemsForCode, readMenu } from './rules';

export interface MenuServiceDeps {
  accounts: AccountService;
  console: ApiConsole;
  drafts: MenuDrafts;
  clock?: Clock;
}

/** A menu as typed or pasted: an object, or its JSON text. */
export function menuValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const parsed = parseMenuText(v);
  if (!parsed.ok) throw invalidInput(parsed.en, parsed.zh);
  return parsed.value;
}

/** A menu whose shape cannot be kept is refused, each problem on its own line. */
function shapeRefusal(problems: { en: string; zh: string }[]): WxError {
  const shown = problems.slice(0, 8);
  const more = problems.length - shown.length;
  return invalidInput(
    `The menu cannot be kept as it is:\n${shown.map((p) => `  ${p.en}`).join('\n')}${more > 0 ? `\n  … and ${more} more` : ''}`,
    `无法保存该菜单：\n${shown.map((p) => `  ${p.zh}`).join('\n')}${more > 0 ? `\n  …… 另有 ${more} 处` : ''}`,
  );
}

export class MenuService extends GuardedEmitter<{ change: [appId: string, what: MenuChange] }> {
  private readonly clock: Clock;

  constructor(private readonly deps: MenuServiceDeps) {
    super();
    this.clock = deps.clock ?? systemClock;
  }

  async live(appId: string): Promise<MenuLiveView> {
    this.deps.accounts.require(appId);
    const at = this.clock.now();
    let json: Record<string, unknown>;
    try {
      json = await this.deps.console.call(appId, '/cgi-bin/menu/get');
    } catch (e) {
      // 46003: no menu made with the API; one set in the admin page shows in get_current_selfmenu_info.
      if (!(e instanceof WxError && e.code === 46003)) throw e;
      const self = fromSelfMenu(await this.deps.console.call(appId, '/cgi-bin/get_current_selfmenu_info'));
      return { appId, menu: self, source: self ? 'admin' : 'none', conditional: [], at };
    }
    const menu = json.menu as { button?: unknown } | undefined;
    return { appId, menu: menu ? cleanMenu(menu.button) : null, source: menu ? 'api' : 'none', conditional: conditionalOf(json.conditionalmenu), at };
  }

  draft(appId: string): MenuDraftView {
    this.deps.accounts.require(appId);
    const kept = this.deps.drafts.get(appId);
    return { appId, draft: kept?.menu ?? null, savedAt: kept?.savedAt ?? null, problems: kept ? checkMenu(kept.menu) : [] };
  }

  /** Keeps the draft; broken rules do not stop that (the tab saves as you type), a shape that cannot be kept does. */
  async saveDraft(appId: string, value: unknown): Promise<MenuDraftView> {
    this.deps.accounts.require(appId);
    const { draft, problems } = readMenu(menuValue(value));
    if (!draft) throw shapeRefusal(problems);
    await this.deps.drafts.save(appId, draft, this.clock.now());
    this.emit('change', appId, 'draft');
    return this.draft(appId);
  }

  /** Draft = live (an account without a menu gets an empty draft: nothing to publish). */
  async revert(appId: string): Promise<MenuDraftView> {
    const live = await this.live(appId);
    await this.deps.drafts.save(appId, live.menu ?? { button: [] }, this.clock.now());
    this.emit('change', appId, 'reverted');
    return this.draft(appId);
  }

  async diff(appId: string): Promise<MenuDiff> {
    const kept = this.deps.drafts.get(appId);
    const live = await this.live(appId);
    return diffMenus(kept?.menu ?? live.menu, live.menu);
  }

  /** menu/create with a menu (the draft by default). Nothing is sent while a rule is broken. */
  async publish(appId: string, menu?: MenuDraft): Promise<MenuPublishResult> {
    this.deps.accounts.require(appId);
    const draft = menu ?? this.deps.drafts.get(appId)?.menu;
    if (!draft) throw invalidInput(`There is no draft menu for ${appId}: edit one, import one, or Revert to start from the live menu.`, `${appId} 还没有菜单草稿：请编辑、导入，或用「还原」从线上菜单开始。`);
    const problems = checkMenu(draft);
    if (problems.length) return { published: false, appId, problems };
    const before = await this.live(appId);
    try {
      await this.deps.console.call(appId, '/cgi-bin/menu/create', draft);
    } catch (e) {
      if (!(e instanceof WxError) || typeof e.code !== 'number' || e.kind === 'token' || e.kind === 'transient') throw e;
      return { published: false, appId, problems: problemsForCode(draft, e.code), error: e.view() };
    }
    this.emit('change', appId, 'published');
    return { published: true, appId, at: this.clock.now(), diff: diffMenus(draft, before.menu) };
  }

  /** menu/delete: the default menu and, with it, every conditional menu. */
  async remove(appId: string): Promise<{ appId: string; at: number }> {
    this.deps.accounts.require(appId);
    await this.deps.console.call(appId, '/cgi-bin/menu/delete');
    this.emit('change', appId, 'deleted');
    return { appId, at: this.clock.now() };
  }

  async addConditional(appId: string, value: unknown): Promise<{ menuid: string }> {
    this.deps.accounts.require(appId);
    const v = menuValue(value);
    const o = (typeof v === 'object' && v !== null ? v : {}) as { button?: unknown; matchrule?: unknown };
    const checked = readMatchRule(o.matchrule);
    if (!checked.rule) throw invalidInput(checked.problems.map((p) => p.en).join('\n'), checked.problems.map((p) => p.zh).join('\n'));
    const rule: MenuMatchRule = checked.rule;
    const { draft, problems } = readMenu({ button: o.button });
    if (!draft || problems.length) throw shapeRefusal(problems);
    const json = await this.deps.console.call(appId, '/cgi-bin/menu/addconditional', { button: draft.button, matchrule: rule });
    this.emit('change', appId, 'conditional');
    return { menuid: String(json.menuid ?? '') };
  }

  async deleteConditional(appId: string, menuid: string): Promise<{ appId: string; at: number }> {
    this.deps.accounts.require(appId);
    if (!/^\d{1,20}$/.test(menuid)) throw invalidInput(`A menuid is a number from the list of conditional menus, got ${JSON.stringify(menuid.slice(0, 40))}.`, `menuid 是个性化菜单列表中的数字，实际为 ${JSON.stringify(menuid.slice(0, 40))}。`);
    await this.deps.console.call(appId, '/cgi-bin/menu/delconditional', { menuid });
    this.emit('change', appId, 'conditional');
    return { appId, at: this.clock.now() };
  }

  /** The menu a follower gets (their OpenID or WeChat ID). */
  async tryMatch(appId: string, userId: string): Promise<MenuDraft> {
    this.deps.accounts.require(appId);
    const id = userId.trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalidInput('Give a follower\'s OpenID (or WeChat ID): letters, digits, _ and -, 64 at most.', '请填写关注者的 OpenID（或微信号）：字母、数字、_ 和 -，最多 64 个。');
    const json = await this.deps.console.call(appId, '/cgi-bin/menu/trymatch', { user_id: id });
    const menu = (json.menu as { button?: unknown } | undefined)?.button ?? json.button;
    return cleanMenu(menu);
  }
}
