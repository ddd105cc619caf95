// The menu editor's rows of the handler table (dashboard.ts spreads them in): arguments checked in
// the style of dashboard-args.ts, the work done by the MenuService.
import type { MenuEditorApi } from '../../contract/menu-editor';
import { appIdArg, describe, noArgs } from '../dashboard-args';
import { invalidInput } from '../errors';
import type { Core } from '../services';

type MenuHandlers = { [K in keyof MenuEditorApi]: (...args: unknown[]) => Promise<Awaited<ReturnType<MenuEditorApi[K]>>> };

/** A menu as an object or as its JSON text (import): anything else is refused here. */
function menuArg(v: unknown): unknown {
  if (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))) return v;
  throw invalidInput(`Expected a menu: {"button":[…]} or its JSON text, got ${Array.isArray(v) ? 'a list' : describe(v)}.`, `应传入菜单：{"button":[…]} 或其 JSON 文本，实际为 ${Array.isArray(v) ? '列表' : describe(v)}。`);
}

function textArg(v: unknown, what: string, whatZh: string): string {
  if (typeof v !== 'string' || v.length > 256) throw invalidInput(`Expected ${what} as text, got ${describe(v)}.`, `${whatZh}应为文本，实际为 ${describe(v)}。`);
  return v;
}

export function menuHandlers(core: Core): MenuHandlers {
  const { menu } = core;
  return {
    menuLive: async (...args) => (noArgs(args, 1), menu.live(appIdArg(args[0]))),
    menuDraft: async (...args) => (noArgs(args, 1), menu.draft(appIdArg(args[0]))),
    menuSaveDraft: async (...args) => (noArgs(args, 2), menu.saveDraft(appIdArg(args[0]), menuArg(args[1]))),
    menuRevert: async (...args) => (noArgs(args, 1), menu.revert(appIdArg(args[0]))),
    menuDiff: async (...args) => (noArgs(args, 1), menu.diff(appIdArg(args[0]))),
    menuPublish: async (...args) => (noArgs(args, 1), menu.publish(appIdArg(args[0]))),
    menuDelete: async (...args) => (noArgs(args, 1), menu.remove(appIdArg(args[0]))),
    menuAddConditional: async (...args) => (noArgs(args, 2), menu.addConditional(appIdArg(args[0]), menuArg(args[1]))),
    menuDeleteConditional: async (...args) => (noArgs(args, 2), menu.deleteConditional(appIdArg(args[0]), textArg(args[1], 'the menuid', 'menuid '))),
    menuTryMatch: async (...args) => (noArgs(args, 2), menu.tryMatch(appIdArg(args[0]), textArg(args[1], "a follower's OpenID", '关注者的 OpenID '))),
  };
}
