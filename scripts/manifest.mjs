// Writes custom-elements.json, the custom-elements manifest of the widget
// (package.json "customElements"), with @custom-elements-manifest/analyzer
// over the elements' sources (their JSDoc: @tagname, @fires, @csspart,
// @cssprop; Lit's static properties give attributes and properties), then
// points its modules at the shipped bundle. Run by scripts/build.sh; the file
// is shipped in the package, not committed.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from "custom-element-vs-code-integration";
import { getWebTypesData } from "custom-element-jet-brains-integration";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const bin = join(ROOT, "node_modules/.bin/custom-elements-manifest");
execFileSync(bin, ["analyze", "--config", "scripts/cem.config.mjs"], { cwd: ROOT, stdio: "ignore" });
const manifest = JSON.parse(readFileSync(join(ROOT, "target/manifest/custom-elements.json"), "utf8"));
// The elements ship in one bundle: every module is that file, as a consumer imports it.
for (const m of manifest.modules) {
  m.path = "dist/widget/ratecard-widget.js";
  for (const e of m.exports ?? []) if (e.declaration?.module) e.declaration.module = m.path;
  for (const d of m.declarations ?? []) {
    if (d.superclass?.module) d.superclass.module = m.path;
    // Lit's internal state (`state: true`, named with a leading underscore) is no attribute or API.
    if (d.attributes) d.attributes = d.attributes.filter((x) => !x.name.startsWith("_"));
    if (d.members) d.members = d.members.filter((x) => !x.name.startsWith("_") && !x.name.startsWith("#"));
  }
}
writeFileSync(join(ROOT, "custom-elements.json"), `${JSON.stringify(manifest, null, 2)}\n`);
// Editor data from the same manifest: VS Code's HTML and CSS custom data, JetBrains' web-types
// (package.json "web-types"), written by the custom-elements-manifest tooling's own generators.
mkdirSync(join(ROOT, "dist/widget"), { recursive: true });
const quiet = { hideLogs: true, descriptionSrc: "description" };
writeFileSync(join(ROOT, "dist/widget/vscode.html-custom-data.json"), getVsCodeHtmlCustomData(manifest, quiet));
writeFileSync(join(ROOT, "dist/widget/vscode.css-custom-data.json"), getVsCodeCssCustomData(manifest, quiet));
writeFileSync(join(ROOT, "dist/widget/web-types.json"), getWebTypesData(manifest, { ...quiet, packageJson: false }));
const tags = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName));
console.log(`[manifest] custom-elements.json: ${tags.join(", ")}`);
