// `require("ratecard/lite")`: the source of dist/lite/node.cjs (bundled by
// scripts/build-web.mjs), over the Node build's CommonJS glue, which loads
// the .wasm synchronously itself.
import bindings from "../../pkg/lite/node/ratecard_lite.js";
import { liteEngine } from "./glue.js";

export const RateEngine = liteEngine(bindings);
