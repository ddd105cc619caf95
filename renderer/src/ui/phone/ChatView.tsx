// The conversation: the follower's messages on the right, the account's replies on the left (drawn
// from ReplyView as WeChat shows them), system lines in the middle. Pure: props in, callbacks out.
import { useEffect, useRef } from 'react';
import type { ReplyView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { ReplyBubble } from './ReplyBubble';
import { phoneStrings } from './strings';

export type ChatItem =
  /** What the follower did, in words ("Hello", "Tapped 今日歌曲", "[Location] …"). */
  | { id: string; side: 'follower'; text: string }
  /** The account's answer to the exchange exchangeId of the log. */
  | { id: string; side: 'account'; reply: ReplyView; exchangeId: string }
  /** A line of the phone's own (a view button's URL, a mini program opened). */
  | { id: string; side: 'system'; text: string };

interface Props {
  items: ChatItem[];
  /** The cannot-serve line's link: shows that exchange in the log. */
  onShowExchange(exchangeId: string): void;
}

export function ChatView({ items, onShowExchange }: Props) {
  const { t } = useI18n(phoneStrings);
  const list = useRef<HTMLOListElement>(null);
  const count = items.length;
  // The newest line in view, as on the phone: the screen scrolls, never the page around it.
  useEffect(() => {
    const screen = list.current?.parentElement;
    if (screen) screen.scrollTop = screen.scrollHeight;
  }, [count]);

  return (
    <ol ref={list} className="chat" aria-label={t('phone.chat')} aria-live="polite">
      {items.length === 0 ? <li className="chat__empty muted">{t('phone.empty')}</li> : null}
      {items.map((item) => (
        <li key={item.id} className={`chat__row chat__row--${item.side}`}>
          <span className="sr-only">{t(item.side === 'follower' ? 'phone.follower' : item.side === 'account' ? 'phone.account' : 'phone.system')}: </span>
          {item.side === 'account' ? (
            <ReplyBubble reply={item.reply} onShowExchange={() => onShowExchange(item.exchangeId)} />
          ) : (
            <p className={item.side === 'follower' ? 'bubble bubble--follower' : 'chat__system'}>{item.text}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
