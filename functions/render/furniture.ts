/**
 * What surrounds the text: running headers and footers of continuation pages (symbols stacked,
 * `n/N` and the job number on alternating sides, mirrored in Arabic) and the first page's footer
 * (job number with language letter and date stamps, Code 39 barcode, QR code, "Please recycle").
 */
import type { PDFPage } from 'pdf-lib';
import { jobNumberBarcode } from '../domain/job-numbers.ts';
import type { FooterText } from '../domain/masthead.ts';
import type { Run } from '../typeset/types.ts';
import { drawCode39, drawQr } from './barcode.ts';
import { drawLine, latinStyle, type RenderContext, styleFor } from './context.ts';
import { drawFrameRule } from './rules.ts';

/** Which physical side a running element goes on: even pages start-side first, odd pages end side. */
const sideOf = (ctx: RenderContext, pageNumber: number): 'left' | 'right' => {
  const startSide = pageNumber % 2 === 0;
  return startSide === (ctx.dir === 'ltr') ? 'left' : 'right';
};

const other = (side: 'left' | 'right'): 'left' | 'right' => (side === 'left' ? 'right' : 'left');

const edge = (ctx: RenderContext, side: 'left' | 'right'): number =>
  side === 'left' ? ctx.template.frame.left : ctx.width - ctx.template.frame.right;

/** Header and footer of page `pageNumber` (2 … total): symbols, rule, `n/N` and the job number. */
export const drawRunning = (
  ctx: RenderContext,
  page: PDFPage,
  pageNumber: number,
  total: number,
  symbols: readonly string[],
  jobNumber: string,
): void => {
  const { runningHeader: h, runningFooter: f } = ctx.template;
  const side = sideOf(ctx, pageNumber);
  ctx.tags.artifact(page, 'header', () => {
    symbols.forEach((symbol, i) => {
      const runs: Run[] = [{ text: symbol, role: 'bold' }];
      drawLine(ctx, page, runs, latinStyle(h.size), edge(ctx, side), h.baseline + i * h.leading, side);
    });
  });
  drawFrameRule(ctx, page, h.rule.top, h.rule.thickness, 'header');

  const baseline = ctx.height - f.baselineFromBottom;
  ctx.tags.artifact(page, 'footer', () => {
    const folio: Run[] = [{ text: `${pageNumber}/${total}`, role: 'bold' }];
    drawLine(ctx, page, folio, latinStyle(f.pageNumberSize), edge(ctx, side), baseline, side);
    const job: Run[] = [{ text: jobNumber, role: 'regular' }];
    drawLine(ctx, page, job, latinStyle(f.jobNumberSize), edge(ctx, other(side)), baseline, other(side));
  });
};

/**
 * The first page's footer. `url` is what the QR code opens; the code is the one part of the footer
 * a reader is told about (a figure saying where it leads, `qrAlt`); the stamps, the barcode of the
 * job number and "Please recycle" are furniture.
 */
export const drawFirstFooter = (
  ctx: RenderContext,
  page: PDFPage,
  footer: FooterText,
  jobNumber: string,
  url: string,
  recycle: string,
  qrAlt: string,
): void => {
  const { jobLine, barcode, qr, recycle: rec } = ctx.template.firstPageFooter;
  const rtl = ctx.dir === 'rtl';
  // Job line and barcode at the start side's foot, QR code and "Please recycle" at the end side's.
  const fromStart = (x: number, width: number) => (rtl ? ctx.width - x - width : x);

  const lineBaseline = ctx.height - jobLine.baselineFromBottom;
  const style = latinStyle(jobLine.size);
  const jobRuns: Run[] = [{ text: footer.job }];
  const jobWidth = ctx.typesetter.measure(jobRuns, style);
  const stamps: Run[] = [{ text: footer.stamps.join('   ') }];
  const stampsWidth = ctx.typesetter.measure(stamps, style);
  const lineWidth = jobWidth + jobLine.stampGap + stampsWidth;
  const lineLeft = fromStart(jobLine.x, lineWidth);
  ctx.tags.artifact(page, 'footer', () => {
    drawLine(ctx, page, jobRuns, style, lineLeft, lineBaseline, 'left');
    drawLine(ctx, page, stamps, style, lineLeft + jobWidth + jobLine.stampGap, lineBaseline, 'left');

    // Code 39 of the job number's digits: `25-08590` → `*2508590*`.
    const digits = jobNumberBarcode(jobNumber);
    drawCode39(page, digits, {
      x: fromStart(barcode.x, barcode.width),
      y: barcode.bottomFromBottom,
      width: barcode.width,
      height: barcode.height,
    });
  });

  const qrLeft = rtl ? qr.rightFromEdge : ctx.width - qr.rightFromEdge - qr.size;
  const bottom = qr.bottomFromBottom;
  const figure = ctx.tags.root.add('Figure', {
    alt: qrAlt,
    ...(ctx.lang === 'en' ? {} : { lang: 'en' }),
    bbox: [qrLeft, bottom, qrLeft + qr.size, bottom + qr.size],
  });
  ctx.tags.mark(page, figure, () => drawQr(page, url, { x: qrLeft, y: bottom, width: qr.size }));

  const recycleRuns: Run[] = [{ text: recycle, role: 'bold' }];
  const recycleStyle = styleFor(ctx, recycle, rec.size);
  const recycleBaseline = ctx.height - rec.baselineFromBottom;
  ctx.tags.artifact(page, 'footer', () => {
    if (rtl) drawLine(ctx, page, recycleRuns, recycleStyle, rec.rightFromEdge, recycleBaseline, 'left');
    else
      drawLine(ctx, page, recycleRuns, recycleStyle, ctx.width - rec.rightFromEdge, recycleBaseline, 'right');
  });
};
