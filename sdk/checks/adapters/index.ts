export * from "./docker-container";
export * from "./kubernetes-pod";
export * from "./units";
