import { PreviewProcess } from "../../serve/preview-process.ts";
import { parseHost, parsePort, ServeAddressError } from "../../serve/serve-address.ts";
import type { Command } from "../commands.ts";

export const serve: Command = {
  options: { root: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    let args: string[];
    try {
      const port = values.port === undefined && process.env.PORT ? parsePort(process.env.PORT, "PORT") : parsePort(String(values.port ?? "8080"));
      args = [String(values.root ?? process.cwd()), String(port), parseHost(String(values.host ?? "127.0.0.1"))];
    } catch (error) {
      if (!(error instanceof ServeAddressError)) throw error;
      // Exit code 2, as for any command line castpress cannot use.
      console.error(`castpress serve: ${error.message}`);
      return 2;
    }
    return new PreviewProcess(args).run();
  },
};
