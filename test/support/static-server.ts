import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { CONTENT_TYPES } from "../../src/serve/dev-server.ts";


/** Serves a built folder on a loopback port, as a static host would (index.html, 404.html). */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return void response.writeHead(403).end();
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) file = path.join(file, "index.html");
    const found = await stat(file).then((s) => s.isFile(), () => false);
    const served = found ? file : path.join(root, "404.html");
    response.writeHead(found ? 200 : 404, { "content-type": CONTENT_TYPES[path.extname(served)] ?? "application/octet-stream" });
    createReadStream(served).on("error", () => response.end()).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
