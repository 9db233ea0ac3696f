import net from "node:net";

/**
 * Whether a request's `Host` header names this server: localhost, an IP address, or the
 * `--host` it was started with, at the port it listens on. A page elsewhere that points its
 * own domain at 127.0.0.1 (DNS rebinding) sends its domain as the Host, and must not read
 * the drafts; an IP address cannot be rebound, so every address is allowed (for --host 0.0.0.0).
 */
export function isOwnHost(header: string | undefined, listening: { host: string; port: number }): boolean {
  if (!header) return false;
  let requested: URL;
  try {
    requested = new URL(`http://${header}`);
  } catch {
    return false;
  }
  if (requested.username || requested.password || requested.pathname !== "/") return false;
  if (Number(requested.port || 80) !== listening.port) return false;
  const name = requested.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return name === "localhost" || net.isIP(name) !== 0 || name === listening.host.toLowerCase();
}
