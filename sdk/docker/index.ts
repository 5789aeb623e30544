export * from "./container-args";
export * from "./naming";
export * from "./network-args";
export * from "./secrets";
export * from "./service";
export * from "./stack";
