// Preloaded into a server under test (`node --expose-gc --import this`): on SIGUSR2 it collects
// garbage and writes what stays in use to the file named by $MEMORY_PROBE, in bytes: `heapUsed`
// (JS objects) and `wasm` (the WebAssembly memory of every module instantiated, the engine's).
import { renameSync, writeFileSync } from "node:fs";

/** @type {WebAssembly.Memory[]} */
const memories = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = /** @type {any} */ (class extends Instance {
  /** @param {WebAssembly.Module} module @param {WebAssembly.Imports=} imports */
  constructor(module, imports) {
    super(module, imports);
    for (const value of Object.values(this.exports)) if (value instanceof WebAssembly.Memory) memories.push(value);
  }
});

process.on("SIGUSR2", () => {
  /** @type {any} */ (globalThis).gc();
  const wasm = memories.reduce((sum, m) => sum + m.buffer.byteLength, 0);
  const file = String(process.env.MEMORY_PROBE);
  writeFileSync(`${file}.part`, JSON.stringify({ heapUsed: process.memoryUsage().heapUsed, wasm }));
  renameSync(`${file}.part`, file);
});
