// `ratecard/lite` in Node as an ES module: synchronous, no init call. It
// instantiates the web build's glue (an ES module) from the .wasm bytes, so
// Node's ESM loader does not wrap a CommonJS file (measured 1.3 ms faster on
// a cold start; README, Performance). `require("ratecard/lite")` gets
// node-cjs.js, bundled into node.cjs.
import { readFileSync } from "node:fs";
import * as bindings from "../../pkg/lite/web/ratecard_lite.js";
import { liteEngine } from "./glue.js";

bindings.initSync({ module: readFileSync(new URL("../../pkg/lite/web/ratecard_lite_bg.wasm", import.meta.url)) });

export const RateEngine = liteEngine(bindings);
