#!/usr/bin/env node
// @ts-check
// `npx ratecard <command>`: the engine from a shell. JSON in (a file or standard input), JSON
// out; errors as one JSON object { code, message, path } on standard error, exit status 2 for
// invalid input and 1 otherwise. `ratecard mcp` starts the MCP server of package ratecard-mcp.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { COMMANDS, help, parseArgs } from "../cli/commands.js";

const INVALID = 2, FAILED = 1;

/** Writes `{ code, message, path }` to standard error and exits with `status`. */
function fail(/** @type {string} */ code, /** @type {string} */ message, /** @type {(string | number)[]} */ path, /** @type {number} */ status) {
  process.stderr.write(`${JSON.stringify({ code, message, path })}\n`);
  process.exit(status);
}

/** JSON text read from `file`, or from standard input. */
function readJson(/** @type {string | undefined} */ file, /** @type {string} */ what) {
  let text;
  try {
    text = readFileSync(file ?? 0, "utf8");
  } catch (/** @type {any} */ e) {
    return fail("invalid_request", `${what}: cannot read ${file ?? "standard input"}: ${e.code ?? e.message}`, [], INVALID);
  }
  try {
    return JSON.parse(text);
  } catch (/** @type {any} */ e) {
    return fail("invalid_request", `${what}: not JSON (${e.message})`, [], INVALID);
  }
}

const args = parseArgs(process.argv.slice(2));
if (args.error) fail("invalid_request", `${args.error}\n\n${help()}`, [], INVALID);
if (args.command === "mcp") {
  // The MCP server is a package of its own (its SDK is not the widget's users' download).
  try {
    const { serve } = await import(/** @type {string} */ ("ratecard-mcp"));
    await serve({ card: args.card, preset: args.preset });
  } catch (/** @type {any} */ e) {
    if (e?.code !== "ERR_MODULE_NOT_FOUND") throw e;
    fail("invalid_request", "ratecard mcp needs the package ratecard-mcp: npm install ratecard-mcp", [], INVALID);
  }
} else {
  const name = args.command;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (args.help || !command) {
    if (command || (!name && args.help)) {
      process.stdout.write(`${help(name)}\n`);
      process.exit(0);
    }
    fail("invalid_request", `${name ? `unknown command "${name}"` : "no command"}\n\n${help()}`, [], INVALID);
  }
  if (args.rest.length) fail("invalid_request", `unexpected ${args.rest.join(" ")}`, [], INVALID);
  const { RateEngine } = createRequire(import.meta.url)("../dist/full/node.cjs");
  const cmd = /** @type {import("../cli/commands.js").Command} */ (command);
  try {
    let engine = null;
    if (cmd.card) {
      if (args.card) engine = RateEngine.fromJson(JSON.stringify(readJson(args.card, "card")));
      else if (args.preset) engine = RateEngine.preset(args.preset);
      else fail("invalid_request", `ratecard ${name} needs --preset ID or --card FILE`, [], INVALID);
    }
    const input = cmd.input === "none" ? undefined : readJson(args.file, "input");
    const result = cmd.run(engine, input, RateEngine);
    process.stdout.write(`${JSON.stringify(result, null, args.pretty ? 2 : undefined)}\n`);
  } catch (/** @type {any} */ e) {
    if (typeof e?.code === "string" && Array.isArray(e.path)) fail(e.code, e.message, e.path, INVALID);
    fail("internal", String(e?.stack ?? e), [], FAILED);
  }
}
