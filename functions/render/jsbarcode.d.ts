/** The Code 39 encoder of JsBarcode, imported on its own (the package declares only its DOM API). */
declare module 'jsbarcode/bin/barcodes/CODE39/index.js' {
  export class CODE39 {
    constructor(data: string, options: { mod43?: boolean });
    /** `data`: the symbol as modules, `1` dark and `0` light, start and stop characters included. */
    encode(): { data: string; text: string };
  }
}
