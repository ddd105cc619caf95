// The form of the selected button: its name (with how the phone cuts it), its type (every type
// menu/create takes) and the fields that type needs, each with the problems WeChat would answer
// for it, shown under the field with WeChat's code.
import { useId } from 'react';
import type { MenuButtonType, MenuDraft } from '../../../../electron/contract';
import type { MenuField, MenuProblem } from '../../../../electron/contract/menu-editor';
import { MENU_TYPES, REQUIRED_FIELDS } from '../../../../electron/core/menu/rules';
import { useI18n } from '../../i18n';
import { cutMenuName } from '../../ui/phone/menu-layout';
import { atOf, buttonAt, problemsOf, setType, updateButton, type Path, type TypeField } from './menu-edit';
import { menuStrings, type MenuKey } from './strings';

interface Props {
  menu: MenuDraft;
  path: Path;
  problems: readonly MenuProblem[];
  onEdit(menu: MenuDraft): void;
}

/** The fields shown for a type, in the order a person fills them (the mini program's URL is its fallback, last). */
const fieldsOf = (type: MenuButtonType): readonly TypeField[] => (type === 'miniprogram' ? ['appid', 'pagepath', 'url'] : REQUIRED_FIELDS[type]) as readonly TypeField[];

export function ButtonForm({ menu, path, problems, onEdit }: Props) {
  const { t, problem } = useI18n(menuStrings);
  const id = useId();
  const b = buttonAt(menu, path);
  if (!b) return null;
  const mine = problemsOf(problems, path);
  const of = (field: MenuField) => mine.filter((p) => p.field === field);
  const isParent = (b.sub_button?.length ?? 0) > 0;
  const shown = cutMenuName(b.name, path.length === 1 ? 'top' : 'sub');
  const type = b.type && (MENU_TYPES as readonly string[]).includes(b.type) ? b.type : undefined;

  const errors = (field: MenuField, fieldId: string) => {
    const list = of(field);
    return list.length ? (
      <ul id={`${fieldId}-error`} className="field__error menu-form__errors">
        {list.map((p, i) => (
          <li key={i}>{problem(p)}</li>
        ))}
      </ul>
    ) : null;
  };
  const described = (fieldId: string, field: MenuField, ...more: string[]) => [...more, of(field).length ? `${fieldId}-error` : ''].filter(Boolean).join(' ') || undefined;

  const text = (field: TypeField | 'name', label: string) => {
    const fieldId = `${id}-${field}`;
    const value = (b as unknown as Record<string, string | undefined>)[field] ?? '';
    const helpId = field === 'name' ? `${fieldId}-help` : '';
    const cutId = field === 'name' && shown !== b.name ? `${fieldId}-cut` : '';
    return (
      <div className="field" key={field}>
        <label htmlFor={fieldId} className="field__label">
          {label}
        </label>
        <input
          id={fieldId}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={value}
          aria-invalid={of(field).length ? true : undefined}
          aria-describedby={described(fieldId, field, helpId, cutId)}
          onChange={(e) => onEdit(updateButton(menu, path, { [field]: e.target.value }))}
        />
        {errors(field, fieldId)}
        {cutId ? (
          <p id={cutId} className="field__help menu-form__cut">
            {t('menu.cut', { shown })}
          </p>
        ) : null}
        {helpId ? (
          <p id={helpId} className="field__help">
            {t('menu.nameHelp')}
          </p>
        ) : null}
      </div>
    );
  };

  const otherProblems = mine.filter((p) => !['name', 'type', 'key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'].includes(p.field));

  return (
    <section className="card menu-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('menu.form', { at: atOf(path).join(' › ') })}
      </h3>
      {otherProblems.length ? (
        <ul className="field__error menu-form__errors">
          {otherProblems.map((p, i) => (
            <li key={i}>{problem(p)}</li>
          ))}
        </ul>
      ) : null}
      {text('name', t('menu.name'))}
      {isParent ? (
        <>
          <p className="muted">{t('menu.parent')}</p>
          {errors('type', `${id}-type`)}
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-type`} className="field__label">
              {t('menu.type')}
            </label>
            <select
              id={`${id}-type`}
              value={type ?? ''}
              aria-invalid={of('type').length ? true : undefined}
              aria-describedby={described(`${id}-type`, 'type')}
              onChange={(e) => onEdit(setType(menu, path, e.target.value as MenuButtonType))}
            >
              {type ? null : <option value="">{b.type ?? '—'}</option>}
              {MENU_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`menu.type.${ty}` as MenuKey)}
                </option>
              ))}
            </select>
            {errors('type', `${id}-type`)}
          </div>
          {type ? fieldsOf(type).map((f) => text(f, t(f === 'url' && type === 'miniprogram' ? 'menu.field.urlMini' : (`menu.field.${f}` as MenuKey)))) : null}
        </>
      )}
    </section>
  );
}
