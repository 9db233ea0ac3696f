import { createReadStream } from "node:fs";
import { open, readFile, stat, type FileHandle } from "node:fs/promises";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Episode } from "../episode/episode.ts";
import { siteLink, sitePathPrefix } from "../paths/output-paths.ts";
import { emailPreviewPage, FEED_PATHS, feedsPreviewPage, pendingPage } from "./previews.ts";
import { isOwnHost } from "./request-host.ts";
import { listenFailure } from "./serve-address.ts";

const CLIENT_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "client.js");
/** Content types of what a build writes, by extension (the test suite's static server uses them too). */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".eml": "message/rfc822",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".vtt": "text/vtt; charset=utf-8",
  ".wasm": "application/wasm",
};

export interface PreviewStatus {
  /** Whether the preview folder holds a good build: until the first one succeeds, every page says why not. */
  built: boolean;
  /** Formatted problems of the last build; empty when it succeeded or is still running. */
  problems: string[];
  /** The episodes of the last good build. */
  episodes: Episode[];
  /** The site's baseUrl as of the last good build: the site is served under its path. */
  baseUrl?: string;
}

/**
 * Serves the preview build with live reload. A failed build keeps the last good files
 * and shows its problems on every open page until a build succeeds; before any build has
 * succeeded, every page is the build's progress or its problems.
 */
