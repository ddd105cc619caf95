import { useI18n } from '../../../i18n';
import { ConfirmDialog } from '../../../ui/dialog/ConfirmDialog';
import { removeDialogStrings } from './strings';

export interface RemoveDialogProps {
  label: string;
  onCancel(): void;
  onConfirm(): void;
}

/** "Remove {label}?": what goes (the account, its secret, its token) and what does not (WeChat's side). */
export function RemoveDialog({ label, onCancel, onConfirm }: RemoveDialogProps) {
  const { t } = useI18n(removeDialogStrings);
  return (
    <ConfirmDialog title={t('account.removeTitle', { label })} confirmLabel={t('account.removeConfirm')} onCancel={onCancel} onConfirm={onConfirm}>
      <p>{t('account.removeBody')}</p>
    </ConfirmDialog>
  );
}
