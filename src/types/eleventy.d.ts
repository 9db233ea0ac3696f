// Eleventy ships no types; this is the part of its programmatic API castpress uses.
declare module "@11ty/eleventy" {
  export interface EleventyResult {
    inputPath: string;
    outputPath: string | false;
    url: string;
    content: string;
  }
  export class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>, eleventyConfig?: unknown);
    write(): Promise<unknown>;
    /** With init(), makes the next write() read data and templates afresh (what --watch does). */
    restart(): Promise<void>;
    init(): Promise<void>;
    toJSON(): Promise<EleventyResult[]>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    setIncrementalBuild(incremental: boolean): void;
    disableLogger(): void;
    setIsVerbose(verbose: boolean): void;
    stopWatch(): Promise<void>;
  }
}
