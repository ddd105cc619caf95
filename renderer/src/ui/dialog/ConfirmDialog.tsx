import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { dialogStrings } from './strings';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * An in-page modal question (native <dialog>: focus stays inside, Escape cancels). Cancel comes
 * first and takes the focus, so Enter never confirms by accident. Render it only while asking.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useI18n(dialogStrings);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  // Layout effect: its cleanup runs while the dialog is still in the page, so closing it hands the
  // focus back to the button that opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`} className="dialog__title">
        {title}
      </h2>
      <div id={`${id}-body`} className="dialog__body">
        {children}
      </div>
      <div className="dialog__actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('dialog.cancel')}
        </button>
        <button type="button" className="btn btn--danger" onClick={onConfirm}>
          {confirmLabel ?? t('dialog.confirm')}
        </button>
      </div>
    </dialog>
  );
}
