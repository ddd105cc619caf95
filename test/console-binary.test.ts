// The Console tab's file helpers (renderer/src/features/console/binary.ts): the page's size limit is
// the core's, a saved answer's file name comes from the request and its content type, sizes read as people read them.
import { describe, expect, it } from 'vitest';
import { MAX_MEDIA_BYTES } from '../electron/core/chores/media';
import { CONSOLE_FILE_MAX_BYTES, extensionOf, isImage, saveName, sizeText } from '../renderer/src/features/console/binary';

describe('console files', () => {
  it('the page refuses past the limit the core checks', () => {
    expect(CONSOLE_FILE_MAX_BYTES).toBe(MAX_MEDIA_BYTES);
  });

  it('a saved answer is named from the API, its media_id or ticket, and the content type', () => {
    expect(saveName('/cgi-bin/media/get', [['media_id', 'abc_DEF-1']], 'audio/amr')).toBe('get-abc_DEF-1.amr');
    expect(saveName('/cgi-bin/showqrcode', [['ticket', 'gQ+/==']], 'image/jpg')).toBe('showqrcode-gQ_.jpg');
    expect(saveName('/cgi-bin/x', [], 'application/vnd.weird+json; charset=utf-8')).toBe('x.bin');
    expect(saveName('/cgi-bin/media/get', [['media_id', '../../etc/passwd']], 'video/mp4')).toBe('get-.._.._etc_passwd.mp4');
    expect(extensionOf('IMAGE/JPEG')).toBe('jpg');
    expect(extensionOf('audio/ogg')).toBe('ogg');
  });

  it('only image types are previewed', () => {
    const b = (contentType: string) => ({ contentType, size: 1, base64: 'AA==' });
    expect(isImage(b('image/png'))).toBe(true);
    expect(isImage(b('image/svg+xml; charset=utf-8'))).toBe(true);
    expect(isImage(b('text/html'))).toBe(false);
    expect(isImage(b('image/png"><script>'))).toBe(false);
  });

  it('sizes', () => {
    expect([sizeText(429), sizeText(2048), sizeText(10 * 1024 * 1024), sizeText(10 * 1024 * 1024 + 1)]).toEqual(['429 B', '2 KB', '10 MB', '10.0 MB']);
  });
});
