export * from "./posture";
export * from "./container-rules";
export * from "./adapters";
