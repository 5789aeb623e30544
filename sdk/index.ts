/**
 * Shipshape: typed, secure-by-default container delivery on Pulumi.
 * One normalized service spec feeds every target (Docker, compose, Kubernetes), and one rule
 * catalog feeds spec warnings, the policy pack and the audit.
 */
export * from "./rules";
export * from "./spec";
export * from "./docker";
export * from "./compose";
