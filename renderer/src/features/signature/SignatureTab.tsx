import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorView } from '../../../../electron/contract';
import type { AccountTabProps } from '../../app/memory';
import { api } from '../../bridge';
import { useI18n } from '../../i18n';
import { labSlot, rebaseLab, routePaste, type CryptoState, type JssdkFields, type LabPane, type SafeFields, type ServerFields, type WxConfigState } from './lab';
import { useSlot, type Update } from '../../slot';
import { asErrorView } from '../../state';
import { FlashRegion, useFlash } from '../../ui/Flash';
import { JssdkPane } from './JssdkPane';
import { PasteCallback } from './PasteCallback';
import { SafeModePane } from './SafeModePane';
import { ServerPane } from './ServerPane';
import { Tabs, panelId, tabId, type TabSpec } from '../../ui/Tabs';
import { signatureStrings, type SignatureKey } from './strings';

const FILLED_LABELS: Record<'server' | 'safe', Partial<Record<keyof SafeFields, SignatureKey>>> = {
  server: { timestamp: 'sig.timestamp', nonce: 'sig.nonce', signature: 'sig.signatureToCheck' },
  safe: { timestamp: 'sig.timestamp', nonce: 'sig.nonce', signature: 'sig.msgSignatureToCheck', encrypt: 'sig.encrypt' },
};

/**
 * The signature lab: Server, Safe mode and JS-SDK panes over one set of fields, pre-filled from the
 * account. What was typed (and the pane) lives in the account's lab slot, so it outlasts the tab.
 */
export function SignatureTab({ account, memory }: AccountTabProps) {
  const { t, lang } = useI18n(signatureStrings);
  const lab = labSlot(memory, account);
  const id = useId();
  const { pane, fields, paste, crypto, wxConfig } = useSlot(lab);
  const setPane = (next: LabPane) => lab.set((l) => (l.pane === next ? l : { ...l, pane: next }));
  const setPaste = (text: string) => lab.set((l) => ({ ...l, paste: text }));
  const [pasting, setPasting] = useState(false);
  const [pasteError, setPasteError] = useState<ErrorView | null>(null);
  const [pasteProblem, setPasteProblem] = useState<string | null>(null);
  // "Filled … from the paste" shows in the pane it filled, and only there.
  const [flash, setFlash] = useFlash(8000);
  const [flashPane, setFlashPane] = useState<LabPane>('server');
  const pendingFlash = useRef<string | null>(null);
  const panels = useRef(new Map<LabPane, HTMLDivElement>());
  const focusPane = useRef<LabPane | null>(null);

  // The account was edited meanwhile: fields still at its old Token or EncodingAESKey follow.
  useEffect(() => lab.set((l) => rebaseLab(l, account)), [lab, account]);

  // After a paste moved to another pane, focus follows it (the Fill button it was on is gone), and
  // the note is written once that pane shows, so its live region announces it.
  useEffect(() => {
    if (focusPane.current === pane) panels.current.get(pane)?.focus();
    focusPane.current = null;
    if (pendingFlash.current !== null) setFlash(pendingFlash.current);
    pendingFlash.current = null;
  }, [pane, setFlash]);

  const tabs: TabSpec<LabPane>[] = [
    { id: 'server', label: t('sig.server') },
    { id: 'safe', label: t('sig.safe') },
    { id: 'jssdk', label: t('sig.jssdk') },
  ];

  const setServer = (patch: Partial<ServerFields>) => lab.set((l) => ({ ...l, fields: { ...l.fields, server: { ...l.fields.server, ...patch } } }));
  const setSafe = (patch: Partial<SafeFields>) => lab.set((l) => ({ ...l, fields: { ...l.fields, safe: { ...l.fields.safe, ...patch } } }));
  const setJssdk = (patch: Partial<JssdkFields>) => lab.set((l) => ({ ...l, fields: { ...l.fields, jssdk: { ...l.fields.jssdk, ...patch } } }));
  const setCrypto = (update: Update<CryptoState>) => lab.set((l) => ({ ...l, crypto: typeof update === 'function' ? update(l.crypto) : update }));
  const setWxConfig = (update: Update<WxConfigState>) => lab.set((l) => ({ ...l, wxConfig: typeof update === 'function' ? update(l.wxConfig) : update }));

  const fill = async () => {
    setPasting(true);
    setPasteError(null);
    setPasteProblem(null);
    try {
      const found = routePaste(await api.parseCallback(paste));
      if (!found) {
        setPasteProblem(t('sig.pasteNothing'));
        return;
      }
      setServer(found.server);
      setSafe(found.safe);
      const labels = FILLED_LABELS[found.pane];
      const names = Object.keys(found[found.pane]).flatMap((k) => {
        const key = labels[k as keyof SafeFields];
        return key ? [t(key)] : [];
      });
      const note = t('sig.filled', { fields: new Intl.ListFormat(lang, { type: 'conjunction' }).format(names), pane: t(`sig.${found.pane}`) });
      setFlashPane(found.pane);
      if (found.pane !== lab.get().pane) {
        focusPane.current = found.pane;
        pendingFlash.current = note;
        setFlash('');
        setPane(found.pane);
      } else setFlash(note);
    } catch (e) {
      setPasteError(asErrorView(e));
    } finally {
      setPasting(false);
    }
  };

  const pasteCard = (
    <PasteCallback
      text={paste}
      onText={(text) => {
        setPaste(text);
        setPasteProblem(null);
      }}
      busy={pasting}
      error={pasteError}
      problem={pasteProblem}
      onFill={() => void fill()}
    />
  );

  return (
    <div className="lab">
      <Tabs<LabPane> label={t('sig.tabsLabel')} idBase={id} tabs={tabs} selected={pane} onSelect={setPane} variant="pills" />
      {tabs.map(({ id: key }) => (
        <div
          key={key}
          ref={(el) => {
            if (el) panels.current.set(key, el);
            else panels.current.delete(key);
          }}
          role="tabpanel"
          id={panelId(id, key)}
          aria-labelledby={pane === key ? tabId(id, key) : undefined}
          hidden={pane !== key}
          tabIndex={0}
          className="lab__pane"
        >
          <FlashRegion message={flashPane === key ? flash : ''} className="lab__flash" />
          {pane !== key ? null : key === 'server' ? (
            <ServerPane fields={fields.server} onChange={setServer} paste={pasteCard} />
          ) : key === 'safe' ? (
            <SafeModePane fields={fields.safe} onChange={setSafe} paste={pasteCard} crypto={crypto} onCrypto={setCrypto} />
          ) : (
            <JssdkPane account={account} fields={fields.jssdk} onChange={setJssdk} wxConfig={wxConfig} onWxConfig={setWxConfig} />
          )}
        </div>
      ))}
    </div>
  );
}
