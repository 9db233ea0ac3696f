import { Duration } from "luxon";
import type { Tally } from "./deliver.ts";

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Progress while sending: on a terminal one line rewritten in place (sent, failed, remaining,
 * rate, time left); otherwise, for logs, one line per 1,000 messages.
 */
export function sendProgress(total: number, stream: OutputStream): { update(tally: Tally): void; end(tally: Tally): void } {
  const started = performance.now();
  let shown = 0;
  let lastLogged = 0;
  const line = (tally: Tally) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? tally.sent / seconds : 0;
    const eta = rate > 0 ? formatDuration(tally.left / rate) : "…";
    return `sent ${tally.sent} · failed ${tally.failed.length} · remaining ${tally.left} of ${total} · ${rate.toFixed(0)}/s · ${eta} left`;
  };
  return {
    update(tally) {
      const done = total - tally.left;
      if (stream.isTTY) {
        const now = performance.now();
        if (now - shown < 100 && tally.left > 0) return;
        shown = now;
        stream.write(`\r\x1b[2K${line(tally)}`);
      } else if (Math.floor(done / 1000) > lastLogged) {
        lastLogged = Math.floor(done / 1000);
        stream.write(`${line(tally)}\n`);
      }
    },
    end(tally) {
      if (stream.isTTY) stream.write(`\r\x1b[2K${line(tally)}\n`);
    },
  };
}

export const formatDuration = (seconds: number): string =>
  Duration.fromMillis(Math.max(0, Math.round(seconds)) * 1000).toFormat(seconds >= 3600 ? "h:mm:ss" : "m:ss");
