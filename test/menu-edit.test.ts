// The Menu tab's edits of a draft (renderer/src/features/menu/menu-edit.ts): pure, so tested alone.
import { describe, expect, it } from 'vitest';
import type { MenuDraft } from '../electron/contract';
import { checkMenu } from '../electron/core/menu/rules';
import { addSub, addTop, dropMove, hasProblem, keyMove, moveButton, problemsOf, removeButton, setType, updateButton } from '../renderer/src/features/menu/menu-edit';

const names = (m: MenuDraft) => m.button.map((b) => (b.sub_button ? `${b.name}[${b.sub_button.map((s) => s.name).join(',')}]` : b.name)).join(' ');

const MENU: MenuDraft = {
  button: [
    { name: 'A', type: 'click', key: 'A' },
    { name: 'B', sub_button: [{ name: 'B1', type: 'click', key: 'B1' }, { name: 'B2', type: 'view', url: 'https://example.com/' }] },
    { name: 'C', type: 'click', key: 'C' },
  ],
};

describe('menu edits', () => {
  it('moves up, down, into the button above and out to the bar, never changing the menu it was given', () => {
    const before = structuredClone(MENU);
    expect(names(keyMove(MENU, [2], 'up')!.menu)).toBe('A C B[B1,B2]');
    expect(keyMove(MENU, [0], 'up')).toBeNull();
    expect(keyMove(MENU, [2], 'down')).toBeNull();
    const into = keyMove(MENU, [2], 'into')!;
    expect(names(into.menu)).toBe('A B[B1,B2,C]');
    expect(into.path).toEqual([1, 2]);
    expect(keyMove(MENU, [1, 0], 'out')).toBeNull(); // the bar has 3 already
    const out = keyMove(removeButton(MENU, [2]), [1, 0], 'out')!;
    expect(names(out.menu)).toBe('A B[B2] B1');
    expect(out.path).toEqual([2]);
    // A button into one that had no sub-buttons: that one becomes a parent and loses its type.
    const parent = keyMove(MENU, [1], 'into');
    expect(parent).toBeNull(); // B has sub-buttons: a menu has two levels
    const leafInto = keyMove({ button: [MENU.button[0]!, MENU.button[2]!] }, [1], 'into')!;
    expect(leafInto.menu.button[0]).toEqual({ name: 'A', sub_button: [{ name: 'C', type: 'click', key: 'C' }] });
    expect(MENU).toEqual(before);
  });

  it('drags across levels, and refuses a third level, a fourth button or a sixth sub-button', () => {
    expect(names(moveButton(MENU, [0], [1, 1])!)).toBe('B[B1,A,B2] C');
    expect(moveButton(MENU, [1, 1], [0])).toBeNull(); // the bar has 3 already
    expect(names(moveButton(removeButton(MENU, [2]), [1, 1], [0])!)).toBe('B2 A B[B1]');
    expect(moveButton(MENU, [1], [0, 0])).toBeNull();
    const full: MenuDraft = { button: [...MENU.button, { name: 'D', type: 'click' as const, key: 'D' }].slice(0, 3) };
    expect(moveButton(full, [1, 0], [3])).toBeNull();
    const five: MenuDraft = { button: [{ name: 'P', sub_button: [1, 2, 3, 4, 5].map((n) => ({ name: `S${n}`, type: 'click' as const, key: `K${n}` })) }, { name: 'Q', type: 'click', key: 'Q' }] };
    expect(moveButton(five, [1], [0, 0])).toBeNull();
    expect(names(moveButton(five, [0, 4], [0, 0])!)).toBe('P[S5,S1,S2,S3,S4] Q');
  });

  it('adds at most 3 buttons and 5 sub-buttons; a parent whose last sub-button goes needs a type again', () => {
    expect(addTop(MENU, { name: 'X', type: 'click' })).toBeNull();
    let m: MenuDraft = { button: [{ name: 'A', type: 'click', key: 'A' }] };
    const sub = addSub(m, 0, { name: 'S', type: 'click', key: 'S' })!;
    expect(sub.menu.button[0]).toEqual({ name: 'A', sub_button: [{ name: 'S', type: 'click', key: 'S' }] });
    m = removeButton(sub.menu, [0, 0]);
    expect(m.button[0]).toEqual({ name: 'A' });
    expect(checkMenu(m).map((p) => [p.at, p.field, p.code])).toEqual([[[1], 'type', 40017]]);
  });

  it('a new type keeps the fields it needs and drops the others; an emptied field is removed', () => {
    const m = setType({ button: [{ name: 'A', type: 'view', url: 'https://x/', key: 'K' }] }, [0], 'miniprogram');
    expect(m.button[0]).toEqual({ name: 'A', type: 'miniprogram', url: 'https://x/' });
    expect(updateButton(m, [0], { url: '' }).button[0]).toEqual({ name: 'A', type: 'miniprogram' });
  });

  it('finds a button\'s problems by its path, and marks a parent for its sub-buttons\' problems', () => {
    const m = updateButton(MENU, [1, 1], { name: '这是一个很长很长很长很长很长很长很长的子菜单名称啊啊' });
    const problems = checkMenu(m);
    expect(problemsOf(problems, [1, 1]).map((p) => [p.field, p.code])).toEqual([['name', 40025]]);
    expect(hasProblem(problems, [1])).toBe(true);
    expect(hasProblem(problems, [0])).toBe(false);
  });
});

