// The draft's buttons as a tree: select one to edit it; add, remove and move them with the buttons
// here, with Alt+Arrow on a selected button, or by dragging (native drag and drop). Every move is
// said in a live region; a button with a problem is marked with the words and a sign.
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { MenuButton, MenuDraft } from '../../../../electron/contract';
import type { MenuProblem } from '../../../../electron/contract/menu-editor';
import { useI18n } from '../../i18n';
import { addSub, addTop, atOf, buttonAt, dropMove, hasProblem, keyMove, removeButton, samePath, type DropZone, type KeyMove, type Path } from './menu-edit';
import { menuStrings } from './strings';

interface Props {
  menu: MenuDraft;
  problems: readonly MenuProblem[];
  selected: Path | null;
  onSelect(path: Path): void;
  onEdit(menu: MenuDraft, selected: Path | null, announce: string): void;
}

const KEYS: Record<string, KeyMove> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'into', ArrowLeft: 'out' };

export function MenuTree({ menu, problems, selected, onSelect, onEdit }: Props) {
  const { t } = useI18n(menuStrings);
  const [dragging, setDragging] = useState<Path | null>(null);
  const [over, setOver] = useState<{ path: Path; zone: DropZone } | null>(null);
  const refs = useRef(new Map<string, HTMLButtonElement | null>());
  const focusSoon = (path: Path) => requestAnimationFrame(() => refs.current.get(path.join('.'))?.focus());
  const fresh = (): MenuButton => ({ name: t('menu.newButton'), type: 'click' });
  const sel = selected ? buttonAt(menu, selected) : undefined;

  const move = (path: Path, how: KeyMove) => {
    const b = buttonAt(menu, path);
    if (!b) return;
    const r = keyMove(menu, path, how);
    if (!r) return onEdit(menu, path, t('menu.cannotMove', { name: b.name }));
    onEdit(r.menu, r.path, t('menu.moved', { name: b.name, at: atOf(r.path).join(' › ') }));
    focusSoon(r.path);
  };
  // A drop on a button: above or below it by the pointer's height on it, or on a top-level button's
  // right part under it as a sub-button. The place is drawn as a line or an outline over the rows
  // (never a new row: nothing moves under the pointer while dragging).
  const zoneOf = (path: Path, e: DragEvent): DropZone => {
    const r = e.currentTarget.getBoundingClientRect();
    if (path.length === 1 && e.clientX > r.left + r.width * 0.6) return 'into';
    return e.clientY < r.top + r.height / 2 ? 'before' : 'after';
  };
  const dropProps = (path: Path) => ({
    onDragOver: (e: DragEvent) => {
      if (!dragging) return;
      const zone = zoneOf(path, e);
      if (!dropMove(menu, dragging, path, zone)) return setOver(null);
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (!over || !samePath(over.path, path) || over.zone !== zone) setOver({ path, zone });
    },
    onDragLeave: (e: DragEvent) => {
      if (over && samePath(over.path, path) && !e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const from = dragging;
      setDragging(null);
      setOver(null);
      const b = from && buttonAt(menu, from);
      if (!from || !b) return;
      const r = dropMove(menu, from, path, zoneOf(path, e));
      if (!r) return onEdit(menu, from, t('menu.cannotMove', { name: b.name }));
      onEdit(r.menu, r.path, t('menu.moved', { name: b.name, at: atOf(r.path).join(' › ') }));
    },
  });
  const onKeyDown = (path: Path) => (e: KeyboardEvent) => {
    const how = e.altKey ? KEYS[e.key] : undefined;
    if (!how) return;
    e.preventDefault();
    move(path, how);
  };

  const item = (b: MenuButton, path: Path) => {
    const key = path.join('.');
    const bad = hasProblem(problems, path);
    const on = samePath(selected, path);
    const zone = over && samePath(over.path, path) ? over.zone : null;
    return (
      <div
        className={`menu-tree__item${on ? ' menu-tree__item--on' : ''}${bad ? ' menu-tree__item--bad' : ''}${samePath(dragging, path) ? ' menu-tree__item--dragging' : ''}${zone ? ` menu-tree__item--${zone}` : ''}`}
        draggable
        data-path={atOf(path).join('.')}
        data-drop-into={zone === 'into' ? t('menu.dropSub', { name: b.name }) : undefined}
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', b.name);
          setDragging(path);
        }}
        onDragEnd={() => {
          setDragging(null);
          setOver(null);
        }}
        {...dropProps(path)}
      >
        <span className="menu-tree__grip" aria-hidden="true">
          ⋮⋮
        </span>
        <button
          type="button"
          ref={(el) => {
            refs.current.set(key, el);
          }}
          className="menu-tree__select"
          aria-pressed={on}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+ArrowRight Alt+ArrowLeft"
          onClick={() => onSelect(path)}
          onKeyDown={onKeyDown(path)}
        >
          <span className="menu-tree__pos">{atOf(path).join(' › ')}</span>
          <span className="menu-tree__name">{b.name || '—'}</span>
          <span className="menu-tree__type">{b.sub_button?.length ? '' : (b.type ?? '')}</span>
          {bad ? (
            <span className="menu-tree__bad">
              <span aria-hidden="true">⚠</span>
              <span className="sr-only">{t('menu.hasProblem')}</span>
            </span>
          ) : null}
        </button>
      </div>
    );
  };

  return (
    <section className="card menu-tree" aria-labelledby="menu-tree-title">
      <h3 id="menu-tree-title" className="card__title">
        {t('menu.buttons')}
      </h3>
      <div className="menu-tree__tools" role="toolbar" aria-label={t('menu.buttons')}>
        <button
          type="button"
          className="btn btn--small"
          disabled={menu.button.length >= 3}
          onClick={() => {
            const r = addTop(menu, fresh());
            if (r) onEdit(r.menu, r.path, t('menu.added', { name: fresh().name, at: atOf(r.path).join(' › ') }));
          }}
        >
          {t('menu.addTop')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={!selected || (menu.button[selected[0]!]?.sub_button?.length ?? 0) >= 5}
          onClick={() => {
            const r = selected && addSub(menu, selected[0]!, fresh());
            if (r) onEdit(r.menu, r.path, t('menu.added', { name: fresh().name, at: atOf(r.path).join(' › ') }));
          }}
        >
          {t('menu.addSub')}
        </button>
        <button type="button" className="btn btn--small" disabled={!selected || selected[selected.length - 1] === 0} onClick={() => selected && move(selected, 'up')}>
          {t('menu.moveUp')}
        </button>
        <button type="button" className="btn btn--small" disabled={!selected || !keyMove(menu, selected, 'down')} onClick={() => selected && move(selected, 'down')}>
          {t('menu.moveDown')}
        </button>
        <button type="button" className="btn btn--small" disabled={!selected || !keyMove(menu, selected, 'into')} onClick={() => selected && move(selected, 'into')}>
          {t('menu.moveInto')}
        </button>
        <button type="button" className="btn btn--small" disabled={!selected || !keyMove(menu, selected, 'out')} onClick={() => selected && move(selected, 'out')}>
          {t('menu.moveOut')}
        </button>
        <button
          type="button"
          className="btn btn--small btn--danger-outline"
          disabled={!sel}
          onClick={() => {
            if (!selected || !sel) return;
            onEdit(removeButton(menu, selected), null, t('menu.removed', { name: sel.name }));
          }}
        >
          {t('menu.remove')}
        </button>
      </div>
      <p className="field__help">{t('menu.keys')}</p>
      {menu.button.length === 0 ? <p className="muted">{t('menu.empty')}</p> : null}
      <ol className="menu-tree__list" aria-label={t('menu.tree')}>
        {menu.button.map((b, i) => (
          <li key={i} className={over?.zone === 'after' && samePath(over.path, [i]) && b.sub_button?.length ? 'menu-tree__group--after' : undefined}>
            {item(b, [i])}
            {b.sub_button?.length ? (
              <ol className="menu-tree__subs">
                {b.sub_button.map((s, j) => (
                  <li key={j}>{item(s, [i, j])}</li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

