import { collectionJsonLd, episodeJsonLd, jsonLdText, personJsonLd, websiteJsonLd } from "../web/structured-data.ts";

/** The pages' JSON-LD (src/web/structured-data.ts), as filters for templates/layouts/base.njk. */
export function webStructuredData(eleventyConfig: any): void {
  eleventyConfig.addFilter("jsonLd", jsonLdText);
  eleventyConfig.addFilter("episodeJsonLd", episodeJsonLd);
  eleventyConfig.addFilter("websiteJsonLd", websiteJsonLd);
  eleventyConfig.addFilter("collectionJsonLd", collectionJsonLd);
  eleventyConfig.addFilter("personJsonLd", personJsonLd);
}
