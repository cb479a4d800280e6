// `ratecard` in Node: the generated CommonJS glue (pkg/node), its `RateEngine`
// with the fast `quote` (quote.js). Bundled by scripts/build-web.mjs into
// dist/full/node.cjs, one CommonJS file that `require` and `import` both load;
// the generated glue stays a separate, unedited file.
import { RateEngine as Generated } from "../../pkg/node/ratecard.js";
import { withFastQuote } from "./quote.js";

export const RateEngine = withFastQuote(Generated);
