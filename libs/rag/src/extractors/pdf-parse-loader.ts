import type * as PdfParseLib from 'pdf-parse';

export type PdfParseModule = typeof PdfParseLib;

/**
 * Built-ins that pdf-parse's bundled core-js replaces with JavaScript polyfills the moment it loads.
 * They are replaced for the whole process, so every `JSON.parse` and `push` of an HTTP request (the
 * transport, Nest, rxjs) paid for them: JSON.parse alone was ~4 % of a chat request's CPU in
 * `npm start`. pdf.js needs none of the edge cases they fix; the polyfills that add what Node 20
 * lacks (Promise.withResolvers, Set methods, Uint8Array base64) are left in place, as pdf.js uses them.
 */
const PATCHED_NATIVES: [object, PropertyKey][] = [
  [JSON, 'parse'],
  [Array.prototype, 'push'],
];

let loading: Promise<PdfParseModule> | undefined;

/**
 * pdf-parse, loaded on first use: the apps parse PDFs in worker threads, so their main thread never
 * loads pdf.js at all (~0.2 s and ~30 MB), and where it is loaded the built-ins above stay native.
 */
export function loadPdfParse(): Promise<PdfParseModule> {
  return (loading ??= (async () => {
    const natives = PATCHED_NATIVES.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)!] as const);
    const lib = await import('pdf-parse');
    for (const [owner, key, descriptor] of natives) Object.defineProperty(owner, key, descriptor);
    return lib;
  })());
}
