/**
 * Shipshape: typed, secure-by-default container delivery on Pulumi.
 * One normalized service spec feeds every target (Docker, compose, Kubernetes), and one rule
 * catalog feeds spec warnings, the policy pack and the audit.
 * Test helpers live at the `shipshape/testing` subpath (they patch the mock monitor and need jest).
 */
export * from "./rules";
export * from "./spec";
export * from "./docker";
export * from "./compose";
export * from "./kubernetes";
export * from "./checks";
export * from "./policy";
export * from "./audit";
// The image module as a namespace (its scanner/lint type names would clash at the top level),
// plus the names people reach for first.
export * as image from "./image";
export { SecureImage, lintDockerfile, nodeRecipe, pythonRecipe, staticRecipe } from "./image";
