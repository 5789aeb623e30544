export * from "./lint";
export * from "./metadata";
export * from "./recipes";
export * from "./scan";
export * from "./secure-image";
export * from "./sign";
export { shellLine, shq } from "./util/shell";
