// The QR code drawn in the page from WeChat's url (qr.ts), and Save as PNG.
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../../i18n';
import { QUIET, pngName, qrModules } from '../qr';
import { qrStrings } from './strings';

/** Draws the code on a canvas, black on white whatever the theme, `scale` pixels a module. */
function drawQr(canvas: HTMLCanvasElement, modules: boolean[][], scale: number): void {
  const size = (modules.length + QUIET * 2) * scale;
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000000';
  modules.forEach((row, r) => row.forEach((dark, c) => dark && ctx.fillRect((c + QUIET) * scale, (r + QUIET) * scale, scale, scale)));
}

export function QrCanvas({ url, scene }: { url: string; scene: string }) {
  const { t } = useI18n(qrStrings);
  const ref = useRef<HTMLCanvasElement>(null);
  const modules = useMemo(() => qrModules(url), [url]);
  useEffect(() => {
    if (ref.current) drawQr(ref.current, modules, 8);
  }, [modules]);
  const save = () =>
    ref.current?.toBlob((blob) => {
      if (!blob) return;
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = pngName(scene);
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    }, 'image/png');
  return (
    <figure className="chores-qr__code">
      <canvas ref={ref} role="img" aria-label={t('qr.image', { url })} data-url={url} />
      <figcaption>
        <button type="button" className="btn btn--small" onClick={save}>
          {t('qr.savePng')}
        </button>
      </figcaption>
    </figure>
  );
}
