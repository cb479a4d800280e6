#!/usr/bin/env bash
# The main job: install what is missing, build the engine, serve the checkout
# page with the presets at http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
PORT="${PORT:-8080}"
echo "[start] serving the checkout page at http://127.0.0.1:$PORT/ (Ctrl-C stops)"
exec python3 -m http.server --bind 127.0.0.1 "$PORT" --directory www
