// Node 20 runs no TypeScript on its own: register tsx, then load the real config.
import { register } from "tsx/esm/api";

register();
const { default: castpress } = await import("./eleventy.config.ts");
export default castpress;
