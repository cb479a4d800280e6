// `require("ratecard/lite")`: the source of dist/lite/node.cjs (bundled by
// scripts/build-web.mjs), over the web build's glue (pkg/lite/web),
// instantiated synchronously from the .wasm beside it, the one copy the
// package holds (node.js, the ES module entry, does the same).
import { readFileSync } from "node:fs";
import * as bindings from "../../pkg/lite/web/ratecard_lite.js";
import { liteEngine } from "./glue.js";

// dist/lite/node.cjs sits as deep as this file: the path holds for both.
bindings.initSync({ module: readFileSync(new URL("../../pkg/lite/web/ratecard_lite_bg.wasm", import.meta.url)) });

export const RateEngine = liteEngine(bindings);
