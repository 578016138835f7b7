// The encoder core of `qrcode` (CommonJS, untyped; @types/qrcode covers only the package root).
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QrSymbol {
    /** Square matrix of modules, row by row: 1 = dark. */
    modules: { size: number; data: Uint8Array };
    version: number;
  }
  export interface QrCreateOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    version?: number;
  }
  export function create(data: string, options?: QrCreateOptions): QrSymbol;
  // Bundlers hand CommonJS to `import()` as a default export, with or without named ones.
  const qrcode: { create: typeof create };
  export default qrcode;
}
