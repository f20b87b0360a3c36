/**
 * The first-page codes as vector graphics: the Code 39 barcode of the job number (encoded by
 * JsBarcode) and the QR code of the document's public address (encoded by `qr`). This file turns
 * their bars and modules into one filled path each, so the codes stay sharp at any zoom and cost a
 * few hundred bytes. Both encoders are small and fast: bwip-js, used before, runs the PostScript
 * of BWIPP and cost a fresh `distr render` about 150 ms to load and encode.
 */
import { CODE39 } from 'jsbarcode/bin/barcodes/CODE39/index.js';
import {
  fill,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
} from 'pdf-lib';
import encodeQR from 'qr';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Remembers the last results of a pure encoder: a service renders the same job number in a
 * document's six languages and the same addresses again on every re-render.
 */
const memo = <T>(encode: (text: string) => T, max = 256): ((text: string) => T) => {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = encode(text);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(text, value);
    }
    return value;
  };
};

/** Dark bars of a Code 39 symbol as [start, width] in module units, and the symbol's width in modules. */
export const code39Bars: (text: string) => {
  readonly bars: readonly (readonly [number, number])[];
  readonly modules: number;
} = memo((text) => {
  // `*` start and stop characters included; 1 = a dark module, with wide elements 3 modules wide.
  const { data } = new CODE39(text, {}).encode();
  if (!/^[01]+$/.test(data)) throw new Error(`no Code 39 bars for "${text}"`);
  const bars: [number, number][] = [];
  for (const run of data.matchAll(/1+/g)) bars.push([run.index, run[0].length]);
  return { bars, modules: data.length };
});

/** The QR code's modules, row by row from the top: `size × size` booleans, true = dark. */
export const qrModules: (text: string) => { readonly size: number; readonly dark: readonly boolean[] } = memo(
  (text) => {
    // `qr` insists on a quiet zone; the page leaves its own, so the one-module border is cut off.
    const rows = encodeQR(text, 'raw', { ecc: 'medium', border: 1 })
      .slice(1, -1)
      .map((row) => row.slice(1, -1));
    return { size: rows.length, dark: rows.flat() };
  },
);

/** A thousandth of a point is far below any device pixel; full precision only lengthens the path. */
const round = (v: number): number => Math.round(v * 1000) / 1000;

const filled = (page: PDFPage, rects: Box[]): void => {
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (const r of rects) ops.push(rectangle(round(r.x), round(r.y), round(r.width), round(r.height)));
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
};

/** Draws the Code 39 barcode of `text` (without the `*` start/stop marks, the encoder adds them) in `box`. */
export const drawCode39 = (page: PDFPage, text: string, box: Box): void => {
  const { bars, modules } = code39Bars(text);
  const unit = box.width / modules;
  filled(
    page,
    bars.map(([start, width]) => ({
      x: box.x + start * unit,
      y: box.y,
      width: width * unit,
      height: box.height,
    })),
  );
};

/** Draws the QR code of `text` as a square of side `box.width` with its lower left corner at (x, y). */
export const drawQr = (page: PDFPage, text: string, box: Omit<Box, 'height'>): void => {
  const { size, dark } = qrModules(text);
  const unit = box.width / size;
  const rects: Box[] = [];
  for (let row = 0; row < size; row++) {
    // One rectangle per horizontal run of dark modules keeps the path short.
    let col = 0;
    while (col < size) {
      if (!dark[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark[row * size + col]) col++;
      rects.push({
        x: box.x + start * unit,
        y: box.y + (size - row - 1) * unit,
        width: (col - start) * unit,
        height: unit,
      });
    }
  }
  filled(page, rects);
};
