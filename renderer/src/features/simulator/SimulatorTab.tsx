// The Simulator tab: the account used as a follower would. The phone (chat, menu, input bar) beside
// the log; above them the URL, the message mode and the follower; under the phone the menu's source;
// beside it a button for every other push. What it keeps lives in the account's memory.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ProbeMode } from '../../../../electron/contract';
import type { AccountTabProps } from '../../app/memory';
import { useI18n } from '../../i18n';
import { useSlot } from '../../slot';
import { ErrorNote } from '../../ui/ErrorNote';
import { LabField } from '../../ui/tools/LabField';
import { ChatView } from '../../ui/phone/ChatView';
import { InputBar } from '../../ui/phone/InputBar';
import { MenuBar } from '../../ui/phone/MenuBar';
import { Phone } from '../../ui/phone/Phone';
import { phoneStrings } from '../../ui/phone/strings';
import { conversation } from './conversation';
import { Followers } from './Followers';
import { MenuSource } from './MenuSource';
import { PushPanel } from './PushPanel';
import { shownMenu } from './sim-menu';
import { Simulator, simSlot } from './sim-state';
import { SimLog } from './SimLog';
import { simulatorStrings, type SimKey } from './strings';

const MODES: ProbeMode[] = ['plain', 'compatible', 'safe'];

export function SimulatorTab({ account, memory }: AccountTabProps) {
  const { t } = useI18n(simulatorStrings, phoneStrings);
  const id = useId();
  const slot = simSlot(memory, account);
  const sim = useMemo(() => new Simulator(slot, account.appId), [slot, account.appId]);
  const s = useSlot(slot);
  const logRef = useRef<HTMLElement>(null);
  const phoneRef = useRef<HTMLDivElement>(null);
  const [keyboard, setKeyboard] = useState(false);
  /** The bar was switched (⌨ / ☰): the switch is gone with its bar, so the focus goes into the new one. */
  const switched = useRef(false);
  const [scanText, setScanText] = useState('');

  useEffect(() => {
    void sim.load();
    return sim.follow();
  }, [sim]);
  useEffect(() => sim.followAccount(account), [sim, account]);

  useEffect(() => {
    if (!switched.current) return;
    switched.current = false;
    phoneRef.current?.querySelector<HTMLElement>(keyboard ? '.phone-input__text' : '.phone-menu__button')?.focus();
  }, [keyboard]);
  const switchTo = (toKeyboard: boolean) => {
    switched.current = true;
    setKeyboard(toKeyboard);
  };

  const words = (key: string, vars: Record<string, string>) => t(key as SimKey, vars);
  const items = conversation(s.log, s.notes, s.tapped, s.openId, words);
  const menu = shownMenu(s);
  const showMenu = menu !== null && !keyboard;

  const showExchange = (exchangeId: string) => {
    const entry = logRef.current?.querySelector<HTMLElement>(`[data-exchange="${CSS.escape(exchangeId)}"]`);
    entry?.scrollIntoView({ block: 'center' });
    entry?.focus();
  };
  const sendScan = (e: FormEvent) => {
    e.preventDefault();
    sim.scanned(scanText);
    setScanText('');
  };

  return (
    <div className="sim">
      <section className="card sim-settings" aria-label={t('sim.settings')}>
        <header className="card__header">
          <h3 className="card__title">{t('sim.heading')}</h3>
        </header>
        <p className="muted">{t('sim.intro')}</p>
        <div className="sim-settings__grid">
          <LabField id={`${id}-url`} label={t('sim.url')} value={s.url} onChange={(url) => slot.patch({ url })} help={t('sim.urlHelp')} />
          <fieldset className="sim-settings__mode">
            <legend>{t('sim.mode')}</legend>
            {MODES.map((mode) => (
              <label key={mode} className={`choice choice--compact${s.mode === mode ? ' choice--on' : ''}`}>
                <input type="radio" name={`${id}-mode`} value={mode} checked={s.mode === mode} onChange={() => slot.patch({ mode })} aria-describedby={`${id}-mode-help`} />
                <span>{t(`sim.mode.${mode}` as SimKey)}</span>
              </label>
            ))}
            <p id={`${id}-mode-help`} className="field__help">
              {t('sim.modeHelp')}
            </p>
          </fieldset>
          <div className="field sim-settings__forge">
            <label className="choice choice--compact">
              <input type="checkbox" checked={s.forge} onChange={(e) => slot.patch({ forge: e.target.checked })} aria-describedby={`${id}-forge-help`} />
              <span>{t('sim.forge')}</span>
            </label>
            <p id={`${id}-forge-help`} className="field__help">
              {t('sim.forgeHelp')}
            </p>
          </div>
        </div>
        <Followers followers={s.followers} openId={s.openId} onSelect={(openId) => slot.patch({ openId })} onSave={(f) => sim.saveFollowers(f)} />
        {s.loadError ? <ErrorNote error={s.loadError} heading={t('sim.loadFailed')} role="alert" /> : null}
      </section>

      <div className="sim__main">
        <div className="sim__phone" ref={phoneRef}>
          <Phone
            title={account.label}
            bottom={
              showMenu ? (
                <MenuBar menu={menu} onTap={(b) => sim.tap(b)} onKeyboard={() => switchTo(true)} />
              ) : (
                <InputBar onSend={(text) => void sim.send(sim.input('text', { fields: { Content: text } }))} {...(menu ? { onMenu: () => switchTo(false) } : {})} />
              )
            }
          >
            <ChatView items={items} onShowExchange={showExchange} />
          </Phone>
          {s.scanning ? (
            <form className="card sim-scan" aria-label={t('sim.scanAsk')} onSubmit={sendScan}>
              <p className="card__title">{t('sim.scanAsk')}</p>
              <label htmlFor={`${id}-scan`} className="field__label">
                {t('sim.scanText')}
              </label>
              <input id={`${id}-scan`} type="text" autoFocus spellCheck={false} value={scanText} onChange={(e) => setScanText(e.target.value)} />
              <div className="sim-scan__actions">
                <button type="submit" className="btn btn--primary btn--small">
                  {t('sim.scanSend')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => slot.patch({ scanning: null })}>
                  {t('sim.cancel')}
                </button>
              </div>
            </form>
          ) : null}
          {s.error ? <ErrorNote error={s.error} heading={t('sim.sendFailed')} role="alert" appId={account.appId} /> : null}
          <MenuSource slot={slot} appId={account.appId} />
        </div>
        <div className="sim__side">
          <PushPanel sim={sim} sending={s.sending > 0} />
          <SimLog ref={logRef} log={s.log} retrying={s.retrying} onRetry={(x) => void sim.retry(x)} onClear={() => void sim.clear()} />
        </div>
      </div>
    </div>
  );
}
