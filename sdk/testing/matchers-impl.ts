/** Jest matchers over a PolicyReport; registered by ./matchers.ts (import it from a test). */
import type { ContainerView } from "./containers";
import { containersOf, CONTAINER_PROPERTIES, ContainerProperty } from "./containers";
import { formatViolations, PolicyReport } from "./evaluate";

type Result = { pass: boolean; message: () => string };
const isReport = (x: unknown): x is PolicyReport => typeof x === "object" && x !== null && Array.isArray((x as PolicyReport).violations);
const notAReport = (x: unknown): Result => ({ pass: false, message: () => `expected a PolicyReport from evaluatePolicies(), got ${typeof x}` });

export const shipshapeMatchers = {
  /** No mandatory violation: `pulumi preview --policy-pack` would pass. */
  toHaveNoMandatoryViolations(received: unknown): Result {
    if (!isReport(received)) return notAReport(received);
    // A program that registered nothing proves nothing: treat it as a failure, not a pass.
    if (received.resources.length === 0) return { pass: false, message: () => "expected a report over some resources, but the program registered none" };
    const bad = received.violations.filter((v) => v.enforcementLevel === "mandatory");
    return {
      pass: bad.length === 0,
      message: () => (bad.length ? `expected no mandatory violations, found ${bad.length}:\n${formatViolations(bad)}` : "expected mandatory violations, found none"),
    };
  },
  /** No violation at all, advisory included. */
  toHaveNoViolations(received: unknown): Result {
    if (!isReport(received)) return notAReport(received);
    const bad = received.violations;
    return { pass: bad.length === 0, message: () => (bad.length ? `expected no violations, found ${bad.length}:\n${formatViolations(bad)}` : "expected violations, found none") };
  },
  /** A violation of `policy` (optionally on the resource named `resourceName`). */
  toViolate(received: unknown, policy: string, resourceName?: string): Result {
    if (!isReport(received)) return notAReport(received);
    const hit = received.violations.filter((v) => v.policy === policy && (resourceName === undefined || v.urn?.endsWith(`::${resourceName}`)));
    return {
      pass: hit.length > 0,
      message: () =>
        hit.length
          ? `expected no "${policy}" violation${resourceName ? ` on ${resourceName}` : ""}, found:\n${formatViolations(hit)}`
          : `expected a "${policy}" violation${resourceName ? ` on ${resourceName}` : ""}; violations were:\n${formatViolations(received.violations) || "  (none)"}`,
    };
  },
  /** Every container has the property (`"limits"`, `"healthcheck"`, …) or satisfies the predicate. */
  toHaveEveryContainer(received: unknown, property: ContainerProperty | ((c: ContainerView) => boolean)): Result {
    if (!isReport(received) && !(typeof received === "object" && received !== null && "resources" in received)) return notAReport(received);
    const f = typeof property === "string" ? CONTAINER_PROPERTIES[property] : property;
    const cs = containersOf(received as PolicyReport);
    const without = cs.filter((c) => !f(c)).map((c) => c.name);
    const what = typeof property === "string" ? property : "the predicate";
    return {
      pass: cs.length > 0 && without.length === 0,
      message: () => (cs.length === 0 ? "the stack has no containers" : without.length ? `containers without ${what}: ${without.join(", ")}` : `expected some container without ${what}, but all ${cs.length} have it`),
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveNoMandatoryViolations(): R;
      toHaveNoViolations(): R;
      toViolate(policy: string, resourceName?: string): R;
      toHaveEveryContainer(property: ContainerProperty | ((c: ContainerView) => boolean)): R;
    }
  }
}
