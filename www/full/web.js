// `ratecard/web`: the generated ES module glue (pkg/web), its `RateEngine` with
// the fast `quote` (quote.js); `init` (default) and `initSync` as generated.
// Shipped as dist/full/web.js; the generated glue stays a separate, unedited file.
import init, { RateEngine as Generated, initSync } from "../../pkg/web/ratecard.js";
import { withFastQuote } from "./quote.js";

export const RateEngine = withFastQuote(Generated);
export { initSync };
export default init;
