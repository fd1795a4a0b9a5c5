// Draws the extension's 128×128 icon (images/icon.png) with nothing but node:zlib: a rounded
// dark-blue tile with a white document, three checklist rows (two ticked) and a magnifier lens.
// Run `node scripts/make-icon.mjs` after changing it; the PNG is committed.
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4; // supersampling per axis, for smooth edges
const px = new Float64Array(SIZE * SIZE * 4); // premultiplied RGBA, 0..1

/** Paints colour `c` ([r,g,b,a] 0..255) wherever `inside(x, y)` holds, antialiased. */
function paint(c, inside) {
  const [r, g, b, a] = c.map((v) => v / 255);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) if (inside(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
      }
      if (!hits) continue;
      const cov = (hits / (SS * SS)) * a;
      const i = (y * SIZE + x) * 4;
      px[i] = r * cov + px[i] * (1 - cov);
      px[i + 1] = g * cov + px[i + 1] * (1 - cov);
      px[i + 2] = b * cov + px[i + 2] * (1 - cov);
      px[i + 3] = cov + px[i + 3] * (1 - cov);
    }
  }
}

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
function segDist(x, y, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}
const stroke = (pts, w) => (x, y) => {
  for (let i = 1; i < pts.length; i++) if (segDist(x, y, ...pts[i - 1], ...pts[i]) <= w / 2) return true;
  return false;
};
const ring = (cx, cy, r0, r1) => (x, y) => { const d = Math.hypot(x - cx, y - cy); return d >= r0 && d <= r1; };
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r;

const NAVY = [24, 54, 104, 255];
const WHITE = [255, 255, 255, 255];
const GREY = [150, 164, 186, 255];
const GREEN = [38, 166, 91, 255];
const AMBER = [240, 173, 38, 255];

paint(NAVY, roundRect(0, 0, 128, 128, 22));
paint(WHITE, roundRect(22, 14, 94, 114, 7));
// three checklist rows: box + text line
const rows = [34, 58, 82];
rows.forEach((y, i) => {
  paint(GREY, (x, yy) => roundRect(31, y - 7, 45, y + 7, 2.5)(x, yy) && !roundRect(33.5, y - 4.5, 42.5, y + 4.5, 1)(x, yy));
  paint(GREY, roundRect(51, y - 2.5, 84, y + 2.5, 2.5));
  if (i < 2) paint(GREEN, stroke([[32.5, y - 1], [37.5, y + 4.5], [47, y - 8]], 4.2));
});
// magnifier over the lower right corner: white backing, amber lens ring and handle
paint(NAVY, disc(86, 88, 22));
paint(WHITE, disc(86, 88, 14));
paint(AMBER, ring(86, 88, 13, 19));
paint(AMBER, stroke([[100, 102], [114, 116]], 9));
paint(AMBER, stroke([[79, 88], [84, 93], [93, 82]], 3.6));

// PNG: 8-bit RGBA, filter 0 on every row
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const a = px[i + 3];
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    for (let k = 0; k < 3; k++) raw[o + k] = a > 0 ? Math.round(Math.min(1, px[i + k] / a) * 255) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; ihdr[9] = 6; // bit depth 8, colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'images', 'icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
