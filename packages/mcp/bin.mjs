#!/usr/bin/env node
// @ts-check
// `npx ratecard-mcp [--card FILE | --preset ID]`: the MCP server over stdio.
import { serve } from "./server.mjs";

const args = process.argv.slice(2);
const value = (/** @type {string} */ flag) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
await serve({ card: value("--card"), preset: value("--preset") });
