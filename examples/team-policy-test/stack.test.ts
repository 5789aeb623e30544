/**
 * The team's own policy test: run the stack under Pulumi mocks, evaluate Shipshape's policy
 * pack in-process, and assert. Runs with `npx jest examples/team-policy-test`.
 */
import { checkProgram, containersWithout, PolicyReport } from "../../sdk/testing";
import "../../sdk/testing/matchers";
import { createStack } from "./stack";

describe("team stack", () => {
  let report: PolicyReport;
  beforeAll(async () => {
    report = await checkProgram(() => createStack());
  }, 60000);

  test("passes the policy pack: no mandatory violations (what CI's preview would block)", () => {
    expect(report).toHaveNoMandatoryViolations();
  });

  test("has no advisory findings either", () => {
    expect(report).toHaveNoViolations();
  });

  test("every container has limits, a healthcheck and a read-only root", () => {
    expect(containersWithout(report, "limits")).toEqual([]);
    expect(report).toHaveEveryContainer("healthcheck");
    expect(report).toHaveEveryContainer("readOnlyRootFilesystem");
  });
});

describe("the same stack with one mistake", () => {
  test("an unpinned image is blocked", async () => {
    const report = await checkProgram(() => createStack({ webTag: "latest" }));
    expect(report).toViolate("pinned-image", "web");
    expect(report).not.toHaveNoMandatoryViolations();
  });

  test("a port published on 0.0.0.0 is blocked unless a reason is given", async () => {
    const open = await checkProgram(() => createStack({ mutateWeb: (a) => ({ ...a, ports: [{ internal: 8080, external: 18080, ip: "0.0.0.0" }] }) }));
    expect(open).toViolate("ports-bound-to-interface", "web");
    expect(open).not.toHaveNoMandatoryViolations();

    const reasoned = await checkProgram(() =>
      createStack({ mutateWeb: (a) => ({ ...a, ports: [{ internal: 8080, external: 18080, ip: "0.0.0.0" }], labels: [{ label: "shipshape.dev/relax.publicPorts", value: "public site behind the host firewall" }] }) }),
    );
    expect(reasoned).toHaveNoMandatoryViolations();
  });

  test("forgetting the limits shows up by container name", async () => {
    const report = await checkProgram(() => createStack({ mutateWeb: ({ memory: _m, memorySwap: _s, ...a }) => a }));
    expect(containersWithout(report, "limits")).toEqual(["web"]);
    expect(report).toViolate("memory-limit", "web");
  });
});
