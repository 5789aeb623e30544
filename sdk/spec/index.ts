export * from "./defaults";
export * from "./errors";
export * from "./image-ref";
export { checkService, defineService, isServiceSpec } from "./normalize";
export { httpProbe, tcpProbe } from "./healthcheck";
export * from "./schema";
export * from "./stack";
export * from "./types";
export * from "./units";
