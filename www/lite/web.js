// `ratecard/lite/web`: `await init()` once (fetches the .wasm beside this
// file, or takes a module, bytes or a URL), then use `RateEngine`.
import init, * as bindings from "../../pkg/lite/web/ratecard_lite.js";
import { liteEngine } from "./glue.js";

export const RateEngine = liteEngine(bindings);
export { initSync } from "../../pkg/lite/web/ratecard_lite.js";
export default init;
