import nodemailer from "nodemailer";
import { redactedSmtpUrl } from "./smtp-url.ts";

/** Why a test send did not happen, in words an author can act on. */
export class TestSendError extends Error {}

/**
 * Sends a composed message as it is to one address through the SMTP server in SMTP_URL
 * (`smtp://user:pass@host:587`, `smtps://...`).
 */
export async function sendTestMessage(message: Buffer, envelope: { from: string; to: string }, smtpUrl: string | undefined): Promise<string> {
  if (!smtpUrl) {
    throw new TestSendError("no SMTP server to send through: set SMTP_URL, e.g. SMTP_URL=smtps://user:password@smtp.example.org:465");
  }
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw: message });
    return info.response;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TestSendError(`the SMTP server at ${redactedSmtpUrl(smtpUrl)} did not take the message: ${reason}`);
  } finally {
    transport.close();
  }
}
