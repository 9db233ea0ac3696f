// Preloaded with `node --import` (through NODE_OPTIONS) into a castpress process under test:
// every attempt to reach another machine (a TCP or TLS connection to a non-loopback host, a
// DNS lookup of a name other than localhost, fetch) fails loudly and is written, one JSON
// line each, to the file in CASTPRESS_NETWORK_LOG, so a test can assert there were none.
import { appendFileSync } from "node:fs";
import dns from "node:dns";
import net from "node:net";

const log = process.env.CASTPRESS_NETWORK_LOG;
if (!log) throw new Error("network-guard: set CASTPRESS_NETWORK_LOG to the file that records attempts");

// Proof the guard ran in this process, for tests that expect no attempts at all.
appendFileSync(`${log}.guarded`, `${process.pid}\n`);

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const isLoopback = (host) => host === undefined || LOOPBACK.has(String(host).replace(/^\[|\]$/g, "")) || /^127\./.test(String(host));

function refuse(kind, target) {
  appendFileSync(log, `${JSON.stringify({ kind, target: String(target), pid: process.pid })}\n`);
  const error = new Error(`network-guard: ${kind} to ${target} refused (a build must not reach the network)`);
  error.code = "ECONNREFUSED";
  return error;
}

// net.connect, tls.connect and http(s) requests all go through Socket.prototype.connect.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (options?.path === undefined && !isLoopback(options?.host)) {
    const error = refuse("connect", `${options?.host}:${options?.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

for (const api of [dns, dns.promises]) {
  for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) {
    const original = api[name];
    if (typeof original !== "function") continue;
    api[name] = function (hostname, ...rest) {
      if (isLoopback(hostname)) return original.call(this, hostname, ...rest);
      const error = refuse(`dns.${name}`, hostname);
      const callback = rest.findLast((arg) => typeof arg === "function");
      if (api === dns.promises) return Promise.reject(error);
      if (callback) process.nextTick(callback, error);
      return undefined;
    };
  }
}

// undici's fetch keeps its own sockets; check the URL before it starts.
const originalFetch = globalThis.fetch;
globalThis.fetch = async function (input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  if (!isLoopback(url.hostname)) throw refuse("fetch", url.href);
  return originalFetch.call(this, input, init);
};
