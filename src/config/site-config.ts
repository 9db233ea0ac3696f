import path from "node:path";
import { z } from "zod";
import { appleCategoryIssues } from "./apple-categories.ts";
import { languageTagSchema } from "../language/language-tag-schema.ts";
import { didYouMean } from "../problems/did-you-mean.ts";
import { ProblemList } from "../problems/problem.ts";
import { SITE_CONFIG_FILE } from "../paths/project-files.ts";
import { readAuthorFile } from "../yaml/author-file.ts";
import { parseCheckedYaml } from "../yaml/checked-yaml.ts";


const text = (hint: string) => z.string().trim().min(1).describe(hint);
const httpsUrl = (hint: string) => z.url({ protocol: /^https$/ }).describe(hint);

/**
 * A value that goes into a mail header (From, Reply-To, List-Id, List-Unsubscribe): a line
 * break in it would end the header and let the rest add headers of its own (a Bcc:).
 */
const inMailHeader = <Schema extends z.ZodString>(schema: Schema) =>
  schema.refine((value) => !/[\u0000-\u001F\u007F\u0085\u2028\u2029]/.test(value), {
    message: "holds a line break or control character, which would end the mail header it goes into",
  });

/** A link readers follow from a page or an email: https or mailto, nothing a page would run (javascript:). */
const readerLink = (hint: string) =>
  z
    .string()
    .refine((value) => URL.canParse(value) && ["https:", "mailto:"].includes(new URL(value).protocol) && !/[\s\u0000-\u001F\u007F]/.test(value), {
      message: "is not an https: or mailto: link",
    })
    .describe(hint);

/**
 * With service: custom, the unsubscribe and manage links: a link, or the service's merge tag
 * (`{{ unsubscribe }}`), which has no scheme. They go into the List-Unsubscribe header too.
 */
const serviceLink = (hint: string) =>
  inMailHeader(z.string())
    .refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value) || /^(https|mailto):/i.test(value), { message: "is not an https: or mailto: link" })
    .refine((value) => !/[<>]/.test(value), { message: "holds < or >, which would end the link in the List-Unsubscribe header" })
    .describe(hint);

const timeZone = z
  .string()
  .refine((zone) => isTimeZone(zone), {
    error: (issue) => `is not an IANA time zone${didYouMean(String(issue.input), Intl.supportedValuesOf("timeZone"))}`,
  })
  .describe('write an IANA zone name such as "Asia/Tokyo" or "Europe/London"');

const language = languageTagSchema('write the site\'s language as a BCP 47 tag such as "en", "en-GB" or "ko"');

const person = z.strictObject({
  name: text("write the person's name"),
  role: z.string().optional().describe('a Podcasting 2.0 role such as "host"'),
  href: httpsUrl("a page about the person, as an https URL").optional(),
  img: httpsUrl("a picture of the person, as an https URL").optional(),
});

/** An optional section written with nothing under it (`email:`, the rest commented out) is left out. */
const leftOutWhenEmpty = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => value ?? undefined, schema);

/** The merge tags a mail service replaces per subscriber, by preset. */
export const MAIL_SERVICE_PRESETS = {
  listmonk: { unsubscribe: "{{ UnsubscribeURL }}", manage: "{{ ManageURL }}" },
  mailchimp: { unsubscribe: "*|UNSUB|*", manage: "*|UPDATE_PROFILE|*" },
  buttondown: { unsubscribe: "{{ unsubscribe_url }}", manage: "{{ subscriber.manage_url }}" },
  ghost: { unsubscribe: "%recipient.unsubscribe_url%", manage: "%recipient.manage_account_url%" },
} as const;

const email = z
  .strictObject({
    from: inMailHeader(z.string().trim().min(1)).describe('the sender, as "Name <address@example.org>" on one line'),
    replyTo: inMailHeader(z.string()).optional().describe("the address replies go to, on one line"),
    postalAddress: text("the sender's postal address, which anti-spam laws require in every issue"),
    reason: z
      .string()
      .optional()
      .describe("one sentence on why the reader gets this email, shown in the footer"),
    service: z
      .enum(["listmonk", "mailchimp", "buttondown", "ghost", "custom", "castpress"])
      .default("listmonk")
      .describe("the mail service whose merge tags fill the unsubscribe and manage links, or castpress (castpress send fills them)"),
    unsubscribeUrl: serviceLink(
      "with service: custom, the unsubscribe link (https: or mailto:) or merge tag; with service: castpress, an https URL with {token} (and {email})",
    ).optional(),
    manageUrl: serviceLink("with service: custom, the manage-subscription link (https: or mailto:) or merge tag; optional with service: castpress").optional(),
    unsubscribeMailto: z
      .email()
      .optional()
      .describe("an address that unsubscribes whoever writes to it, for the List-Unsubscribe header"),
    listId: z
      .string()
      // RFC 2919: a dot-atom, which the List-Id header wraps in <...>.
      .regex(/^[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)+$/, "is not a list id")
      .optional()
      .describe('a List-Id such as "castpress.example.org": words joined by dots, nothing else'),
    logo: z.string().optional().describe("a logo image: a path in the project or an https URL"),
  })
  .refine((mail) => mail.service !== "custom" || (mail.unsubscribeUrl && mail.manageUrl), {
    message: "needs unsubscribeUrl and manageUrl when service is custom",
  })
  .refine((mail) => mail.service !== "castpress" || (mail.unsubscribeUrl?.startsWith("https://") && mail.unsubscribeUrl.includes("{token}")), {
    message: "needs unsubscribeUrl, an https URL with {token} in it, when service is castpress (castpress send puts each subscriber's token there)",
  })
  .describe("the email settings: from, postalAddress and service");

