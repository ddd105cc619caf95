// `wxdesk menu get|set|delete`: the account's custom menu on the command line, with the same rules,
// diff and publish as the Menu tab. Exit 0: done; 1: a rule is broken or WeChat refused (nothing is
// sent while a rule is broken); 2: bad usage or input that is not a menu at all.
import { readFileSync } from 'node:fs';
import type { MenuButton, MenuDraft, MenuLiveView, MenuProblem } from '../contract';
import { WxError, invalidInput, type Locale } from '../core/errors';
import { unknownCommand } from './args';
import { describeError, fail, parse, type CliContext } from './common';

const APPID_RE = /^wx[0-9a-f]{16}$/;

export const MENU_HELP: Record<Locale, string> = {
  en: `Usage: wxdesk menu get [APPID] [--json]
       wxdesk menu set [APPID] FILE|- [--dry-run]
       wxdesk menu delete [APPID] --yes

  get       the live menu as an indented tree (menu/get; get_current_selfmenu_info when the
            menu was set in the admin page), with the conditional menus; --json: the JSON
            menu/create takes, ready for "menu set"
  set       checks FILE (or standard input, -) with WeChat's rules, prints the diff against
            the live menu and publishes it (menu/create) unless --dry-run. Each broken rule is
            named by button position and name, with the limit and WeChat's code; nothing is
            sent while one is broken
  delete    removes the menu and every conditional menu (menu/delete); --yes says you mean it

After a publish, a follower sees the new menu on their next visit once theirs is over 5 minutes
old, or at once after unfollowing and following again.
Exit 0 when done, 1 when a rule is broken or WeChat refuses, 2 on bad usage.
`,
  'zh-CN': `用法：wxdesk menu get [APPID] [--json]
      wxdesk menu set [APPID] FILE|- [--dry-run]
      wxdesk menu delete [APPID] --yes

  get       以缩进树显示线上菜单（menu/get；菜单在公众平台设置时用 get_current_selfmenu_info），
            并列出个性化菜单；--json：输出 menu/create 接受的 JSON，可直接用于 "menu set"
  set       按微信的规则检查 FILE（或标准输入 -），显示与线上菜单的差异，并发布（menu/create），
            --dry-run 时不发布。每条违反的规则都会写明按钮的位置和名称、限制及微信的错误码；
            有任何规则违反时不会发送
  delete    删除菜单及所有个性化菜单（menu/delete）；需加 --yes 确认

发布后，关注者在菜单缓存超过 5 分钟后再次进入公众号时看到新菜单；取消关注后重新关注可立即看到。
退出码：0 完成；1 规则违反或微信拒绝；2 用法错误。
`,
};

export async function menuCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const zh = ctx.locale === 'zh-CN';
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.io[sub === undefined ? 'err' : 'out'](MENU_HELP[ctx.locale]);
    return sub === undefined ? 2 : 0;
  }
  const { values: v, positionals } = parse(rest, { json: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, true);
  if (v.help) return ctx.io.out(MENU_HELP[ctx.locale]), 0;
  switch (sub) {
    case 'get':
      if (positionals.length > 1) fail(`menu get takes one APPID (got ${positionals.join(' ')}).`, `menu get 只接受一个 APPID（实际为 ${positionals.join(' ')}）。`);
      return get(ctx, appIdOf(ctx, positionals[0]), !!v.json);
    case 'set': {
      if (positionals.length < 1 || positionals.length > 2) fail('menu set takes [APPID] FILE, or - for standard input (see wxdesk menu --help).', 'menu set 需要 [APPID] FILE，或用 - 表示标准输入（见 wxdesk menu --help）。');
      const [id, file] = positionals.length === 2 ? positionals : [undefined, positionals[0]!];
      return set(ctx, appIdOf(ctx, id), file!, !!v['dry-run']);
    }
    case 'delete': {
      if (positionals.length > 1) fail(`menu delete takes one APPID (got ${positionals.join(' ')}).`, `menu delete 只接受一个 APPID（实际为 ${positionals.join(' ')}）。`);
      const appId = appIdOf(ctx, positionals[0]);
      if (!v.yes) fail(`menu delete removes the menu of ${appId} and every conditional menu; followers lose it. Add --yes to go ahead.`, `menu delete 会删除 ${appId} 的菜单及所有个性化菜单，关注者将看不到菜单。确认请加 --yes。`);
      await (await ctx.core()).menu.remove(appId);
      ctx.io.out(zh ? `已删除 ${appId} 的菜单。\n` : `The menu of ${appId} is deleted.\n`);
      return 0;
    }
    default: {
      const said = unknownCommand(sub, ['get', 'set', 'delete'], { en: `Unknown menu command "${sub}": get, set or delete (see wxdesk menu --help).`, zh: `未知的 menu 子命令 "${sub}"：可用 get、set 或 delete（见 wxdesk menu --help）。` });
      return fail(said.en, said.zh);
    }
  }
}

