import { useId, useRef, useState, type FocusEvent, type FormEvent, type ReactNode } from 'react';
import type { AccountInput, AccountView, ErrorView, ProbeMode, TokenMode } from '../../../../electron/contract';
import {
  DEFAULT_API_BASE,
  checkAesKey,
  checkApiBase,
  checkAppId,
  checkLabel,
  checkSecret,
  checkSecretForMove,
  checkServerToken,
  normalizeApiBase,
  type Field,
} from '../../../../electron/core/validate';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';
import { formStrings } from './strings';
import { MessageModeField } from './MessageModeField';

const CUSTOM = 'custom';

type TextField = 'appId' | 'secret' | 'label' | 'serverToken' | 'aesKey' | 'apiBase';
type Values = Record<Exclude<TextField, 'apiBase'>, string> & { mode: TokenMode; apiChoice: string; customBase: string; autoRefresh: boolean; messageMode: ProbeMode };

export interface AccountFormProps {
  /** The account to edit; a new one when absent. */
  account?: AccountView;
  officialApiBases: readonly string[];
  /** AppIDs already saved: adding one of them again would overwrite it, so the form says so. */
  existing?: readonly string[];
  onSaved(view: AccountView): void;
  onCancel?: () => void;
}

function initial(account: AccountView | undefined, bases: readonly string[]): Values {
  const apiBase = account?.apiBase ?? bases[0] ?? DEFAULT_API_BASE;
  const official = bases.includes(apiBase);
  return {
    appId: account?.appId ?? '',
    // Write-only: never prefilled, whatever is stored.
    secret: '',
    label: account && account.label !== account.appId ? account.label : '',
    serverToken: account?.serverToken ?? '',
    aesKey: account?.aesKey ?? '',
    mode: account?.mode ?? 'stable',
    apiChoice: official ? apiBase : CUSTOM,
    customBase: official ? '' : apiBase,
    autoRefresh: account?.autoRefresh ?? true,
    messageMode: account?.messageMode ?? 'plain',
  };
}

