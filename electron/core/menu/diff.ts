// The draft against the live menu: buttons added, removed and changed, each named by position and
// name, with the fields that changed. Pure (the Menu tab shows it before a publish, the CLI prints it).
import type { MenuButton, MenuDraft } from '../../contract/menu';
import type { MenuButtonChange, MenuDiff } from '../../contract/menu-editor';
import { buttonLabel } from './rules';

const FIELDS = ['name', 'type', 'key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const;

export function diffMenus(draft: MenuDraft | null, live: MenuDraft | null): MenuDiff {
  const out: MenuDiff = { added: [], removed: [], changed: [], same: true };
  diffLevel(draft?.button ?? [], live?.button ?? [], [], [], out);
  out.same = out.added.length + out.removed.length + out.changed.length === 0;
  return out;
}

function diffLevel(draft: MenuButton[], live: MenuButton[], draftAt: number[], liveAt: number[], out: MenuDiff): void {
  const pairOf = new Map<number, number>();
  const used = new Set<number>();
  // Same name first, so a reorder or an insertion does not read as every button changed.
  draft.forEach((b, i) => {
    const j = live.findIndex((l, k) => !used.has(k) && l.name === b.name);
    if (j >= 0) (pairOf.set(i, j), used.add(j));
  });
  // Then the buttons left on each side, in order: a renamed button.
  const left = live.map((_, j) => j).filter((j) => !used.has(j));
  draft.forEach((_, i) => {
    if (pairOf.has(i) || left.length === 0) return;
    const j = left.shift()!;
    pairOf.set(i, j);
    used.add(j);
  });
  draft.forEach((b, i) => {
    const at = [...draftAt, i + 1];
    const j = pairOf.get(i);
    if (j === undefined) return void out.added.push({ at, name: b.name });
    const l = live[j]!;
    const fields: string[] = FIELDS.filter((f) => (b[f] ?? '') !== (l[f] ?? ''));
    if (j !== i) fields.push('position');
    const subsBefore = out.added.length + out.removed.length + out.changed.length;
    diffLevel(b.sub_button ?? [], l.sub_button ?? [], at, [...liveAt, j + 1], out);
    if (out.added.length + out.removed.length + out.changed.length > subsBefore) fields.push('sub_button');
    if (fields.length) out.changed.push({ at, name: b.name, fields, ...(l.name !== b.name ? { was: l.name } : {}) });
  });
  live.forEach((l, j) => {
    if (!used.has(j)) out.removed.push({ at: [...liveAt, j + 1], name: l.name });
  });
}

/** The diff as lines for a person: "+ button 3 "新品"", "- …", "~ button 1 "菜单": url, key". */
export function diffLines(d: MenuDiff, locale: 'en' | 'zh-CN'): string[] {
  const label = (c: MenuButtonChange) => buttonLabel(c.at, c.name)[locale === 'zh-CN' ? 'zh' : 'en'];
  const lines = [
    ...d.added.map((c) => `+ ${label(c)}`),
    ...d.removed.map((c) => `- ${label(c)}`),
    ...d.changed.map((c) => {
      const was = c.was !== undefined ? (locale === 'zh-CN' ? `（原名「${c.was}」）` : ` (was "${c.was}")`) : '';
      return `~ ${label(c)}${was}: ${(c.fields ?? []).join(', ')}`;
    }),
  ];
  return lines;
}
