import nodemailer from "nodemailer";

/** Why a test send did not happen, in words an author can act on. */
export class TestSendError extends Error {}

/**
 * Sends a built .eml as it is to one address through the SMTP server in SMTP_URL
 * (`smtp://user:pass@host:587`, `smtps://...`). The From is the message's own.
 */
export async function sendTestMessage(message: Buffer, to: string, smtpUrl: string | undefined): Promise<string> {
  if (!smtpUrl) {
    throw new TestSendError("no SMTP server to send through: set SMTP_URL, e.g. SMTP_URL=smtps://user:password@smtp.example.org:465");
  }
  const from = /^From:\s*(.*)$/im.exec(message.toString("utf8", 0, Math.min(message.length, 16384)))?.[1];
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const info = await transport.sendMail({ envelope: { from: envelopeAddress(from), to: [to] }, raw: message });
    return info.response;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TestSendError(`the SMTP server at ${redact(smtpUrl)} did not take the message: ${reason}`);
  } finally {
    transport.close();
  }
}

/** The bare address in `Name <address>`. */
function envelopeAddress(from: string | undefined): string | undefined {
  return from ? (/<([^>]+)>/.exec(from)?.[1] ?? from.trim()) : undefined;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.href;
  } catch {
    return "SMTP_URL";
  }
}
