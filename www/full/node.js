// `ratecard` in Node: the web build's generated glue (pkg/web, an ES module),
// instantiated synchronously from the .wasm beside it, the very file
// `ratecard/web` loads, so the package holds one copy; its `RateEngine` with
// the fast `quote` (quote.js). Bundled by scripts/build-web.mjs into
// dist/full/node.cjs, one CommonJS file that `require` and `import` both load
// (the glue is bundled as it is generated, not edited).
import { readFileSync } from "node:fs";
import * as glue from "../../pkg/web/ratecard.js";
import { withFastQuote } from "./quote.js";

// dist/full/node.cjs sits as deep as this file: the path holds for both.
glue.initSync({ module: readFileSync(new URL("../../pkg/web/ratecard_bg.wasm", import.meta.url)) });

export * from "../../pkg/web/ratecard.js";
export const RateEngine = withFastQuote(glue.RateEngine);
