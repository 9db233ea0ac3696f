/** The CommonMark spec's examples, as the commonmark-spec package gives them. */
declare module "commonmark-spec" {
  export interface SpecExample {
    /** The Markdown, with tabs written as → (U+2192). */
    markdown: string;
    /** The HTML CommonMark makes of it, tabs likewise. */
    html: string;
    section: string;
    number: number;
  }
  export const tests: SpecExample[];
  export const text: string;
}
