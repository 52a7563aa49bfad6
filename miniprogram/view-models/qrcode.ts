/**
 * The home card's check-in QR code: the module matrix of a code (from qrcode-generator), how it
 * fits a canvas, how it is painted, and when it must be fetched again. Pure: no wx, no canvas node.
 */
import qrcode from 'qrcode-generator';

// The default encoder truncates every character to one byte; UTF-8 keeps any text a kiosk can decode.
const utf8 = qrcode.stringToBytesFuncs['UTF-8'];
if (utf8) qrcode.stringToBytes = utf8;

/** Kiosk cameras read medium error correction (15%) reliably from a phone screen. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** A QR code's modules row by row, `true` = dark; square, 17 + 4 × version modules a side. */
export type QrMatrix = boolean[][];

/** The smallest QR code (byte mode) that holds `text`. */
export function qrMatrix(text: string, errorCorrection: QrErrorCorrection = 'M'): QrMatrix {
  const qr = qrcode(0, errorCorrection);
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)));
}

/** The QR version (1–40) of a matrix. */
export function qrVersion(matrix: QrMatrix): number {
  return (matrix.length - 17) / 4;
}

/** The blank margin scanners need around the code, in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE = 4;

/** Where the modules go on a square canvas: each `cell` pixels, the first at (`offset`, `offset`). */
export interface QrLayout {
  cell: number;
  offset: number;
}

/** Whole-pixel modules (sharp edges scan better) centred in `sizePx`, keeping the quiet zone. */
export function qrLayout(moduleCount: number, sizePx: number, quietZone = QR_QUIET_ZONE): QrLayout {
  const span = moduleCount + 2 * quietZone;
  const whole = Math.floor(sizePx / span);
  // A canvas too small for whole pixels still gets the whole code, at fractional size.
  const cell = whole >= 1 ? whole : sizePx / span;
  return { cell, offset: (sizePx - cell * moduleCount) / 2 };
}

/** The part of a 2d canvas context the painter uses (so tests can record it). */
export interface QrCanvasContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
}

/** Paints `matrix` on a white square of `sizePx`; each run of dark modules in a row is one rectangle. */
export function paintQr(ctx: QrCanvasContext, matrix: QrMatrix, sizePx: number): void {
  const { cell, offset } = qrLayout(matrix.length, sizePx);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, sizePx, sizePx);
  ctx.fillStyle = '#000000';
  matrix.forEach((row, r) => {
    let runStart = -1;
    for (let c = 0; c <= row.length; c += 1) {
      const dark = row[c] === true;
      if (dark && runStart < 0) runStart = c;
      if (!dark && runStart >= 0) {
        ctx.fillRect(offset + runStart * cell, offset + r * cell, (c - runStart) * cell, cell);
        runStart = -1;
      }
    }
  });
}

/** Fetch the next code this long before the current one expires, so a kiosk never sees it lapse. */
export const QR_REFRESH_MARGIN_MS = 30_000;
/** Never sooner than this, whatever the device clock says, so a wrong clock cannot make a fetch loop. */
export const QR_MIN_REFRESH_MS = 15_000;

/** Milliseconds from `nowMs` until the code expiring at `expiresAt` (ISO instant) should be replaced. */
export function qrRefreshDelay(expiresAt: string, nowMs: number): number {
  const expiresMs = Date.parse(expiresAt);
  if (Number.isNaN(expiresMs)) return QR_MIN_REFRESH_MS;
  return Math.max(QR_MIN_REFRESH_MS, expiresMs - nowMs - QR_REFRESH_MARGIN_MS);
}
