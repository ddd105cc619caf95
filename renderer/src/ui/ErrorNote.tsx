import { useId, useState } from 'react';
import type { ErrorView, Trigger } from '../../../electron/contract';
import { useI18n } from '../i18n';
import { FlashRegion, useFlash } from './Flash';
import { RidButton, RidDetails } from './RidLookup';

interface Props {
  error: ErrorView;
  heading: string;
  at?: number;
  trigger?: Trigger;
  /** 'alert' for the answer to something the user just did. */
  role?: 'alert';
  /** The account the error came from: with a rid, offers to look it up (openapi/rid/get). */
  appId?: string;
}

/**
 * An error in plain words with what to do, the IP to whitelist (with its own Copy), WeChat's raw
 * text, and, for an account's error with a rid, what WeChat stored for it.
 */
export function ErrorNote({ error, heading, at, trigger, role, appId }: Props) {
  const { t, errorText, time } = useI18n();
  const id = useId();
  const [flash, setFlash] = useFlash();
  const [ridOpen, setRidOpen] = useState(false);
  const { message, hint } = errorText(error);
  const copyIp = async (ip: string) => {
    try {
      await navigator.clipboard.writeText(ip);
      setFlash(t('copied.ip'));
    } catch {
      setFlash(t('copy.failed'));
    }
  };
  return (
    <section className={`note note--${error.kind === 'transient' ? 'warn' : 'error'}`} role={role} aria-label={heading}>
      <header className="note__header">
        <h3 className="note__title">{heading}</h3>
        <span className="note__meta">
          {at !== undefined && trigger ? t('error.when', { time: time(at), trigger: t(`trigger.${trigger}`) }) : null}
          <span className="badge badge--code">{t('error.code', { code: error.code })}</span>
        </span>
      </header>
      <p className="note__message">{message}</p>
      <p className="note__hint">{hint}</p>
      {error.ip ? (
        <div className="note__ip">
          <span className="note__ip-label">{t('error.ip')}</span>
          <code className="note__ip-value">{error.ip}</code>
          <button type="button" className="btn btn--small" onClick={() => void copyIp(error.ip!)}>
            {t('error.copyIp')}
          </button>
          <FlashRegion message={flash} />
        </div>
      ) : null}
      {error.errmsg ? (
        <p className="note__raw">
          <span>{t('error.wechatSaid')}</span>
          <code>{error.errmsg}</code>
        </p>
      ) : null}
      {error.rid && appId ? (
        <>
          <div className="note__rid">
            <code>{t('rid.value', { rid: error.rid })}</code>
            <RidButton open={ridOpen} onToggle={() => setRidOpen((o) => !o)} controls={`${id}-rid`} />
          </div>
          {ridOpen ? <RidDetails appId={appId} rid={error.rid} id={`${id}-rid`} /> : null}
        </>
      ) : null}
    </section>
  );
}
