// A QR code drawn in the page from the `url` WeChat returns for a ticket (qrcode/create), with
// qrcode-generator: no image is fetched from WeChat or any other host (the page's CSP allows none).
// The url is encoded as its UTF-8 bytes, at error correction M, with WeChat's 4-module quiet zone.
import qrcode from 'qrcode-generator';

/** The modules of the code, row by row (true = dark). */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  // qrcode-generator reads each character as one byte: give it the UTF-8 bytes as such characters.
  const bytes = new TextEncoder().encode(text);
  qr.addData(String.fromCharCode(...bytes), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

export const QUIET = 4;

/** A file name for the PNG: the scene, kept to safe characters. */
export const pngName = (scene: string): string => `wxdesk-qrcode-${scene.replace(/[^\w-]+/g, '_').slice(0, 64) || 'code'}.png`;
