// Draws WxDesk's icons (assets/*.png): the app icon (a green rounded square with a white "W", the
// dashboard's logo) and the tray icons (the "W" alone: white for Linux and Windows trays, black as a
// macOS template image). Run once by hand (`node scripts/make-icons.mjs`); the PNGs are committed.
// node:zlib only: a PNG is a zlib stream of RGBA rows plus three CRC-checked chunks.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** Distance from p to the segment a–b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
/** Coverage (0..1) of the "W" stroke at a point of the unit square, antialiased by pixel size s. */
function w(u, v, s, stroke) {
  const pts = [
    [0.2, 0.28],
    [0.34, 0.72],
    [0.5, 0.4],
    [0.66, 0.72],
    [0.8, 0.28],
  ];
  let d = Infinity;
  for (let i = 0; i < pts.length - 1; i++) d = Math.min(d, segment(u, v, ...pts[i], ...pts[i + 1]));
  return Math.max(0, Math.min(1, (stroke / 2 - d) / s + 0.5));
}
/** Coverage of a rounded square filling the unit square. */
function rounded(u, v, s, r) {
  const qx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
  const qy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
  const d = Math.hypot(qx, qy) - r;
  return Math.max(0, Math.min(1, 0.5 - d / s));
}

const GREEN = [0x07, 0xc1, 0x60];
function appIcon(size) {
  const s = 1 / size;
  return png(size, (x, y) => {
    const u = x * s;
    const v = y * s;
    const bg = rounded(u, v, s, 0.22);
    const fg = w(u, v, s, 0.1) * bg;
    const rgb = GREEN.map((c) => Math.round(c * (1 - fg) + 255 * fg));
    return [...rgb, Math.round(bg * 255)];
  });
}
function trayIcon(size, rgb) {
  const s = 1 / size;
  return png(size, (x, y) => [...rgb, Math.round(w(x * s, y * s, s, 0.16) * 255)]);
}

const out = new URL('../assets/', import.meta.url);
writeFileSync(new URL('icon.png', out), appIcon(1024));
writeFileSync(new URL('tray.png', out), trayIcon(32, [255, 255, 255]));
writeFileSync(new URL('trayTemplate.png', out), trayIcon(16, [0, 0, 0]));
writeFileSync(new URL('trayTemplate@2x.png', out), trayIcon(32, [0, 0, 0]));
console.log('assets/icon.png, tray.png, trayTemplate.png, trayTemplate@2x.png written');
