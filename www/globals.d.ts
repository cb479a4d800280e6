// Names the page's bundle defines at build time (scripts/build-web.mjs), for the type check.
declare const __WASM_FILE__: string;
declare const __LITE_WASM_FILE__: string;
