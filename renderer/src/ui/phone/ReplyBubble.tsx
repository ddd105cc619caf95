// One reply as the follower sees it. Text keeps its line breaks and shows <a href> as links (http(s)
// only); cards name their MediaId or title; news are article cards (a picture only from http(s));
// a reply WeChat would not show is the line the follower gets, with its cause and a way to the log.
import type { ReplyView } from '../../../../electron/contract';
import { useI18n } from '../../i18n';
import { httpUrl, replyTextParts } from './reply-text';
import { CANNOT_SERVE, phoneStrings, type PhoneKey } from './strings';

interface Props {
  reply: ReplyView;
  onShowExchange(): void;
}

const Link = ({ href, children }: { href: string; children: string }) => (
  <a href={href} target="_blank" rel="noopener noreferrer">
    {children}
  </a>
);

/**
 * The article's picture, drawn as a frame naming the file: the page loads nothing from other hosts
 * (its CSP allows images from itself only), so a reply cannot make it call out.
 */
function NewsPicture({ url, label }: { url: string; label: string }) {
  const { pathname, host } = new URL(url);
  const file = pathname.split('/').filter(Boolean).pop() ?? '';
  return (
    <span className="news__pic" title={url}>
      {label}: {host}
      {file ? `/…/${file}` : ''}
    </span>
  );
}

export function ReplyBubble({ reply, onShowExchange }: Props) {
  const { t, problem } = useI18n(phoneStrings);
  const card = (label: PhoneKey, title: string | undefined, detail: string | undefined) => (
    <div className="bubble bubble--account reply-card">
      <span className="reply-card__kind">{t(label)}</span>
      {title ? <span className="reply-card__title">{title}</span> : null}
      {detail ? <span className="reply-card__detail">{detail}</span> : null}
    </div>
  );
  switch (reply.kind) {
    case 'none':
      return <p className="chat__system">{t('phone.noReply')}</p>;
    case 'text':
      return (
        <p className="bubble bubble--account bubble--text">
          {replyTextParts(reply.content).map((part, i) =>
            part.kind === 'link' ? (
              <Link key={i} href={part.href}>
                {part.text}
              </Link>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </p>
      );
    case 'image':
      return card('phone.image', undefined, t('phone.mediaId', { id: reply.mediaId }));
    case 'voice':
      return card('phone.voice', undefined, t('phone.mediaId', { id: reply.mediaId }));
    case 'video':
      return card('phone.video', reply.title ?? t('phone.untitled'), [reply.description, t('phone.mediaId', { id: reply.mediaId })].filter(Boolean).join(' · '));
    case 'music':
      return card('phone.music', reply.title ?? t('phone.untitled'), reply.description);
    case 'news':
      return (
        <ul className="bubble bubble--account news" aria-label={t('phone.articles')}>
          {reply.articles.map((a, i) => {
            const pic = httpUrl(a.picUrl);
            const url = httpUrl(a.url);
            return (
              <li key={i} className={`news__item${i === 0 ? ' news__item--lead' : ''}`}>
                {pic ? <NewsPicture url={pic} label={t('phone.picture')} /> : null}
                <span className="news__title">{url ? <Link href={url}>{a.title || t('phone.untitled')}</Link> : a.title || t('phone.untitled')}</span>
                {a.description ? <span className="news__desc">{a.description}</span> : null}
              </li>
            );
          })}
        </ul>
      );
    case 'transfer_customer_service':
      return <p className="chat__system">{t('phone.transfer')}</p>;
    case 'cannot_serve':
      return (
        <div className="chat__cannot" role="group" aria-label={CANNOT_SERVE}>
          <p className="chat__system chat__system--fail">{CANNOT_SERVE}</p>
          <p className="chat__cause">{t('phone.cannotServeWhy', { cause: problem(reply.cause) })}</p>
          <button type="button" className="btn-link chat__to-log" onClick={onShowExchange}>
            {t('phone.seeExchange')}
          </button>
        </div>
      );
  }
}
