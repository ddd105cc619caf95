// QR codes: a temporary (expire_seconds, scene_id or scene_str) or permanent code (qrcode/create),
// drawn in the page from the returned url (no other host is asked), saved as PNG, its ticket and
// expiry shown; "Simulate a scan" sends the subscribe-with-scene or SCAN event through the simulator.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../../bridge';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { asErrorView } from '../../../state';
import { ErrorNote } from '../../../ui/ErrorNote';
import { ReplyBubble } from '../../../ui/phone/ReplyBubble';
import { phoneStrings } from '../../../ui/phone/strings';
import { Simulator, simSlot } from '../../simulator/sim-state';
import type { ChorePanelProps } from '../ChoresTab';
import { QrCanvas } from './QrCanvas';
import { MAX_EXPIRE, qrInput, qrProblems, qrSlot, scanFields, type QrForm } from './qr-state';
import { qrStrings } from './strings';

export function QrPanel({ account, memory }: ChorePanelProps) {
  const { t, time } = useI18n(qrStrings, phoneStrings);
  const id = useId();
  const slot = qrSlot(memory);
  const s = useSlot(slot);
  const sim = useMemo(() => new Simulator(simSlot(memory, account), account.appId), [memory, account]);
  const [tried, setTried] = useState(false);
  const f = s.form;
  const all = qrProblems(f);
  // A missing value is said after a first Create; a malformed one as it is typed.
  const problems = tried ? all : all.filter((p) => (p === 'expire' ? f.expire !== '' : f.scene !== ''));
  const setForm = (patch: Partial<QrForm>) => slot.patch({ form: { ...f, ...patch } });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (all.length || s.creating) return;
    const input = qrInput(account.appId, f);
    slot.patch({ creating: true, error: null });
    try {
      const result = await api.qrCreate(input);
      slot.patch({ creating: false, result, scene: String(input.scene), scan: null, scanError: null });
    } catch (err) {
      slot.patch({ creating: false, error: asErrorView(err) });
    }
  };

  const scan = async (event: 'subscribe' | 'SCAN') => {
    const r = slot.get().result;
    if (!r) return;
    slot.patch({ scanning: true, scan: null, scanError: null });
    const x = await sim.send(sim.input(event, { fields: scanFields(event, slot.get().scene, r.ticket) }));
    slot.patch({ scanning: false, scan: x, scanError: x ? null : sim.slot.get().error });
  };

  const err = (p: 'scene' | 'sceneStr' | 'expire') => (problems.includes(p) ? <p id={`${id}-${p}-err`} className="field__error">{t(`qr.err.${p}`, { max: f.permanent ? 100000 : 4294967295, maxExpire: MAX_EXPIRE })}</p> : null);
  const sceneProblem = f.sceneKind === 'id' ? 'scene' : 'sceneStr';
  const r = s.result;

  return (
    <>
      <form className="card chores-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void create(e)} noValidate>
        <h3 id={`${id}-title`} className="card__title">
          {t('qr.heading')}
        </h3>
        <fieldset className="chores-row">
          <legend className="field__label">{t('qr.kind')}</legend>
          <label className="chores-radio">
            <input type="radio" name={`${id}-kind`} checked={!f.permanent} onChange={() => setForm({ permanent: false })} /> {t('qr.temporary')}
          </label>
          <label className="chores-radio">
            <input type="radio" name={`${id}-kind`} checked={f.permanent} onChange={() => setForm({ permanent: true })} /> {t('qr.permanent')}
          </label>
        </fieldset>
        <fieldset className="chores-row">
          <legend className="field__label">{t('qr.sceneKind')}</legend>
          <label className="chores-radio">
            <input type="radio" name={`${id}-scene`} checked={f.sceneKind === 'id'} onChange={() => setForm({ sceneKind: 'id' })} /> {t('qr.sceneId')}
          </label>
          <label className="chores-radio">
            <input type="radio" name={`${id}-scene`} checked={f.sceneKind === 'str'} onChange={() => setForm({ sceneKind: 'str' })} /> {t('qr.sceneStr')}
          </label>
        </fieldset>
        <div className="chores-row">
          <div className="field">
            <label htmlFor={`${id}-scene-value`} className="field__label">
              {t('qr.scene')}
            </label>
            <input
              id={`${id}-scene-value`}
              type="text"
              inputMode={f.sceneKind === 'id' ? 'numeric' : 'text'}
              spellCheck={false}
              value={f.scene}
              aria-invalid={problems.includes(sceneProblem) || undefined}
              aria-describedby={problems.includes(sceneProblem) ? `${id}-${sceneProblem}-err` : undefined}
              onChange={(e) => setForm({ scene: e.target.value })}
            />
            {err(sceneProblem)}
          </div>
          {!f.permanent ? (
            <div className="field">
              <label htmlFor={`${id}-expire`} className="field__label">
                {t('qr.expire')}
              </label>
              <input id={`${id}-expire`} type="text" inputMode="numeric" value={f.expire} aria-invalid={problems.includes('expire') || undefined} aria-describedby={problems.includes('expire') ? `${id}-expire-err` : undefined} onChange={(e) => setForm({ expire: e.target.value })} />
              {err('expire')}
            </div>
          ) : null}
        </div>
        <div className="chores-row">
          <button type="submit" className="btn btn--primary" disabled={s.creating}>
            {s.creating ? t('qr.creating') : t('qr.create')}
          </button>
        </div>
        {s.error ? <ErrorNote error={s.error} heading={t('qr.failed')} role="alert" appId={account.appId} /> : null}
      </form>

      {r ? (
        <section className="card" aria-labelledby={`${id}-made`}>
          <h3 id={`${id}-made`} className="card__title">
            {t('qr.made', { scene: s.scene })}
          </h3>
          <div className="chores-qr">
            <QrCanvas url={r.url} scene={s.scene} />
            <div className="chores-form">
              <dl className="chores-kv">
                <dt>{t('qr.url')}</dt>
                <dd>
                  <code data-testid="qr-url">{r.url}</code>
                </dd>
                <dt>{t('qr.ticket')}</dt>
                <dd>
                  <code>{r.ticket}</code>
                </dd>
                <dt>{t('qr.expires')}</dt>
                <dd>{r.expiresAt === null ? t('qr.never') : t('qr.expiresAt', { at: time(r.expiresAt), seconds: r.expireSeconds ?? '' })}</dd>
              </dl>
              <p className="muted">{t('qr.scanIntro')}</p>
              <div className="chores-row">
                <button type="button" className="btn" disabled={s.scanning} onClick={() => void scan('subscribe')}>
                  {t('qr.scanNew')}
                </button>
                <button type="button" className="btn" disabled={s.scanning} onClick={() => void scan('SCAN')}>
                  {t('qr.scanFollower')}
                </button>
              </div>
              <div role="status" aria-live="polite">
                {s.scanning ? <p className="muted">{t('qr.scanning')}</p> : null}
                {s.scan ? (
                  <div className="chores-scan" data-testid="qr-scan">
                    <p>{t('qr.scanSent', { kind: s.scan.kind, key: scanFields(s.scan.kind === 'SCAN' ? 'SCAN' : 'subscribe', s.scene, r.ticket).EventKey ?? '', verdict: t(`qr.verdict.${s.scan.verdict}`) })}</p>
                    <ReplyBubble reply={s.scan.reply} onShowExchange={() => memory.tab.set('simulator')} />
                  </div>
                ) : null}
              </div>
              {s.scanError ? <ErrorNote error={s.scanError} heading={t('qr.scanFailed')} role="alert" /> : null}
              {s.scan ? (
                <button type="button" className="btn btn--small btn--ghost" onClick={() => memory.tab.set('simulator')}>
                  {t('qr.openSimulator')}
                </button>
              ) : null}
            </div>
          </div>
        </section>
      ) : null}
    </>
  );
}
