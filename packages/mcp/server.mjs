// @ts-check
// The MCP server: the engine's answers as tools over stdio, with the official SDK's low-level
// Server (tools listed with the JSON Schemas of tools.mjs, each annotated read-only).
import { readFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { READ_ONLY, TOOLS, callTool, engineFor } from "./tools.mjs";

/**
 * The server, on the card given (`card`: a file of a rate card or a price book; `preset`), or on
 * none: then every call names its own.
 * @param {{ card?: string, preset?: string }} [options]
 */
export function createServer({ card, preset } = {}) {
  const fallback = card !== undefined ? engineFor({ card: JSON.parse(readFileSync(card, "utf8")) }, null) : preset !== undefined ? engineFor({ preset }, null) : null;
  const server = new Server({ name: "ratecard", version: "0.1.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, annotations: { title: t.title, ...READ_ONLY } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => {
    const tool = TOOLS.find((t) => t.name === req.params.name);
    if (!tool) return { isError: true, content: [{ type: "text", text: `no tool "${req.params.name}"; tools: ${TOOLS.map((t) => t.name).join(", ")}` }] };
    return callTool(tool, req.params.arguments, fallback);
  });
  return server;
}

/** Serves over stdio until the client closes. */
export async function serve(/** @type {{ card?: string, preset?: string }} */ options = {}) {
  await createServer(options).connect(new StdioServerTransport());
}
