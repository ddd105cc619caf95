// A button for every push WeChat sends (messages and events), each with a small form and its
// defaults, Send, and "Edit XML" to see and change the exact XML before it goes.
import { useId, useState } from 'react';
import type { PushPreview } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { asErrorView } from '../../state';
import { PUSHES, filledFields, type PushSpec } from './push-kinds';
import { api } from '../../bridge';
import type { Simulator } from './sim-state';
import { simulatorStrings, type SimKey } from './strings';
import { XmlEditor } from './XmlEditor';

const nameKey = (spec: PushSpec) => `push.k.${spec.id}` as SimKey;

export function PushPanel({ sim, sending }: { sim: Simulator; sending: boolean }) {
  const { t } = useI18n(simulatorStrings);
  const id = useId();
  const [chosen, setChosen] = useState<PushSpec>(PUSHES[0]!);
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [xml, setXml] = useState<{ text: string; problems: PushPreview['problems'] } | null>(null);
  const [checking, setChecking] = useState(false);
  const shown = values[chosen.id] ?? Object.fromEntries(chosen.fields);
  const name = t(nameKey(chosen));

  const choose = (spec: PushSpec) => {
    setChosen(spec);
    setXml(null);
  };
  const preview = async (input: Parameters<typeof api.simulatorPreview>[0]): Promise<PushPreview | null> => {
    setChecking(true);
    try {
      return await api.simulatorPreview(input);
    } catch (e) {
      sim.slot.patch({ error: asErrorView(e) });
      return null;
    } finally {
      setChecking(false);
    }
  };
  const openXml = async () => {
    const p = await preview(sim.input(chosen.kind, { fields: filledFields(shown) }));
    if (p) setXml({ text: p.xml, problems: p.problems });
  };
  const check = async (text: string) => {
    const p = await preview(sim.input(chosen.kind, { xml: text }));
    if (p) setXml({ text, problems: p.problems });
    return p;
  };
  const sendXml = async () => {
    if (!xml) return;
    const p = await check(xml.text);
    if (p && p.problems.length === 0) await sim.send(sim.input(chosen.kind, { xml: xml.text }));
  };

  const group = (g: PushSpec['group'], label: SimKey) => (
    <div className="sim-push__group" role="group" aria-label={t(label)}>
      <span className="sim-push__group-label" aria-hidden="true">
        {t(label)}
      </span>
      {PUSHES.filter((p) => p.group === g).map((spec) => (
        <button key={spec.id} type="button" className={`btn btn--small sim-push__kind${spec.id === chosen.id ? ' sim-push__kind--on' : ''}`} aria-pressed={spec.id === chosen.id} onClick={() => choose(spec)}>
          {t(nameKey(spec))}
        </button>
      ))}
    </div>
  );

  return (
    <section className="card sim-push" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card__title">
        {t('push.heading')}
      </h3>
      {group('message', 'push.messages')}
      {group('event', 'push.events')}
      <form
        className="sim-push__form"
        aria-label={t('push.form', { name })}
        onSubmit={(e) => {
          e.preventDefault();
          void sim.send(sim.input(chosen.kind, { fields: filledFields(shown) }));
        }}
      >
        {chosen.fields.length === 0 ? <p className="muted">{t('push.noFields')}</p> : null}
        <div className="sim-push__fields">
          {chosen.fields.map(([field]) => (
            <label key={field} className="sim-push__field">
              <span className="field__label">{field}</span>
              <input type="text" spellCheck={false} value={shown[field] ?? ''} onChange={(e) => setValues({ ...values, [chosen.id]: { ...shown, [field]: e.target.value } })} />
            </label>
          ))}
        </div>
        <div className="sim-push__actions">
          <button type="submit" className="btn btn--primary btn--small" disabled={sending}>
            {sending ? t('sim.sending') : t('push.send', { name })}
          </button>
          <button type="button" className="btn btn--small" aria-expanded={xml !== null} disabled={checking} onClick={() => void openXml()}>
            {t('push.editXml')}
          </button>
        </div>
      </form>
      {xml ? (
        <XmlEditor
          xml={xml.text}
          problems={xml.problems}
          checking={checking}
          busy={sending}
          onChange={(text) => setXml({ text, problems: [] })}
          onCheck={() => void check(xml.text)}
          onSend={() => void sendXml()}
          onClose={() => setXml(null)}
        />
      ) : null}
    </section>
  );
}
