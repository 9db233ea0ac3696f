import { describeError } from "../problems/describe-error.ts";
import { startPreview } from "./preview.ts";
import { ServeAddressError } from "./serve-address.ts";

// Run by `castpress serve` in a child process, so an edit to castpress's code restarts it cleanly.
const [root, port, host] = process.argv.slice(2) as [string, string, string];
const report = (error: unknown): void => console.error(`castpress serve: ${describeError(error).join("\n")}`);

// A fault outside a build (a failed search index, a dropped connection) is reported, and the preview goes on.
process.on("unhandledRejection", report);
// One that leaves the process in an unknown state is reported as one line too, and ends it.
process.on("uncaughtException", (error) => {
  report(error);
  process.exit(1);
});

try {
  const preview = await startPreview({ root, port: Number(port), host });
  process.once("SIGTERM", () => void preview.close().then(() => process.exit(0)));
} catch (error) {
  report(error);
  // Exit code 2, as for any command line castpress cannot use; `castpress serve` exits with it.
  process.exit(error instanceof ServeAddressError ? 2 : 1);
}
