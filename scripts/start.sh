#!/usr/bin/env bash
# The main job: install what is missing, build the engine, the widget and the
# page, and serve the page at http://127.0.0.1:${PORT:-8080} (sirv: brotli/gzip,
# application/wasm, immutable cache headers for hashed assets).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
PORT="${PORT:-8080}"
echo "[start] serving the checkout page at http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec node scripts/serve.mjs www/dist "$PORT"
