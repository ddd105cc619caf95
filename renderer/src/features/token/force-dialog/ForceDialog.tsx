import type { TokenView } from '../../../../../electron/contract';
import { useI18n } from '../../../i18n';
import { ConfirmDialog } from '../../../ui/dialog/ConfirmDialog';
import { forceDialogStrings } from './strings';

export interface ForceDialogProps {
  /** The stable token's daily force_refresh allowance; null for a classic token. */
  force: TokenView['force'] | null;
  onCancel(): void;
  onConfirm(): void;
}

/** "Force a new token?": what it retires, for whom, and what is left of the day's allowance. */
export function ForceDialog({ force, onCancel, onConfirm }: ForceDialogProps) {
  const { t } = useI18n(forceDialogStrings);
  return (
    <ConfirmDialog title={t('force.title')} onCancel={onCancel} onConfirm={onConfirm}>
      <p>{force ? t('force.bodyStable', { remaining: force.remaining, limit: force.limit }) : t('force.bodyClassic')}</p>
    </ConfirmDialog>
  );
}
