// The Test account tab: a test account's daily chores done visually (issue 25), one panel each:
// followers and tags, template messages, QR codes, media. Each panel's code loads when it is first
// opened; what a panel keeps lives in the account's memory, so it is found again as it was.
import { useId } from 'react';
import type { AccountTabProps } from '../../app/memory';
import { useI18n } from '../../i18n';
import { useSlot, type Slot } from '../../slot';
import { LazyPanel, loadable, type Loadable } from '../../ui/LazyPanel';
import { Tabs, panelId, tabId } from '../../ui/Tabs';
import { CHORE_PANELS, choresSlot, type ChorePanel, type ChoresState } from './chores-state';
import { choresStrings } from './strings';

/** What each panel is given: the account, its memory, and the tab's own slot. */
export interface ChorePanelProps extends AccountTabProps {
  chores: Slot<ChoresState>;
}

const PANELS: Record<ChorePanel, Loadable<ChorePanelProps>> = {
  followers: loadable(() => import('./followers/FollowersPanel').then((m) => m.FollowersPanel)),
  templates: loadable(() => import('./templates/TemplatesPanel').then((m) => m.TemplatesPanel)),
  qr: loadable(() => import('./qr/QrPanel').then((m) => m.QrPanel)),
  media: loadable(() => import('./media/MediaPanel').then((m) => m.MediaPanel)),
};

export function ChoresTab({ account, memory }: AccountTabProps) {
  const { t } = useI18n(choresStrings);
  const id = useId();
  const chores = choresSlot(memory);
  const { panel } = useSlot(chores);
  const tabs = CHORE_PANELS.map((p) => ({ id: p, label: t(`chores.panel.${p}`) }));
  return (
    <div className="chores">
      <p className="muted">{t('chores.intro')}</p>
      <Tabs<ChorePanel> label={t('chores.panels')} idBase={id} tabs={tabs} selected={panel} onSelect={(p) => chores.patch({ panel: p })} variant="pills" />
      {tabs.map(({ id: p, label }) => (
        <div key={p} role="tabpanel" id={panelId(id, p)} aria-labelledby={panel === p ? tabId(id, p) : undefined} hidden={panel !== p} tabIndex={0} className="chores__panel">
          {panel === p ? <LazyPanel of={PANELS[p]} loading={t('chores.loading', { name: label })} failed={t('chores.failed', { name: label })} props={{ account, memory, chores }} /> : null}
        </div>
      ))}
    </div>
  );
}