/** Add or edit an account. Inline messages use the same rules the core enforces (validate.ts). */
export function AccountForm({ account, officialApiBases, existing, onSaved, onCancel }: AccountFormProps) {
  const { t, problem, lang } = useI18n(formStrings);
  // Already in the current language; problem() only picks between the two.
  const alreadySavedText = t('form.alreadySaved');
  const alreadySaved = { en: alreadySavedText, zh: alreadySavedText };
  const id = useId();
  const editing = account !== undefined;
  const [values, setValues] = useState(() => initial(account, officialApiBases));
  const [touched, setTouched] = useState<Partial<Record<TextField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverFields, setServerFields] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<ErrorView | null>(null);
  const [saving, setSaving] = useState(false);
  const inputs = useRef(new Map<TextField, HTMLInputElement | HTMLSelectElement | null>());

  const apiBase = values.apiChoice === CUSTOM ? normalizeApiBase(values.customBase) : values.apiChoice;
  const secret = values.secret.trim();
  const checks: Record<TextField, { en: string; zh: string } | null> = {
    appId: editing ? null : (checkAppId(values.appId.trim()) ?? (existing?.includes(values.appId.trim()) ? alreadySaved : null)),
    secret: secret !== '' || !editing || !account.hasSecret ? checkSecret(secret) : checkSecretForMove(account.apiBase, apiBase, false),
    label: checkLabel(values.label.trim()),
    serverToken: checkServerToken(values.serverToken.trim()),
    aesKey: checkAesKey(values.aesKey.trim()),
    apiBase: values.apiChoice === CUSTOM ? checkApiBase(apiBase) : null,
  };
  const order: TextField[] = ['appId', 'secret', 'serverToken', 'aesKey', 'label', 'apiBase'];
  const messageFor = (field: TextField): string | null => {
    const p = checks[field];
    if (p && (submitted || touched[field])) return problem(p);
    return serverFields[field] ?? null;
  };

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    const field: Field | undefined = key === 'customBase' || key === 'apiChoice' ? 'apiBase' : (key as Field);
    if (field && serverFields[field]) setServerFields(({ [field]: _gone, ...rest }) => rest);
  };
  // Leaving a field for one of the form's buttons shows nothing yet: a message appearing on mousedown
  // would move the button away before mouseup. Submit shows every message anyway.
  const touch = (field: TextField, e: FocusEvent) => {
    if (e.relatedTarget instanceof HTMLButtonElement) return;
    setTouched((s) => ({ ...s, [field]: true }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    const firstBad = order.find((f) => checks[f] !== null);
    if (firstBad) {
      inputs.current.get(firstBad)?.focus();
      return;
    }
    const input: AccountInput = {
      appId: values.appId.trim(),
      label: values.label.trim(),
      serverToken: values.serverToken.trim(),
      aesKey: values.aesKey.trim(),
      mode: values.mode,
      apiBase,
      autoRefresh: values.autoRefresh,
      messageMode: values.messageMode,
    };
    if (secret) input.secret = secret;
    setSaving(true);
    try {
      const saved = await api.saveAccount(input);
      onSaved(saved);
    } catch (err) {
      const view = asErrorView(err);
      if (view.fields && Object.keys(view.fields).length > 0) {
        setServerFields(lang === 'zh-CN' && view.fieldsZh ? view.fieldsZh : view.fields);
        const first = order.find((f) => view.fields?.[f]);
        if (first) inputs.current.get(first)?.focus();
      } else setError(view);
    } finally {
      setSaving(false);
    }
  };

  const fieldId = (f: TextField) => `${id}-${f}`;
  const described = (f: TextField, hasHelp = true) => {
    const ids = [hasHelp ? `${fieldId(f)}-help` : '', messageFor(f) ? `${fieldId(f)}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  };
  const textInput = (f: Exclude<TextField, 'apiBase'>, extra: { type?: string; autoComplete?: string; placeholder?: string; readOnly?: boolean } = {}) => (
    <input
      ref={(el) => {
        inputs.current.set(f, el);
      }}
      id={fieldId(f)}
      name={f}
      type={extra.type ?? 'text'}
      value={values[f]}
      autoComplete={extra.autoComplete ?? 'off'}
      spellCheck={false}
      placeholder={extra.placeholder}
      readOnly={extra.readOnly}
      aria-invalid={messageFor(f) ? true : undefined}
      aria-describedby={described(f)}
      onChange={(e) => set(f, e.target.value)}
      onBlur={(e) => touch(f, e)}
    />
  );
  const customInput =
    values.apiChoice === CUSTOM ? (
      <div className="field__sub">
        <label htmlFor={fieldId('apiBase')} className="sr-only">
          {t('form.apiBaseCustomLabel')}
        </label>
        <input
          ref={(el) => {
            inputs.current.set('apiBase', el);
          }}
          id={fieldId('apiBase')}
          type="url"
          inputMode="url"
          value={values.customBase}
          placeholder="https://"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={messageFor('apiBase') ? true : undefined}
          aria-describedby={described('apiBase', false)}
          onChange={(e) => set('customBase', e.target.value)}
          onBlur={(e) => touch('apiBase', e)}
        />
        {messageFor('apiBase') ? (
          <p id={`${fieldId('apiBase')}-error`} className="field__error">
            {messageFor('apiBase')}
          </p>
        ) : null}
      </div>
    ) : null;

  const showSummary = submitted && order.some((f) => messageFor(f));

  return (
    <form className="card form" aria-labelledby={`${id}-title`} noValidate onSubmit={(e) => void submit(e)}>
      <header className="card__header">
        <h2 id={`${id}-title`} className="card__title">
          {editing ? t('form.editTitle') : t('form.addTitle')}
        </h2>
      </header>
      <p className="muted form__intro">{t('form.intro')}</p>
      {showSummary ? (
        <p className="form__summary" role="alert">
          {t('form.fix')}
        </p>
      ) : null}

      <div className="form__grid">
        <FieldBox id={fieldId('appId')} label={t('form.appId')} help={t('form.appIdHelp')} error={messageFor('appId')}>
          {textInput('appId', { readOnly: editing })}
        </FieldBox>
        <FieldBox id={fieldId('secret')} label={t('form.secret')} help={editing ? t('form.secretHelpEdit') : t('form.secretHelpNew')} error={messageFor('secret')}>
          {textInput('secret', { type: 'password', autoComplete: 'new-password', placeholder: editing && account.hasSecret ? t('form.secretPlaceholderEdit') : undefined })}
        </FieldBox>
        <FieldBox id={fieldId('serverToken')} label={t('form.serverToken')} help={t('form.serverTokenHelp')} error={messageFor('serverToken')}>
          {textInput('serverToken')}
        </FieldBox>
        <FieldBox id={fieldId('aesKey')} label={t('form.aesKey')} help={t('form.aesKeyHelp')} error={messageFor('aesKey')}>
          {textInput('aesKey')}
        </FieldBox>
        <FieldBox id={fieldId('label')} label={t('form.label')} help={t('form.labelHelp')} error={messageFor('label')}>
          {textInput('label')}
        </FieldBox>
        <FieldBox
          id={`${fieldId('apiBase')}-choice`}
          label={t('form.apiBase')}
          help={t('form.apiBaseHelp')}
          helpId={`${fieldId('apiBase')}-help`}
          extra={customInput}
        >
          <select
            id={`${fieldId('apiBase')}-choice`}
            value={values.apiChoice}
            aria-describedby={`${fieldId('apiBase')}-help`}
            onChange={(e) => set('apiChoice', e.target.value)}
            ref={(el) => {
              if (values.apiChoice !== CUSTOM) inputs.current.set('apiBase', el);
            }}
          >
            {officialApiBases.map((base) => (
              <option key={base} value={base}>
                {base}
              </option>
            ))}
            <option value={CUSTOM}>{t('form.apiBaseCustom')}</option>
          </select>
        </FieldBox>
      </div>

      <fieldset className="form__modes">
        <legend>{t('form.mode')}</legend>
        {(['stable', 'classic'] as const).map((mode) => (
          <label key={mode} className={`choice${values.mode === mode ? ' choice--on' : ''}`}>
            <input type="radio" name={`${id}-mode`} value={mode} checked={values.mode === mode} onChange={() => set('mode', mode)} aria-describedby={`${id}-mode-${mode}-why`} />
            <span className="choice__text">
              <span className="choice__title">{mode === 'stable' ? t('form.modeStable') : t('form.modeClassic')}</span>
              <span id={`${id}-mode-${mode}-why`} className="choice__why">
                {mode === 'stable' ? t('form.modeStableWhy') : t('form.modeClassicWhy')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <MessageModeField id={id} value={values.messageMode} onChange={(m) => set('messageMode', m)} />

      <div className="form__check">
        <input id={`${id}-auto`} type="checkbox" checked={values.autoRefresh} onChange={(e) => set('autoRefresh', e.target.checked)} />
        <label htmlFor={`${id}-auto`}>{t('form.autoRefresh')}</label>
      </div>

      {error ? <ErrorNote error={error} heading={t('error.actionFailed')} role="alert" /> : null}

      <div className="form__actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={saving}>
          {saving ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}

function FieldBox(props: { id: string; label: string; help: string; helpId?: string; error?: string | null; extra?: ReactNode; children: ReactNode }) {
  const { id, label, help, helpId, error, extra, children } = props;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children}
      <p id={helpId ?? `${id}-help`} className="field__help">
        {help}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {extra}
    </div>
  );
}
