import { useId } from 'react';
import type { ConsoleBinary, ConsoleRequestView } from '../../../../electron/contract';
import { bytesOf, isImage, mediaType, saveName, sizeText } from './binary';
import { useI18n } from '../../i18n';
import { useFlash, FlashRegion } from '../../ui/Flash';
import { consoleStrings } from './strings';

/**
 * A binary answer (media/get, showqrcode), never dumped as text: its type and size, a picture
 * previewed (a data: URL, which the page's CSP allows for images), and a Save button for any type
 * that writes the bytes as a file named from the request and the content type.
 */
export function BinaryAnswer({ binary, request }: { binary: ConsoleBinary; request: ConsoleRequestView }) {
  const { t } = useI18n(consoleStrings);
  const id = useId();
  const [flash, setFlash] = useFlash();
  const image = isImage(binary);
  const name = saveName(request.path, request.query, binary.contentType);

  const save = () => {
    const url = URL.createObjectURL(new Blob([bytesOf(binary)], { type: mediaType(binary.contentType) || 'application/octet-stream' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    // The download has its own copy of the bytes once started: the URL is released on the next turn.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    setFlash(t('console.binarySaved', { name }));
  };

  return (
    <div className="console-binary" role="group" aria-labelledby={`${id}-what`}>
      <p id={`${id}-what`} className="console-binary__what">
        {t(image ? 'console.binaryImage' : 'console.binaryFile', { type: binary.contentType, size: sizeText(binary.size) })}
      </p>
      {image ? <img className="console-binary__img" src={`data:${mediaType(binary.contentType)};base64,${binary.base64}`} alt={t('console.binaryAlt', { path: request.path, type: binary.contentType })} /> : null}
      <div className="console-binary__actions">
        <button type="button" className="btn" onClick={save}>
          {t('console.binarySave', { name })}
        </button>
        <FlashRegion message={flash} className="token-card__flash" />
      </div>
    </div>
  );
}
