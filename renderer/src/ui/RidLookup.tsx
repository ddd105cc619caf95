// An error's rid, looked up on demand: the toggle is part of every error note; what WeChat stored
// for the rid (features/rid/) loads the first time one is looked up.
import { useI18n } from '../i18n';
import { LazyPanel, loadable } from './LazyPanel';

/** The "Look up rid" toggle: a small button that says whether its details are shown. */
export function RidButton({ open, onToggle, controls }: { open: boolean; onToggle(): void; controls?: string }) {
  const { t } = useI18n();
  return (
    <button type="button" className="btn btn--small btn--ghost" aria-expanded={open} aria-controls={open ? controls : undefined} onClick={onToggle}>
      {t('rid.lookup')}
    </button>
  );
}

const details = loadable<{ appId: string; rid: string; id?: string }>(() => import('../features/rid/StoredRid').then((m) => m.StoredRid));

/**
 * What WeChat stored for a rid (openapi/rid/get), fetched when shown. The wrapper carries the id
 * the toggle's aria-controls names, so it points at something while the code and the answer load.
 */
export function RidDetails({ id, ...props }: { appId: string; rid: string; id?: string }) {
  const { t } = useI18n();
  return (
    <div id={id}>
      <LazyPanel of={details} loading={t('rid.looking', { rid: props.rid })} failed={t('rid.failed')} props={props} compact />
    </div>
  );
}
