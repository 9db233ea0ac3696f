import { MAIL_SERVICE_PRESETS, type EmailConfig } from "../config/site-config.ts";

export interface MailServiceLinks {
  /** The unsubscribe link: a merge tag the mail service replaces per subscriber, or a URL. */
  unsubscribe: string;
  manage: string;
}

/**
 * The unsubscribe and manage links for the configured mail service. They are data, written
 * into every output exactly as configured: the mail service, not Nunjucks, fills them in.
 * With `service: castpress`, `castpress send` fills each subscriber's own (send/unsubscribe-links.ts).
 */
export function mailServiceLinks(email: EmailConfig): MailServiceLinks {
  if (email.service === "custom" || email.service === "castpress") return { unsubscribe: email.unsubscribeUrl ?? "", manage: email.manageUrl ?? "" };
  return { ...MAIL_SERVICE_PRESETS[email.service] };
}
