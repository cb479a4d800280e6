// @custom-elements-manifest/analyzer's configuration (scripts/manifest.mjs):
// the elements' sources, Lit, and no edit of package.json (its
// "customElements" field is written by hand and the build never edits a
// tracked file).
export default {
  globs: ["www/widget/base.js", "www/widget/cost.js", "www/widget/checkout.js"],
  outdir: "target/manifest",
  litelement: true,
  packagejson: false,
};
