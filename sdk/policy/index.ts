/**
 * Shipshape's CrossGuard policies. Importing this module has no side effects: the
 * PolicyPack itself is constructed only in policy-pack/index.ts (a second PolicyPack in one
 * process exits it, DESIGN.md).
 */
export * from "./config";
export * from "./image-findings";
export * from "./kubernetes";
export * from "./policies";
export * from "./resource-findings";
export * from "./resource-types";
export * from "./rule-policy";
export * from "./unknowns";
