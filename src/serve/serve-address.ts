import net from "node:net";

/** A `--port` or `--host` serve cannot use: one line for the author, and exit code 2. */
export class ServeAddressError extends Error {}

/** The port as given: a whole number from 0 (any free port) to 65535. */
export function parsePort(text: string, source = "--port"): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65535)) throw new ServeAddressError(`${source} "${text}" is not a port — give a number from 1 to 65535, or 0 for any free port`);
  return port;
}

/** The host as given; whether it names this machine is known only when serve listens on it. */
export function parseHost(text: string): string {
  if (!/^[\w.:%-]+$/.test(text)) throw new ServeAddressError(`--host "${text}" is not a host name or address — use 127.0.0.1 (the default), localhost, or an address of this machine`);
  return text;
}

/** Why listening failed, as one line saying what to do. */
export function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): ServeAddressError {
  const where = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return new ServeAddressError(`${where} is already in use — stop the program using it, or pick another port with --port (0 picks a free one)`);
    case "EACCES":
      return new ServeAddressError(`${where} needs administrator rights — use a port above 1023, such as --port 8080`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new ServeAddressError(`--host "${host}" is not a known host name — use 127.0.0.1 (the default), localhost, or an address of this machine`);
    case "EADDRNOTAVAIL":
      return new ServeAddressError(`--host "${host}" is not an address of this machine — use 127.0.0.1 (the default), or one of this machine's addresses`);
    default:
      return new ServeAddressError(`cannot listen on ${where}: ${error.message} — try another --port or --host`);
  }
}
