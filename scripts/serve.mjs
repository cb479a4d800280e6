// Serves the built page (www/dist) on 127.0.0.1 with sirv: precompressed
// brotli and gzip, application/wasm, and cache headers: hashed assets
// (name.<hash>.js|css|wasm) are immutable for a year; index.html revalidates.
//   node scripts/serve.mjs [dir] [port]
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import sirv from "sirv";

const dir = process.argv[2] ?? fileURLToPath(new URL("../www/dist", import.meta.url));
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const HASHED = /\.[A-Za-z0-9]{8,}\.(js|css|wasm)$/;

const assets = sirv(dir, {
  gzip: true,
  brotli: true,
  etag: true,
  setHeaders(res, pathname) {
    res.setHeader("Cache-Control", HASHED.test(pathname) ? "public, max-age=31536000, immutable" : "no-cache");
    res.setHeader("X-Content-Type-Options", "nosniff");
  },
});

createServer((req, res) => assets(req, res, () => { res.statusCode = 404; res.end("not found"); }))
  .listen(port, "127.0.0.1", () => console.log(`[serve] http://127.0.0.1:${port}/ (${dir})`));