const podcast = z.strictObject({
  category: text('a category from Apple\'s list, such as "News"'),
  subcategory: z.string().optional().describe('a subcategory of it from Apple\'s list, such as "Politics"'),
  type: z.enum(["episodic", "serial"]).default("episodic").describe("episodic or serial"),
  owner: z
    .strictObject({ name: text("the owner's name"), email: z.email().describe("the owner's email") })
    .describe("the feed's owner: name and email, which Apple requires"),
  guid: z.uuid().optional().describe("the podcast:guid to keep after the feed moves: a UUID"),
  locked: z.boolean().default(true).describe("true or false"),
  funding: leftOutWhenEmpty(z.strictObject({ url: httpsUrl("the funding page, as an https URL"), text: text("the link's text") }).optional()),
  hosts: z.array(person).default([]),
}).superRefine((value, context) => {
  for (const issue of appleCategoryIssues(value.category, value.subcategory)) {
    context.addIssue({ code: "custom", path: [issue.field], message: issue.message });
  }
});

const feeds = z
  .strictObject({
    latest: z.int().min(1).default(20).describe("how many of the newest issues feed.xml carries, in full: a whole number from 1"),
    fullShowNotes: z
      .int()
      .min(0)
      .default(20)
      .describe("how many of the newest episodes podcast.xml gives full show notes (older ones get a summary and a link): a whole number from 0"),
  })
  .default({ latest: 20, fullShowNotes: 20 })
  .describe("how much the feeds carry: latest and fullShowNotes");

const siteConfigSchema = z.strictObject({
  title: text('the publication\'s name: title: "My Newsletter"'),
  description: text("one or two sentences about the publication"),
  author: text("the author's name"),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    // zod runs this even when the URL check above failed: only a URL that parses has a query.
    .refine((url) => !URL.canParse(url) || (!new URL(url).search && !new URL(url).hash), { message: "must not hold a query (?) or a fragment (#)" })
    // Every page, feed and email would publish it.
    .refine((url) => !URL.canParse(url) || (new URL(url).username === "" && new URL(url).password === ""), {
      message: "holds a user name or password, which every page would publish",
    })
    // Kept without its trailing slash: "https://user.github.io/show" (src/paths/output-paths.ts makes every URL under it).
    .transform((url) => url.replace(/\/+$/, ""))
    .describe("where the site is published, such as https://example.org or https://user.github.io/show/"),
  language: language.default("en"),
  timeZone: timeZone.default("UTC"),
  explicit: z.boolean().default(false).describe("true or false"),
  copyright: z.string().optional().describe("the copyright line for the feeds"),
  image: z.string().optional().describe("the podcast's square art: a path in the project or an https URL"),
  signup: readerLink("where readers sign up for the email: an https URL or a mailto: link").optional(),
  perPage: z.int().min(1).max(100).default(10).describe("how many episodes per archive page: 1 to 100"),
  feeds: leftOutWhenEmpty(feeds),
  podcast: leftOutWhenEmpty(podcast.optional()),
  email: leftOutWhenEmpty(email.optional()),
});

export type SiteConfig = z.output<typeof siteConfigSchema> & {
  /** The project folder, absolute. */
  root: string;
};
export type PodcastConfig = NonNullable<SiteConfig["podcast"]>;
export type EmailConfig = NonNullable<SiteConfig["email"]>;

export interface LoadedSiteConfig {
  config?: SiteConfig;
  problems: ProblemList;
  /** The line of a key in castpress.yaml, for problems found later (a missing image file). */
  lineOf: (path: (string | number)[]) => number;
  /**
   * What to check episodes against: the config, or when it has mistakes its keys that are
   * right over safe defaults, so one `check` still reports every episode's problems too.
   */
  checkWith: SiteConfig;
}

const FALLBACK: Omit<SiteConfig, "root"> = {
  title: "",
  description: "",
  author: "",
  baseUrl: "https://example.invalid",
  language: "en",
  timeZone: "UTC",
  explicit: false,
  perPage: 10,
  feeds: { latest: 20, fullShowNotes: 20 },
};

export async function loadSiteConfig(root: string): Promise<LoadedSiteConfig> {
  const problems = new ProblemList(SITE_CONFIG_FILE);
  let source: string | undefined;
  try {
    source = await readAuthorFile(path.join(root, SITE_CONFIG_FILE), problems);
  } catch {
    problems.error(1, "the site config file is missing", `create ${SITE_CONFIG_FILE} with at least title, description, author and baseUrl`);
    return { problems, lineOf: () => 1, checkWith: { ...FALLBACK, root } };
  }
  if (source === undefined) return { problems, lineOf: () => 1, checkWith: { ...FALLBACK, root } };
  const { data, partial, lineOf } = parseCheckedYaml(source, siteConfigSchema, problems);
  if (data) return { config: { ...data, root }, problems, lineOf, checkWith: { ...data, root } };
  return { problems, lineOf, checkWith: { ...FALLBACK, ...partial, root } };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

