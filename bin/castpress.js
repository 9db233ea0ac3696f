#!/usr/bin/env node
// Node 20 runs no TypeScript on its own: register tsx, then hand over to the CLI.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
