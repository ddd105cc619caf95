// The custom menu at the bottom of the phone, laid out as WeChat does (layoutMenu): up to 3 buttons,
// a button with sub-buttons opens them above it (Escape, a second tap, a tap elsewhere or the focus
// leaving closes them; Escape and a tap on a sub-button give the focus back to the button).
// Real buttons named by their menu names; a name cut with "…" keeps its whole name for screen readers.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MenuButton, MenuDraft } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { layoutMenu, type LaidButton } from './menu-layout';
import { phoneStrings } from './strings';

interface Props {
  menu: MenuDraft;
  onTap(button: MenuButton): void;
  /** Shows the input bar instead (the keyboard icon at the left, as in WeChat); absent: no switch. */
  onKeyboard?(): void;
  /** The buttons to mark as having a problem (the menu editor), by position counted from 1: [2], [2, 5]. */
  marked?(at: number[]): boolean;
}

/**
 * The name as drawn. A name cut with "…" (or marked with a problem) is drawn cut and hidden from
 * screen readers, with the whole name (and the problem) beside it for them and as the tooltip: an
 * aria-label would hide the drawn words from the accessible name, which speech input needs (WCAG 2.5.3).
 */
function Named({ b, problem }: { b: LaidButton; problem: string | undefined }) {
  if (b.shown === b.button.name && !problem) return <>{b.shown}</>;
  return (
    <>
      <span className="phone-menu__shown" aria-hidden="true">
        {b.shown}
      </span>
      <span className="sr-only">{problem ? `${b.button.name} (${problem})` : b.button.name}</span>
    </>
  );
}
const tooltip = (b: LaidButton, problem?: string) => (b.shown === b.button.name && !problem ? {} : { title: problem ? `${b.button.name} (${problem})` : b.button.name });

export function MenuBar({ menu, onTap, onKeyboard, marked }: Props) {
  const { t } = useI18n(phoneStrings);
  const id = useId();
  const [open, setOpen] = useState<number | null>(null);
  const bar = useRef<HTMLElement>(null);
  const tops = useRef<(HTMLButtonElement | null)[]>([]);
  const { buttons, leftOut } = layoutMenu(menu);
  const bad = (at: number[]) => (marked?.(at) ? t('phone.problem') : undefined);
  const cls = (base: string, problem: string | undefined) => (problem ? `${base} ${base}--bad` : base);

  // A tap anywhere else closes the open sub-menu, as on the phone.
  useEffect(() => {
    if (open === null) return;
    const away = (e: PointerEvent) => {
      if (!bar.current?.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = (i: number) => {
    setOpen(null);
    tops.current[i]?.focus();
  };
  const onKeyDown = (i: number) => (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(i);
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
    e.preventDefault();
    next?.focus();
  };

  return (
    <nav ref={bar} className="phone-menu" aria-label={t('phone.menu')}>
      {onKeyboard ? (
        <button type="button" className="phone-menu__switch" aria-label={t('phone.toKeyboard')} title={t('phone.toKeyboard')} onClick={onKeyboard}>
          <span aria-hidden="true">⌨</span>
        </button>
      ) : null}
      {buttons.map((b, i) => (
        <div
          key={i}
          className="phone-menu__slot"
          onBlur={(e) => {
            // Tabbing out of an open sub-menu closes it, as a tap elsewhere does.
            if (open === i && e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) setOpen(null);
          }}
        >
          {b.subs.length > 0 ? (
            <>
              <button
                ref={(el) => {
                  tops.current[i] = el;
                }}
                type="button"
                className={cls('phone-menu__button', bad([i + 1]))}
                aria-expanded={open === i}
                aria-controls={`${id}-sub-${i}`}
                {...tooltip(b, bad([i + 1]))}
                onClick={() => setOpen(open === i ? null : i)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape' && open === i) close(i);
                }}
              >
                <span className="phone-menu__lines" aria-hidden="true">
                  ≡
                </span>
                <Named b={b} problem={bad([i + 1])} />
              </button>
              <ul id={`${id}-sub-${i}`} className="phone-menu__subs" aria-label={t('phone.subMenu', { name: b.button.name })} hidden={open !== i} onKeyDown={onKeyDown(i)}>
                {b.subs.map((s, j) => (
                  <li key={j}>
                    <button
                      type="button"
                      className={cls('phone-menu__sub', bad([i + 1, j + 1]))}
                      {...tooltip(s, bad([i + 1, j + 1]))}
                      onClick={() => {
                        // The sub-menu closes under the focus: it goes back to its button, not to the page.
                        close(i);
                        onTap(s.button);
                      }}
                    >
                      <Named b={s} problem={bad([i + 1, j + 1])} />
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <button type="button" className={cls('phone-menu__button', bad([i + 1]))} {...tooltip(b, bad([i + 1]))} onClick={() => onTap(b.button)}>
              <Named b={b} problem={bad([i + 1])} />
            </button>
          )}
        </div>
      ))}
      {leftOut > 0 ? <p className="sr-only">{t('phone.leftOut', { n: leftOut })}</p> : null}
    </nav>
  );
}