describe('drops on the tree', () => {
  it('drops above or below a button of any list, or under a top-level button as its last sub-button', () => {
    const before = structuredClone(MENU);
    expect(names(dropMove(MENU, [0], [2], 'after')!.menu)).toBe('B[B1,B2] C A');
    expect(dropMove(MENU, [0], [2], 'after')!.path).toEqual([2]);
    expect(names(dropMove(MENU, [2], [0], 'before')!.menu)).toBe('C A B[B1,B2]');
    expect(names(dropMove(MENU, [0], [1], 'before')!.menu)).toBe('A B[B1,B2] C');
    // Below a parent: after the whole group, in the bar.
    expect(names(dropMove(MENU, [0], [1], 'after')!.menu)).toBe('B[B1,B2] A C');
    // Into a list of sub-buttons, above or below one of them (the owner's index shifts when a button before it leaves the bar).
    const a = dropMove(MENU, [0], [1, 0], 'after')!;
    expect(names(a.menu)).toBe('B[B1,A,B2] C');
    expect(a.path).toEqual([0, 1]);
    expect(names(dropMove(MENU, [1, 1], [1, 0], 'before')!.menu)).toBe('A B[B2,B1] C');
    // Out of a sub-menu, into the bar (when it has room: not a fourth button).
    expect(names(dropMove(removeButton(MENU, [2]), [1, 0], [1], 'after')!.menu)).toBe('A B[B2] B1');
    expect(dropMove(MENU, [1, 0], [2], 'after')).toBeNull();
    // Under a top-level button: the last sub-button (a button becomes a parent and loses its type).
    const into = dropMove(MENU, [2], [0], 'into')!;
    expect(names(into.menu)).toBe('A[C] B[B1,B2]');
    expect(into.path).toEqual([0, 0]);
    expect(into.menu.button[0]!.type).toBeUndefined();
    expect(names(dropMove(MENU, [1, 0], [1], 'into')!.menu)).toBe('A B[B2,B1] C');
    // Not possible: onto itself, a parent under a button (a third level), under a sub-button, under itself.
    expect(dropMove(MENU, [0], [0], 'after')).toBeNull();
    expect(dropMove(MENU, [1], [0], 'into')).toBeNull();
    expect(dropMove(MENU, [0], [1, 0], 'into')).toBeNull();
    expect(dropMove(MENU, [1], [1, 0], 'before')).toBeNull();
    expect(MENU).toEqual(before);
  });
});
