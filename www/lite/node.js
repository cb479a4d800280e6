// `ratecard/lite` in Node: synchronous, no init call.
import bindings from "../../pkg/lite/node/ratecard_lite.js";
import { liteEngine } from "./glue.js";

export const RateEngine = liteEngine(bindings);