function appIdOf(ctx: CliContext, id: string | undefined): string {
  if (id !== undefined && !APPID_RE.test(id)) fail(`"${id}" is not an AppID ("wx" + 16 hex characters).`, `"${id}" 不是 AppID（wx 加 16 位十六进制字符）。`);
  return ctx.pickAccount(id, 'menu');
}

async function get(ctx: CliContext, appId: string, json: boolean): Promise<number> {
  const live = await (await ctx.core()).menu.live(appId);
  if (json) {
    const out: Record<string, unknown> = { button: live.menu?.button ?? [] };
    if (live.conditional.length) out.conditionalmenu = live.conditional;
    ctx.io.out(JSON.stringify(out, undefined, 2) + '\n');
    return 0;
  }
  ctx.io.out(treeOf(live, ctx.locale === 'zh-CN'));
  return 0;
}

const SOURCE = {
  en: { api: 'set with the API', admin: 'set in the admin page', none: '' },
  zh: { api: '通过接口设置', admin: '在公众平台设置', none: '' },
};

function treeOf(live: MenuLiveView, zh: boolean): string {
  if (!live.menu) return zh ? `${live.appId}：没有菜单。\n` : `${live.appId}: no menu.\n`;
  const lines = [`${live.appId} (${SOURCE[zh ? 'zh' : 'en'][live.source]})`, ...menuLines(live.menu, '  ')];
  for (const c of live.conditional) {
    const rule = Object.entries(c.matchrule).map(([k, val]) => `${k}=${val}`).join(', ');
    lines.push(zh ? `个性化菜单 ${c.menuid}（${rule}）` : `conditional menu ${c.menuid} (${rule})`, ...menuLines({ button: c.button }, '  '));
  }
  return lines.join('\n') + '\n';
}

function menuLines(menu: MenuDraft, indent: string): string[] {
  const lines: string[] = [];
  const what = (b: MenuButton) => {
    const detail = (['key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const).filter((f) => b[f]).map((f) => `${f}=${b[f]}`);
    return b.type ? `  [${[b.type, ...detail].join(' ')}]` : '';
  };
  menu.button.forEach((b, i) => {
    lines.push(`${indent}${i + 1} ${b.name}${what(b)}`);
    (b.sub_button ?? []).forEach((s, j) => lines.push(`${indent}  ${i + 1}.${j + 1} ${s.name}${what(s)}`));
  });
  return lines;
}

async function readSource(ctx: CliContext, file: string): Promise<string> {
  if (file === '-') {
    if (!ctx.io.stdin) fail('No standard input here: give a FILE.', '此处没有标准输入：请指定 FILE。');
    return ctx.io.stdin();
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return fail(`menu set ${file}: cannot read it (${code}).`, `menu set ${file}：无法读取（${code}）。`);
  }
}

async function set(ctx: CliContext, appId: string, file: string, dryRun: boolean): Promise<number> {
  const zh = ctx.locale === 'zh-CN';
  const { parseMenuText } = await import('../core/menu/convert');
  const { readMenu } = await import('../core/menu/rules');
  const { diffLines, diffMenus } = await import('../core/menu/diff');
  const parsed = parseMenuText(await readSource(ctx, file));
  if (!parsed.ok) throw invalidInput(parsed.en, parsed.zh);
  const { draft, problems } = readMenu(parsed.value);
  if (problems.length || !draft) {
    printProblems(ctx, problems);
    ctx.io.err(zh ? `wxdesk: 有 ${problems.length} 处违反微信的菜单规则，未发送任何内容。\n` : `wxdesk: ${problems.length} broken rule${problems.length === 1 ? '' : 's'}; nothing was sent.\n`);
    return 1;
  }
  const core = await ctx.core();
  const live = await core.menu.live(appId);
  const diff = diffMenus(draft, live.menu);
  const lines = diffLines(diff, ctx.locale);
  ctx.io.out(diff.same ? (zh ? '与线上菜单相同。\n' : 'Same as the live menu.\n') : lines.join('\n') + '\n');
  if (dryRun) {
    ctx.io.out(zh ? '试运行：规则检查通过，未发送。\n' : 'Dry run: the rules pass; nothing was sent.\n');
    return 0;
  }
  const r = await core.menu.publish(appId, draft);
  if (!r.published) {
    if (r.error) ctx.io.err(describeError(WxError.fromView(r.error), ctx.locale, appId));
    printProblems(ctx, r.problems);
    return 1;
  }
  ctx.io.out(
    zh
      ? `已发布 ${appId} 的菜单。关注者在菜单缓存超过 5 分钟后再次进入时看到它；取消关注后重新关注可立即看到。\n`
      : `Published the menu of ${appId}. Followers see it on their next visit once theirs is over 5 minutes old, or at once after unfollowing and following again.\n`,
  );
  return 0;
}

function printProblems(ctx: CliContext, problems: MenuProblem[]): void {
  for (const p of problems) ctx.io.err(`wxdesk: ${ctx.locale === 'zh-CN' ? p.zh : p.en}\n`);
}
