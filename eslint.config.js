// ESLint (flat config): the recommended rules over the package's and the page's
// JavaScript and the build scripts, in `npm test`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["www/dist/**", "dist/**", "pkg/**", "target/**", "node_modules/**", "fuzz/**", ".venv/**"] },
  js.configs.recommended,
  {
    files: ["www/**/*.js", "scripts/**/*.mjs", "cli/**/*.js", "bin/**/*.mjs", "packages/**/*.mjs", "python/**/*.mjs", "tests/js/**/*.mjs", "bench/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser, ...globals.node } },
    // The flat text's separators are control characters on purpose.
    rules: { "no-control-regex": "off", "no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }] },
  },
];
