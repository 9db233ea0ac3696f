import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface Arrival {
  /** The envelope's recipient. */
  to: string;
  raw: Buffer;
  mail?: ParsedMail;
}

/** Faults the sink injects, each consumed as messages come. */
export interface Faults {
  /** Drop the connection, without an answer, after reading the next N messages' data. */
  drops: number;
  /** Answer these to the next messages' data, in turn (421 also closes the connection). */
  temporary: number[];
  /** Addresses refused for good at RCPT TO (550). */
  refused: Set<string>;
}

export interface SmtpSink {
  url: string;
  /** Every accepted message, in order. */
  arrivals: Arrival[];
  /** Messages whose connection was dropped before the server answered: not accepted. */
  dropped: Arrival[];
  /** Accepted messages per recipient address (lower case). */
  count(address: string): number;
  faults: Faults;
  /** Called after each accepted message. */
  onArrival?: (arrival: Arrival) => void;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a loopback port that keeps every message it accepts,
 * counts them per recipient, parses them with mailparser when asked, and injects faults: dropped
 * connections, temporary refusals (421/451) and a permanent one (550) for chosen addresses.
 */
export async function startSmtpSink(options: { parse?: boolean; keepRaw?: boolean } = {}): Promise<SmtpSink> {
  const counts = new Map<string, number>();
  const sink: SmtpSink = {
    url: "",
    arrivals: [],
    dropped: [],
    count: (address) => counts.get(address.toLowerCase()) ?? 0,
    faults: { drops: 0, temporary: [], refused: new Set() },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: SMTPServer = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (sink.faults.refused.has(address.address.toLowerCase())) return callback(Object.assign(new Error("no such mailbox here"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (sink.faults.drops > 0) {
          sink.faults.drops--;
          sink.dropped.push({ to: session.envelope.rcptTo[0]?.address ?? "", raw: Buffer.concat(chunks) });
          return dropConnection(server, session);
        }
        const temporary = sink.faults.temporary.shift();
        if (temporary) return callback(Object.assign(new Error(temporary === 421 ? "too busy, try later" : "local problem, try later"), { responseCode: temporary }));
        const raw = Buffer.concat(chunks);
        const accept = async () => {
          for (const rcpt of session.envelope.rcptTo) {
            const arrival: Arrival = { to: rcpt.address, raw: options.keepRaw === false ? Buffer.alloc(0) : raw, ...(options.parse && { mail: await simpleParser(raw) }) };
            counts.set(rcpt.address.toLowerCase(), (counts.get(rcpt.address.toLowerCase()) ?? 0) + 1);
            if (options.keepRaw !== false || options.parse) sink.arrivals.push(arrival);
            sink.onArrival?.(arrival);
          }
        };
        accept().then(() => callback(), callback);
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}

/** The connection of a session, cut without a reply: what a crashed or overloaded server does. */
function dropConnection(server: SMTPServer, session: SMTPServerSession): void {
  const connections = (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections;
  for (const connection of connections) if (connection.id === session.id) connection._socket.destroy();
}
