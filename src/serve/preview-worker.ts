import { startPreview } from "./preview-builder.ts";

// Run by `castpress serve` in a child process, so an edit to castpress's code restarts it cleanly.
const [root, port, host] = process.argv.slice(2) as [string, string, string];
const preview = await startPreview({ root, port: Number(port), host });
console.log(`castpress serve: ${preview.url} (drafts and scheduled episodes included; Ctrl+C stops)`);
process.once("SIGTERM", () => void preview.close().then(() => process.exit(0)));
