import type nunjucks from "nunjucks";
import { collectionJsonLd, episodeJsonLd, jsonLdText, personJsonLd, websiteJsonLd } from "./structured-data.ts";

/** The pages' JSON-LD (structured-data.ts), as filters for templates/layouts/base.njk. */
export function addWebFilters(environment: nunjucks.Environment): void {
  environment.addFilter("jsonLd", jsonLdText);
  environment.addFilter("episodeJsonLd", episodeJsonLd);
  environment.addFilter("websiteJsonLd", websiteJsonLd);
  environment.addFilter("collectionJsonLd", collectionJsonLd);
  environment.addFilter("personJsonLd", personJsonLd);
}
