// Template messages: the account's templates (template/get_all_private_template), a form made from
// the chosen one's {{name.DATA}} fields (a value and an optional color each), where a tap leads (a
// url or a mini program), a preview on the phone, and Send (message/template/send) → the msgid.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { ErrorNote } from '../../../ui/ErrorNote';
import type { ChorePanelProps } from '../ChoresTab';
import { templateFields, type FieldValue } from '../template-fields';
import { formProblems, loadTemplates, sendInput, sendTemplate, templateSlot, type JumpKind } from './template-state';
import { TemplatePreview } from './TemplatePreview';
import { templateStrings } from './strings';

const EMPTY: FieldValue = { value: '', color: '' };

export function TemplatesPanel({ account, memory, chores }: ChorePanelProps) {
  const { t, time } = useI18n(templateStrings);
  const id = useId();
  const slot = templateSlot(memory);
  const s = useSlot(slot);
  const { sendTo } = useSlot(chores);

  useEffect(() => {
    if (!slot.get().templates && !slot.get().loading) void loadTemplates(slot, account.appId);
  }, [slot, account.appId]);

  // "Send a template" from the followers panel: that follower is the one sent to.
  useEffect(() => {
    if (sendTo) {
      slot.patch({ toOpenId: sendTo, result: null, sendError: null });
      chores.patch({ sendTo: '' });
    }
  }, [sendTo, slot, chores]);

  const template = s.templates?.find((x) => x.templateId === s.templateId) ?? null;
  const fields = template ? (template.fields.length ? template.fields : templateFields(template.content)) : [];
  const values = s.values[s.templateId] ?? {};
  // Missing values are said after a first Send; a malformed one (a color, a url) as it is typed.
  const [tried, setTried] = useState(false);
  const all = template ? formProblems(s, fields) : [];
  const problems = tried ? all : all.filter((p) => p.startsWith('color:') || (p === 'url' && s.url.trim() !== ''));
  const setValue = (field: string, patch: Partial<FieldValue>) =>
    slot.set((st) => ({ ...st, values: { ...st.values, [st.templateId]: { ...(st.values[st.templateId] ?? {}), [field]: { ...EMPTY, ...(st.values[st.templateId]?.[field] ?? {}), ...patch } } } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!template || all.length || s.sending) {
      const form = e.currentTarget as HTMLFormElement;
      if (all.length) setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    void sendTemplate(slot, sendInput(account.appId, s, fields));
  };
  const err = (key: string, problem: string) => (problems.includes(problem as never) ? <p id={`${id}-${key}-err`} className="field__error">{t(`tpl.err.${key}` as never)}</p> : null);
  const invalid = (problem: string) => (problems.includes(problem as never) ? true : undefined);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`}>
        <header className="card__header chores-row">
          <h3 id={`${id}-title`} className="card__title">
            {t('tpl.heading')}
          </h3>
          <button type="button" className="btn btn--small" disabled={s.loading} onClick={() => void loadTemplates(slot, account.appId)}>
            {s.loading ? t('tpl.loading') : t('tpl.reload')}
          </button>
        </header>
        {s.loadError ? <ErrorNote error={s.loadError} heading={t('tpl.loadFailed')} role="alert" appId={account.appId} /> : null}
        {s.templates && s.templates.length === 0 ? <p className="muted">{t('tpl.none')}</p> : null}
        {s.templates && s.templates.length ? (
          <div className="field">
            <label htmlFor={`${id}-pick`} className="field__label">
              {t('tpl.template')}
            </label>
            <select id={`${id}-pick`} value={s.templateId} onChange={(e) => slot.patch({ templateId: e.target.value, result: null, sendError: null })}>
              {s.templates.map((x) => (
                <option key={x.templateId} value={x.templateId}>
                  {x.title} ({x.templateId})
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </section>

      {template ? (
        <div className="chores-split">
          <form className="card chores-form" aria-label={t('tpl.form')} onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-to`} className="field__label">
                {t('tpl.to')}
              </label>
              <input id={`${id}-to`} type="text" spellCheck={false} autoComplete="off" value={s.toOpenId} aria-invalid={invalid('to')} aria-describedby={problems.includes('to') ? `${id}-to-err` : undefined} onChange={(e) => slot.patch({ toOpenId: e.target.value })} />
              {err('to', 'to')}
            </div>
            {fields.length === 0 ? <p className="muted">{t('tpl.noFields')}</p> : null}
            {fields.map((f) => {
              const bad = problems.includes(`color:${f}`);
              return (
                <fieldset key={f} className="chores-field-pair">
                  <legend className="field__label">{f}</legend>
                  <input type="text" aria-label={t('tpl.valueOf', { field: f })} value={values[f]?.value ?? ''} onChange={(e) => setValue(f, { value: e.target.value })} />
                  <input type="text" aria-label={t('tpl.colorOf', { field: f })} placeholder="#173177" spellCheck={false} value={values[f]?.color ?? ''} aria-invalid={bad || undefined} onChange={(e) => setValue(f, { color: e.target.value })} />
                  {bad ? <p className="field__error">{t('tpl.err.color', { field: f })}</p> : null}
                </fieldset>
              );
            })}
            <fieldset className="chores-form">
              <legend className="field__label">{t('tpl.jump')}</legend>
              <div className="chores-row" role="radiogroup" aria-label={t('tpl.jump')}>
                {(['none', 'url', 'mini'] as JumpKind[]).map((k) => (
                  <label key={k} className="chores-radio">
                    <input type="radio" name={`${id}-jump`} value={k} checked={s.jump === k} onChange={() => slot.patch({ jump: k })} /> {t(`tpl.jump.${k}`)}
                  </label>
                ))}
              </div>
              {s.jump !== 'none' ? (
                <div className="field">
                  <label htmlFor={`${id}-url`} className="field__label">
                    {s.jump === 'mini' ? t('tpl.fallbackUrl') : t('tpl.url')}
                  </label>
                  <input id={`${id}-url`} type="url" spellCheck={false} value={s.url} placeholder="https://" aria-invalid={invalid('url')} onChange={(e) => slot.patch({ url: e.target.value })} />
                  {err('url', 'url')}
                </div>
              ) : null}
              {s.jump === 'mini' ? (
                <div className="chores-row">
                  <label>
                    <span className="field__label">{t('tpl.appid')}</span>
                    <input type="text" spellCheck={false} value={s.appid} aria-invalid={invalid('appid')} onChange={(e) => slot.patch({ appid: e.target.value })} />
                  </label>
                  <label>
                    <span className="field__label">{t('tpl.pagepath')}</span>
                    <input type="text" spellCheck={false} value={s.pagepath} placeholder="pages/index/index" onChange={(e) => slot.patch({ pagepath: e.target.value })} />
                  </label>
                  {err('appid', 'appid')}
                </div>
              ) : null}
            </fieldset>
            <div className="chores-row">
              <button type="submit" className="btn btn--primary" disabled={s.sending}>
                {s.sending ? t('tpl.sending') : t('tpl.send')}
              </button>
            </div>
            <div role="status" aria-live="polite">
              {s.result ? <p className="chores-sent">{t('tpl.sent', { msgid: s.result.msgid, at: time(s.result.at) })}</p> : null}
            </div>
            {s.sendError ? <ErrorNote error={s.sendError} heading={t('tpl.sendFailed')} role="alert" appId={account.appId} /> : null}
          </form>
          <TemplatePreview account={account.label} title={template.title} content={template.content} values={values} jumps={s.jump !== 'none'} />
        </div>
      ) : null}
    </>
  );
}
