// Media: upload temporary media (media/upload: image, voice, video, thumb) or an article image
// (media/uploadimg) from a file input (the desktop app's file picker is the same input), checked for
// size and name before anything is read or sent; the uploads with their media_id and expiry.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorView, MediaKind, MediaLimit, MediaUploadView } from '../../../../../electron/contract';
import { api } from '../../../bridge';
import { useI18n } from '../../../i18n';
import { useSlot } from '../../../slot';
import { Slot } from '../../../slot';
import { asErrorView } from '../../../state';
import { ErrorNote } from '../../../ui/ErrorNote';
import { FlashRegion, useFlash } from '../../../ui/Flash';
import { CopyButton } from '../../../ui/tools/CopyButton';
import type { ChorePanelProps } from '../ChoresTab';
import { MEDIA_KINDS, base64Of, checkPicked, sizeText, type MediaProblem } from './media-check';
import { mediaStrings } from './strings';

interface MediaState {
  limits: MediaLimit[];
  list: MediaUploadView[];
  loadError: ErrorView | null;
  kind: MediaKind;
  uploading: boolean;
  error: ErrorView | null;
  last: MediaUploadView | null;
}

export function MediaPanel({ account, memory }: ChorePanelProps) {
  const { t, time } = useI18n(mediaStrings);
  const id = useId();
  const slot = memory.keep('chores-media', () => new Slot<MediaState>({ limits: [], list: [], loadError: null, kind: 'image', uploading: false, error: null, last: null }));
  const s = useSlot(slot);
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const [flash, setFlash] = useFlash();
  const limit = s.limits.find((l) => l.kind === s.kind);

  useEffect(() => {
    const read = async () => {
      try {
        const [limits, list] = await Promise.all([api.mediaLimits(), api.mediaList(account.appId)]);
        slot.patch({ limits, list, loadError: null });
      } catch (e) {
        slot.patch({ loadError: asErrorView(e) });
      }
    };
    void read();
    return api.onChange((ev) => {
      if (ev.type === 'chores' && ev.appId === account.appId) void api.mediaList(account.appId).then((list) => slot.patch({ list }), () => undefined);
    });
  }, [slot, account.appId]);

  // The check runs when a file is picked and when the kind changes: a refused file is never read.
  useEffect(() => setProblem(file ? checkPicked(limit, file) : null), [file, limit]);

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || s.uploading) return;
    const refused = checkPicked(limit, file);
    setProblem(refused);
    if (refused) return;
    slot.patch({ uploading: true, error: null, last: null });
    try {
      const last = await api.mediaUpload({ appId: account.appId, kind: s.kind, fileName: file.name, base64: await base64Of(file) });
      slot.set((st) => ({ ...st, uploading: false, last, list: [last, ...st.list.filter((m) => !(m.createdAt === last.createdAt && m.fileName === last.fileName))] }));
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
    } catch (err) {
      slot.patch({ uploading: false, error: asErrorView(err) });
    }
  };

  const problemText = (p: MediaProblem) =>
    p.problem === 'empty' ? t('media.empty') : p.problem === 'tooLarge' ? t('media.tooLarge', { size: sizeText(p.size), max: sizeText(p.max), kind: t(`media.kind.${s.kind}`) }) : t('media.badName', { allowed: p.allowed });

  return (
    <>
      <form className="card chores-form" aria-labelledby={`${id}-title`} onSubmit={(e) => void upload(e)}>
        <h3 id={`${id}-title`} className="card__title">
          {t('media.heading')}
        </h3>
        {s.loadError ? <ErrorNote error={s.loadError} heading={t('media.loadFailed')} appId={account.appId} /> : null}
        <div className="chores-row">
          <div className="field">
            <label htmlFor={`${id}-kind`} className="field__label">
              {t('media.kind')}
            </label>
            <select id={`${id}-kind`} value={s.kind} onChange={(e) => slot.patch({ kind: e.target.value as MediaKind })}>
              {MEDIA_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`media.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`} className="field__label">
              {t('media.file')}
            </label>
            <input
              ref={fileRef}
              id={`${id}-file`}
              type="file"
              accept={limit ? limit.extensions.map((x) => `.${x}`).join(',') : undefined}
              aria-invalid={problem ? true : undefined}
              aria-describedby={`${id}-limit${problem ? ` ${id}-problem` : ''}`}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="btn btn--primary" disabled={!file || !!problem || s.uploading}>
            {s.uploading ? t('media.uploading') : t('media.upload')}
          </button>
        </div>
        <p id={`${id}-limit`} className="field__help">
          {limit ? t('media.limit', { kind: t(`media.kind.${s.kind}`), max: sizeText(limit.maxBytes), ext: limit.extensions.join(', ') }) : ''} {s.kind === 'uploadimg' ? t('media.permanent') : t('media.temporary')}
        </p>
        {problem ? (
          <p id={`${id}-problem`} className="field__error" role="alert">
            {problemText(problem)} {t('media.notSent')}
          </p>
        ) : null}
        {s.error ? <ErrorNote error={s.error} heading={t('media.failed')} role="alert" appId={account.appId} /> : null}
        <div role="status" aria-live="polite">
          {s.last ? <p>{s.last.mediaId ? t('media.uploaded', { name: s.last.fileName, id: s.last.mediaId }) : t('media.uploadedUrl', { name: s.last.fileName, url: s.last.url ?? '' })}</p> : null}
        </div>
      </form>

      <section className="card" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`} className="card__title">
          {t('media.list')}
        </h3>
        {s.list.length === 0 ? (
          <p className="muted">{t('media.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="chores-table" aria-labelledby={`${id}-list`}>
              <thead>
                <tr>
                  <th scope="col">{t('media.file')}</th>
                  <th scope="col">{t('media.kind')}</th>
                  <th scope="col">{t('media.idOrUrl')}</th>
                  <th scope="col">{t('media.expires')}</th>
                </tr>
              </thead>
              <tbody>
                {s.list.map((m) => (
                  <tr key={`${m.createdAt}-${m.mediaId ?? m.url}`}>
                    <td>
                      {m.fileName} <span className="muted">({sizeText(m.size)})</span>
                    </td>
                    <td>{t(`media.kind.${m.kind}`)}</td>
                    <td>
                      <code>{m.mediaId ?? m.url}</code> <CopyButton text={m.mediaId ?? m.url ?? ''} what={m.mediaId ? 'media_id' : 'URL'} onFlash={setFlash} />
                    </td>
                    <td>{m.expiresAt === null ? t('media.never') : m.expiresAt <= Date.now() ? t('media.expired', { at: time(m.expiresAt) }) : time(m.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <FlashRegion message={flash} />
      </section>
    </>
  );
}