export class DevServer {
  private readonly clients = new Set<http.ServerResponse>();
  private status: PreviewStatus = { built: false, problems: [], episodes: [] };
  private listening = { host: "", port: 0 };
  /** The build under way: it may have removed a file it is about to write again. */
  private building: Promise<unknown> | undefined;
  private readonly server = http.createServer((request, response) => {
    this.handle(request, response).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(error.message);
    });
  });

  /** `baseUrl`: the config's, read before the first build, so the address printed is the site's. */
  constructor(
    private readonly output: string,
    baseUrl?: string,
  ) {
    if (baseUrl) this.status.baseUrl = baseUrl;
  }

  /** Resolves to the address, or rejects with a one-line ServeAddressError. */
  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", (error: NodeJS.ErrnoException) => reject(listenFailure(error, host, port)));
      this.server.listen(port, host, () => {
        this.listening = { host, port: (this.server.address() as AddressInfo).port };
        resolve(`http://${net.isIPv6(host) ? `[${host}]` : host}:${this.listening.port}${this.pathPrefix()}`);
      });
    });
  }

  /** Tells every open page what the last build did: reload after success, problems after failure. */
  update(status: PreviewStatus): void {
    this.status = { ...status, baseUrl: status.baseUrl ?? this.status.baseUrl };
    for (const client of this.clients) {
      client.write(this.statusEvent());
      if (status.built && status.problems.length === 0) client.write("event: reload\ndata: {}\n\n");
    }
  }

  /** Told of each build as it starts: a file missing while it runs is looked for again once it ends. */
  buildStarted(build: Promise<unknown>): void {
    const running = build.catch(() => undefined).finally(() => {
      if (this.building === running) this.building = undefined;
    });
    this.building = running;
  }

  close(): Promise<void> {
    for (const client of this.clients) client.end();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!isOwnHost(request.headers.host, this.listening)) {
      const own = `${this.listening.host}:${this.listening.port}`;
      return this.send(response, 403, ".txt", `castpress serve answers only requests for its own address (${own}, localhost or an IP address); start it with --host NAME to be reached as NAME.`);
    }
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (pathname === "/__castpress/events") return this.subscribe(response);
    if (pathname === "/__castpress/client.js") {
      response.writeHead(200, { "content-type": CONTENT_TYPES[".js"]! });
      return void createReadStream(CLIENT_SCRIPT).on("error", () => response.destroy()).pipe(response);
    }
    if (pathname === "/__castpress/status") return this.send(response, 200, ".json", JSON.stringify(this.publicStatus()));
    if (!this.status.built) return this.send(response, this.status.problems.length > 0 ? 500 : 503, ".html", this.inject(pendingPage(this.status.problems)));
    const preview = /^\/__castpress\/preview\/([^/]+)\/$/.exec(pathname);
    if (preview) {
      const episode = this.status.episodes.find((candidate) => candidate.slug === preview[1]);
      if (!episode) return this.send(response, 404, ".txt", `No episode "${preview[1]}" in the last good build.`);
      return this.send(response, 200, ".html", this.inject(emailPreviewPage(episode.slug, episode.title, this.link)));
    }
    if (pathname === "/__castpress/feeds/") {
      const feeds = await Promise.all(
        FEED_PATHS.map(async (feed) => ({ path: feed, xml: await readFile(path.join(this.output, feed), "utf8").catch(() => undefined) })),
      );
      return this.send(response, 200, ".html", this.inject(feedsPreviewPage(feeds, this.link)));
    }
    // The site is served under its baseUrl's path, as it will be published (/show/ for https://user.github.io/show/).
    const prefix = this.pathPrefix();
    if (pathname.startsWith(prefix)) return this.serveFile(`/${pathname.slice(prefix.length)}`, request, response);
    if (pathname === "/" || pathname === prefix.slice(0, -1)) {
      response.writeHead(302, { location: prefix });
      return void response.end();
    }
    return this.serveNotFound(response);
  }

  private pathPrefix(): string {
    return this.status.baseUrl ? sitePathPrefix(this.status.baseUrl) : "/";
  }

  /** A site path as the served pages link it. */
  private readonly link = (sitePath: string): string => (this.status.baseUrl ? siteLink(this.status.baseUrl, sitePath) : sitePath);

  private async serveFile(pathname: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    let file = path.join(this.output, pathname);
    if (path.relative(this.output, file).startsWith("..")) return this.send(response, 403, ".txt", "Forbidden");
    if ((await stat(file).catch(() => undefined))?.isDirectory()) file = path.join(file, "index.html");
    // A rebuild rewrites a copied file by deleting it first (Eleventy's passthrough copy): one
    // asked for in that moment is sent once the build has written it again.
    let handle = await openFile(file);
    if (!handle && this.building) {
      await this.building;
      handle = await openFile(file);
    }
    if (!handle) return this.serveNotFound(response);
    // Read through the handle opened: a file deleted from here on is still read whole.
    try {
      const extension = path.extname(file);
      if (extension === ".html") return this.send(response, 200, extension, this.inject(await handle.readFile("utf8")));
      // Checked again at every reload, but sent again only when a build has rewritten it.
      const { size, mtimeMs } = await handle.stat();
      const etag = `"${size}-${mtimeMs}"`;
      const headers = { "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream", "cache-control": "no-cache", etag };
      if (request.headers["if-none-match"] === etag) return void response.writeHead(304, headers).end();
      response.writeHead(200, headers);
      const stream = handle.createReadStream();
      handle = undefined;
      stream.on("error", () => response.destroy()).pipe(response);
    } finally {
      await handle?.close();
    }
  }

  private async serveNotFound(response: http.ServerResponse): Promise<void> {
    const notFound = await readFile(path.join(this.output, "404.html"), "utf8").catch(() => "<!doctype html><title>Not found</title><p>Not found.</p>");
    this.send(response, 404, ".html", this.inject(notFound));
  }

  private subscribe(response: http.ServerResponse): void {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    response.write(this.statusEvent());
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  private publicStatus(): { built: boolean; problems: string[] } {
    return { built: this.status.built, problems: this.status.problems };
  }

  private statusEvent(): string {
    return `event: status\ndata: ${JSON.stringify(this.publicStatus())}\n\n`;
  }

  private send(response: http.ServerResponse, code: number, extension: string, body: string): void {
    response.writeHead(code, { "content-type": CONTENT_TYPES[extension] ?? "text/plain", "cache-control": "no-store" });
    response.end(body);
  }

  /** The live-reload client goes into every HTML page served, never into the build. */
  private inject(html: string): string {
    const tag = '<script src="/__castpress/client.js"></script>';
    return html.includes("</body>") ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${tag}</body>`) : html + tag;
  }
}

/** The file opened for reading, if it is a file and there. */
async function openFile(file: string): Promise<FileHandle | undefined> {
  const handle = await open(file, "r").catch(() => undefined);
  if (handle && !(await handle.stat()).isFile()) {
    await handle.close();
    return undefined;
  }
  return handle;
}
