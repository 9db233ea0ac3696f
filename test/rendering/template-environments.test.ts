import { describe, expect, it } from "vitest";
import type { Episode } from "../../src/episode/episode.ts";
import { templateEnvironments } from "../../src/rendering/template-environments.ts";

// Only what an episode card shows (templates/partials/episode-card.njk).
const episode = (slug: string, title: string, tags: string[] = []) =>
  ({ slug, title, date: new Date("2025-01-16T09:00:00Z"), tags, draft: false, scheduled: false }) as unknown as Episode;

const site = (baseUrl: string) => ({ baseUrl, language: "en", timeZone: "UTC", title: "Show" });

/** The archive's list, as archive, tag and person pages include it. */
function list(environment: ReturnType<typeof templateEnvironments>["markup"], listedEpisodes: Episode[], castpress: object): string {
  return environment.render("partials/episode-list.njk", { listedEpisodes, castpress });
}

describe("episode cards (archive, tag and person pages)", () => {
  it("shows each listed episode once, in order, with its link, date and tags, escaped", () => {
    const { markup } = templateEnvironments();
    const first = episode("first", "Ties <reset> & renewed", ["China"]);
    const second = episode("second", "Second");
    const html = list(markup, [first, second], { site: site("https://example.org/show/"), episodes: [first, second] });
    expect(html.match(/<li class="episode-card">/g)).toHaveLength(2);
    expect(html.indexOf('href="/show/episodes/first/"')).toBeLessThan(html.indexOf('href="/show/episodes/second/"'));
    expect(html).toContain("Ties &lt;reset&gt; &amp; renewed");
    expect(html).toContain("January 16, 2025");
    expect(html).toContain('<a href="/show/tags/china/">China</a>');
  });

  it("shows the same card on every list of one build", () => {
    const { markup } = templateEnvironments();
    const [a, b] = [episode("a", "A"), episode("b", "B")];
    const castpress = { site: site("https://example.org/"), episodes: [a, b] };
    const card = (html: string, slug: string) => html.split('<li class="episode-card">').find((part) => part.includes(`/episodes/${slug}/`));
    expect(card(list(markup, [b], castpress), "b")).toBe(card(list(markup, [a, b], castpress), "b"));
  });

  it("renders the cards anew for the next build: an episode kept from the last one shows the new site's links", () => {
    const { markup } = templateEnvironments();
    const kept = episode("kept", "Kept");
    expect(list(markup, [kept], { site: site("https://example.org/old/"), episodes: [kept] })).toContain('href="/old/episodes/kept/"');
    const next = list(markup, [kept], { site: site("https://example.org/new/"), episodes: [kept] });
    expect(next).toContain('href="/new/episodes/kept/"');
    expect(next).not.toContain("/old/");
  });
});
