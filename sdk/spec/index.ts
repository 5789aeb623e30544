export * from "./defaults";
export * from "./errors";
export * from "./image-ref";
export { checkService, defineService, httpProbe, isServiceSpec, tcpProbe } from "./normalize";
export * from "./schema";
export * from "./stack";
export * from "./types";
export * from "./units";
