import { useId, type MouseEvent } from 'react';
import type { AppInfo, SettingsView } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { appStrings } from './strings';

/** The page's main content: where the skip link takes the focus. */
export const MAIN_ID = 'main';

/** Focus moves into the content without touching the address (it may still carry the key). */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById(MAIN_ID)?.focus();
}

interface Props {
  info: AppInfo | null;
  locale: SettingsView['locale'];
  onLocale(locale: SettingsView['locale']): void;
}

export function Header({ info, locale, onLocale }: Props) {
  const { t } = useI18n(appStrings);
  const id = useId();
  return (
    <header className="topbar">
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToMain}>
        {t('app.skip')}
      </a>
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          W
        </span>
        <h1 className="brand__name">{t('app.name')}</h1>
        <span className="brand__tagline">{t('app.tagline')}</span>
      </div>
      <div className="topbar__right">
        {info ? <span className="badge badge--soft">{t(info.host === 'electron' ? 'host.electron' : 'host.browser')}</span> : null}
        <label htmlFor={`${id}-lang`} className="topbar__label">
          {t('lang.label')}
        </label>
        <select id={`${id}-lang`} className="select--compact" value={locale} onChange={(e) => onLocale(e.target.value as SettingsView['locale'])}>
          <option value="auto">{t('lang.auto')}</option>
          <option value="en">{t('lang.en')}</option>
          <option value="zh-CN">{t('lang.zh')}</option>
        </select>
      </div>
    </header>
  );
}
