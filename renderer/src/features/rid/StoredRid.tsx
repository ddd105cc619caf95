import { useEffect, useState } from 'react';
import type { ErrorView, RidView } from '../../../../electron/contract';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { ridStrings } from './strings';
import { asErrorView } from '../../state';
import { ErrorNote } from '../../ui/ErrorNote';

/** WeChat gives invoke_time in seconds; take either. */
const asMs = (t: number) => (t < 1e12 ? t * 1000 : t);

/** What WeChat stored for a rid (openapi/rid/get), fetched when shown. */
export function StoredRid({ appId, rid, id }: { appId: string; rid: string; id?: string }) {
  const { t, time } = useI18n(ridStrings);
  const [view, setView] = useState<RidView | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);

  useEffect(() => {
    let current = true;
    setView(null);
    setError(null);
    api.lookupRid(appId, rid).then(
      (v) => current && setView(v),
      (e: unknown) => current && setError(asErrorView(e)),
    );
    return () => {
      current = false;
    };
  }, [appId, rid]);

  const heading = t('rid.heading', { rid });
  if (error) {
    return (
      <div id={id} className="rid">
        {/* No appId: the look-up's own rid is not looked up in turn. */}
        <ErrorNote error={error} heading={t('rid.failed')} role="alert" />
      </div>
    );
  }
  if (!view) {
    return (
      <p id={id} className="rid muted" role="status">
        {t('rid.looking', { rid })}
      </p>
    );
  }
  const text = (s: string) => (s ? s : t('rid.empty'));
  return (
    <section id={id} className="rid" aria-label={heading}>
      <h4 className="rid__title">{heading}</h4>
      <dl className="rid__facts">
        <div>
          <dt>{t('rid.invokeTime')}</dt>
          <dd>{view.invokeTime ? time(asMs(view.invokeTime)) : t('rid.none')}</dd>
        </div>
        <div>
          <dt>{t('rid.cost')}</dt>
          <dd>{t('rid.ms', { ms: view.costMs })}</dd>
        </div>
        <div>
          <dt>{t('rid.clientIp')}</dt>
          <dd>
            <code>{text(view.clientIp)}</code>
          </dd>
        </div>
        <div className="rid__wide">
          <dt>{t('rid.requestUrl')}</dt>
          <dd>
            <code className="rid__url">{text(view.requestUrl)}</code>
          </dd>
        </div>
        <div className="rid__wide">
          <dt>{t('rid.requestBody')}</dt>
          <dd>
            <pre className="rid__pre">{text(view.requestBody)}</pre>
          </dd>
        </div>
        <div className="rid__wide">
          <dt>{t('rid.responseBody')}</dt>
          <dd>
            <pre className="rid__pre">{text(view.responseBody)}</pre>
          </dd>
        </div>
      </dl>
    </section>
  );
}
