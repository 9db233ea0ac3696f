import { readFile } from "node:fs/promises";
import type { ProblemList } from "../problems/problem.ts";

/**
 * Reads a file the author wrote (an episode, castpress.yaml, people.yaml) as the text every
 * check and output then sees: UTF-8 without a byte-order mark, lines ending in "\n". A file
 * saved by a Windows editor (CRLF, a BOM) so reads exactly as the same file saved with LF.
 * Bytes that are not UTF-8 are refused at their line: decoding them would silently publish
 * U+FFFD in place of what the author wrote. Undefined when refused; a missing file throws.
 */
export async function readAuthorFile(file: string, problems: ProblemList): Promise<string | undefined> {
  return authorText(await readFile(file), problems);
}

/** The bytes of an author's file as text, or undefined after reporting why they are not UTF-8. */
export function authorText(bytes: Uint8Array, problems: ProblemList): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.error(1, "the file is saved as UTF-16, not UTF-8", "save it as UTF-8 (in your editor's Save As or Encoding menu)");
    return undefined;
  }
  let text: string;
  try {
    // ignoreBOM: false (the default) drops a leading U+FEFF, which is how UTF-8 files start on Windows.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const { line, byte } = firstInvalidByte(bytes);
    problems.error(
      line,
      `this line holds a byte that is not UTF-8 (0x${byte.toString(16).toUpperCase().padStart(2, "0")}): the file is in another encoding`,
      "save the file as UTF-8 (in your editor's Save As or Encoding menu)",
    );
    return undefined;
  }
  // YAML and CommonMark both count "\r\n" and a lone "\r" as one line break.
  return text.replace(/\r\n?/g, "\n");
}

/** The line (counting CRLF, CR and LF as line breaks) and value of the first byte that is not UTF-8. */
function firstInvalidByte(bytes: Uint8Array): { line: number; byte: number } {
  let line = 1;
  for (let index = 0; index < bytes.length; ) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) line++;
      index++;
      continue;
    }
    const length = sequenceLength(bytes, index);
    if (length === 0) return { line, byte };
    index += length;
  }
  return { line: 1, byte: bytes[0] ?? 0 };
}

/**
 * How many bytes the well-formed UTF-8 sequence at `index` takes, 0 when there is none there
 * (Unicode's table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index]!;
  const [length, secondLow, secondHigh] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0) return 0;
  const second = bytes[index + 1] ?? 0;
  if (second < secondLow || second > secondHigh) return 0;
  for (let next = 2; next < length; next++) {
    const continuation = bytes[index + next] ?? 0;
    if (continuation < 0x80 || continuation > 0xbf) return 0;
  }
  return length;
}
