export * from "./resource";
export * from "./stack";
import { resourcePolicies } from "./resource";
import { stackPolicies } from "./stack";

/** Every policy of the pack: one per runtime rule, then the stack policies. */
export const allPolicies = [...resourcePolicies, ...stackPolicies];
