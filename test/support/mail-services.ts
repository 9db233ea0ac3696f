import nunjucks from "nunjucks";

/**
 * What each mail service does to an issue when it sends it, for the tests: the own merge tags
 * filled with each subscriber's values, and every other tag the service's language would read
 * reported as a failure. Where a real engine runs here it is used (Buttondown's Django/Jinja-style
 * templates: Nunjucks); where none does, the service's documented syntax is followed exactly.
 */
export type ServiceProcessor = (template: string, values: Record<string, string>) => string;

/**
 * listmonk runs Go's text/template (html/template for the HTML) over the body, the text and the
 * subject. From the spec (https://pkg.go.dev/text/template): an action is everything from `{{` to
 * the next `}}` outside a string literal; `{{- ` and ` -}}` trim. Here an action may be a
 * string literal (printed as is: listmonk's escape `{{"{{"}}`) or the name of one of the
 * subscriber's values (`UnsubscribeURL`); anything else is author text the service would run.
 */
export const asListmonk: ServiceProcessor = (template, values) => {
  let output = "";
  let at = 0;
  for (;;) {
    const open = template.indexOf("{{", at);
    if (open < 0) return output + template.slice(at);
    output += template.slice(at, open);
    const { action, end } = readAction(template, open + 2);
    const body = action.replace(/^-\s/, "").replace(/\s-$/, "").trim();
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(body);
    if (literal) output += JSON.parse(`"${literal[1]}"`);
    else if (body in values) output += values[body];
    else throw new Error(`listmonk would run {{${action}}} at ${open}: …${template.slice(Math.max(0, open - 40), open + 40)}…`);
    at = end;
  }
};

/** Buttondown's templates, run by a real Django/Jinja-style engine (Nunjucks), autoescape off as for text. */
export const asButtondown: ServiceProcessor = (template, values) => {
  const context: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) setPath(context, name, value);
  // Undefined names print as "": an author's `{{ x }}` that got through would vanish, and the text check catches it.
  return new nunjucks.Environment(null, { autoescape: false }).renderString(template, context);
};

/** Mailchimp replaces every `*|TAG|*` (https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/). */
export const asMailchimp: ServiceProcessor = (template, values) =>
  template.replace(/\*\|([^|]*?)\|\*/g, (tag, name: string) => {
    if (!(name in values)) throw new Error(`Mailchimp would fill ${tag}`);
    return values[name]!;
  });

/** Mailgun (Ghost's sender) replaces every `%recipient.name%` from its recipient variables. */
export const asMailgun: ServiceProcessor = (template, values) =>
  template.replace(/%recipient\.([^%\s]*)%/g, (tag, name: string) => {
    if (!(`recipient.${name}` in values)) throw new Error(`Mailgun would fill ${tag}`);
    return values[`recipient.${name}`]!;
  });

function readAction(template: string, from: number): { action: string; end: number } {
  let at = from;
  while (at < template.length) {
    if (template.startsWith("}}", at)) return { action: template.slice(from, at), end: at + 2 };
    const quote = template[at];
    if (quote === '"' || quote === "`") {
      at++;
      while (at < template.length && template[at] !== quote) at += template[at] === "\\" && quote === '"' ? 2 : 1;
    }
    at++;
  }
  throw new Error(`listmonk would fail: an action opened at ${from - 2} never closes`);
}

function setPath(target: Record<string, unknown>, dotted: string, value: string): void {
  const parts = dotted.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}
