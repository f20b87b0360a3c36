/**
 * The first-page codes as vector graphics: the Code 39 barcode of the job number and the QR code
 * of the document's public address. bwip-js encodes; this file turns its bars and modules into
 * one filled path each, so the codes stay sharp at any zoom and cost a few hundred bytes.
 */
import bwipjs from 'bwip-js';
import {
  fill,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
} from 'pdf-lib';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Remembers the last results of a pure encoder: bwip-js takes milliseconds per QR code, and a
 * service renders the same address in a document's six languages and again on every re-render.
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
  const [symbol] = bwipjs.raw({ bcid: 'code39', text });
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js gave no bars for Code 39 "${text}"`);
  const bars: [number, number][] = [];
  let at = 0;
  symbol.sbs.forEach((width, index) => {
    // sbs alternates bar, space, bar … starting with a bar.
    if (index % 2 === 0) bars.push([at, width]);
    at += width;
  });
  return { bars, modules: at };
});

/** The QR code's modules, row by row from the top: `size × size` booleans, true = dark. */
export const qrModules: (text: string) => { readonly size: number; readonly dark: readonly boolean[] } = memo(
  (text) => {
    const [symbol] = bwipjs.raw('qrcode', text, 'eclevel=M');
    if (!symbol || !('pixs' in symbol)) throw new Error('bwip-js gave no modules for the QR code');
    if (symbol.pixx !== symbol.pixy) throw new Error('QR code is not square');
    return { size: symbol.pixx, dark: symbol.pixs.map((pixel) => pixel === 1) };
  },
);

const filled = (page: PDFPage, rects: Box[]): void => {
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  for (const r of rects) ops.push(rectangle(r.x, r.y, r.width, r.height));
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
};

/** Draws the Code 39 barcode of `text` (without the `*` start/stop marks, bwip-js adds them) in `box`. */
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
