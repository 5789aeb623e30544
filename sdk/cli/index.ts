export { processIo, run } from "./main";
export type { CliIo } from "./main";
