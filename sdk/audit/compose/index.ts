export * from "./interpolate";
export * from "./model";
export { parseCompose, parsePorts, parseVolumes } from "./parse";
export type { ParseComposeOptions } from "./parse";
export * from "./shell-split";
export * from "./units";
