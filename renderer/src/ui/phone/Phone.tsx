// A phone-shaped frame: the account's name on top, the chat, and the bottom bar (the menu or the
// input). Pure drawing: what it shows comes in as props, what the user does goes out as callbacks.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { phoneStrings } from './strings';

interface Props {
  /** The account's name, as the chat's title shows it. */
  title: string;
  /** The chat (ChatView). */
  children: ReactNode;
  /** The bottom bar: MenuBar, InputBar, or both with a switch. */
  bottom: ReactNode;
}

export function Phone({ title, children, bottom }: Props) {
  const { t } = useI18n(phoneStrings);
  return (
    <section className="phone" aria-label={t('phone.label', { name: title })}>
      <header className="phone__top">
        <span className="phone__notch" aria-hidden="true" />
        <p className="phone__title">{title}</p>
      </header>
      {/* The chat scrolls inside the phone: a tab stop, so the keyboard scrolls it too (arrow keys). */}
      <div className="phone__screen" tabIndex={0}>
        {children}
      </div>
      <footer className="phone__bottom">{bottom}</footer>
    </section>
  );
}
