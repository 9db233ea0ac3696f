import { describeError } from "../problems/describe-error.ts";
import { startPreview } from "./preview.ts";
import { ServeAddressError } from "./serve-address.ts";

// Run by `castpress serve` in a child process, so an edit to castpress's code restarts it cleanly.
const [root, port, host] = process.argv.slice(2) as [string, string, string];

try {
  const preview = await startPreview({ root, port: Number(port), host });
  console.log(`castpress serve: ${preview.url} (drafts and scheduled episodes included; Ctrl+C stops)`);
  process.once("SIGTERM", () => void preview.close().then(() => process.exit(0)));
} catch (error) {
  // Exit code 2, as for any command line castpress cannot use; `castpress serve` exits with it.
  console.error(error instanceof ServeAddressError ? `castpress serve: ${error.message}` : describeError(error).join("\n"));
  process.exit(error instanceof ServeAddressError ? 2 : 1);
}
