import path from "node:path";

/**
 * What sending keeps in the project between runs: the journal of each issue's send and the
 * addresses unsubscribed with `castpress unsubscribe`. Outside dist/ (never published) and
 * .cache/ (which may be deleted at any time), and git-ignored: it holds subscribers' addresses.
 */
export const SEND_STATE_DIR = ".castpress";

export const sendJournalFile = (root: string, slug: string): string => path.join(root, SEND_STATE_DIR, "sends", `${slug}.jsonl`);
export const unsubscribedFile = (root: string): string => path.join(root, SEND_STATE_DIR, "unsubscribed.txt");
