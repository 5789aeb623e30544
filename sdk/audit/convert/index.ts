export { convertCompose, convertComposeDetailed } from "./convert";
export type { ConvertOptions, ConvertResult } from "./convert";
export { dnsLabel } from "./plan";
export type { PlannedError, PlannedField, ServicePlan } from "./plan";
