/**
 * The process-wide HarfBuzz (harfbuzzjs) module. Importing harfbuzzjs compiles its WASM (a top-level
 * await of some 100–200 ms), so it is imported on first use only and shared by every typesetter.
 */
export type HarfBuzz = typeof import('harfbuzzjs');

let loading: Promise<HarfBuzz> | undefined;

export const loadHarfBuzz = (): Promise<HarfBuzz> => {
  loading ??= import('harfbuzzjs');
  return loading;
};
