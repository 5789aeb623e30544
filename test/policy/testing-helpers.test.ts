/** sdk/testing: capture under mocks, secrets remembered, preview unknowns, matchers and helpers. */
import * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import { allPolicies, noPrivileged } from "../../sdk/policy";
import { checkProgram, containersWithout, evaluatePolicies, everyContainer, runProgramUnderMocks } from "../../sdk/testing";
import "../../sdk/testing/matchers";
import { HAPPY_CONTAINER_ARGS } from "./fixtures";

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test("captures type, name, URN, parent and inputs; secrets are unwrapped and remembered", async () => {
  class Svc extends pulumi.ComponentResource {
    constructor(name: string) {
      super("team:app:Svc", name);
      const cfg = new pulumi.Config();
      new docker.Container(`${name}-c`, { image: "app:1.0.0", envs: [pulumi.interpolate`TOKEN_FILE=${cfg.requireSecret("tok")}`] }, { parent: this });
      this.registerOutputs({});
    }
  }
  const run = await runProgramUnderMocks(() => ({ svc: new Svc("web").urn }), { config: { tok: "s3cret" }, secretConfigKeys: ["tok"] });
  const c = run.resources.find((r) => r.type === "docker:index/container:Container")!;
  expect(c).toEqual({
    type: "docker:index/container:Container",
    name: "web-c",
    urn: "urn:pulumi:test::project::team:app:Svc$docker:index/container:Container::web-c",
    parent: "urn:pulumi:test::project::team:app:Svc::web",
    custom: true,
    inputs: { image: "app:1.0.0", envs: ["TOKEN_FILE=s3cret"] },
    secretPaths: ["envs"],
  });
  expect(run.outputs).toEqual({ svc: "urn:pulumi:test::project::team:app:Svc::web" });
});

test("runs do not leak resources into each other", async () => {
  await runProgramUnderMocks(() => new docker.Network("one", { internal: true }));
  const second = await runProgramUnderMocks(() => new docker.Network("two", { internal: true }));
  expect(second.resources.map((r) => r.name)).toEqual(["two"]);
});

test("in preview, unknown inputs skip only the rules that read them", async () => {
  const run = await runProgramUnderMocks(
    () => {
      const img = new docker.RemoteImage("img", { name: "registry.example.com/team/api:1.4.2" });
      // repoDigest is an output the mock does not return: unknown during preview.
      new docker.Container("api", { ...(clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs), image: img.repoDigest, privileged: true });
    },
    { preview: true },
  );
  const c = run.resources.find((r) => r.name === "api")!;
  expect(c.inputs.image).toBeUndefined();
  expect(c.unknownPaths).toEqual(["image"]);
  const report = await evaluatePolicies(run);
  const onApi = report.violations.filter((v) => v.urn === c.urn);
  // privileged is still caught; the image rules are skipped, not failed or crashed.
  expect(onApi.map((v) => `${v.enforcementLevel} ${v.policy}`)).toEqual(["mandatory no-privileged"]);
});

test("evaluatePolicies with a subset of policies, and the matchers", async () => {
  const report = await checkProgram(() => {
    new docker.Network("prod-default", { name: "prod-default", internal: true });
    new docker.Volume("prod-api-data", { name: "prod-api-data" });
    new docker.Container("good", clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs);
  });
  expect(report).toHaveNoMandatoryViolations();
  expect(report).toHaveNoViolations();
  expect(report).toHaveEveryContainer("limits");
  expect(everyContainer(report, "readOnlyRootFilesystem")).toBe(true);

  const bad = await evaluatePolicies([{ ...report.resources.find((r) => r.name === "good")!, name: "bad", urn: "urn:pulumi:test::project::docker:index/container:Container::bad", inputs: { ...clone(HAPPY_CONTAINER_ARGS), privileged: true, memory: undefined } }], [noPrivileged]);
  expect(bad.violations.map((v) => v.policy)).toEqual(["no-privileged"]);
  expect(bad).toViolate("no-privileged", "bad");
  expect(bad).not.toHaveNoMandatoryViolations();
  expect(containersWithout(bad, "limits")).toEqual(["bad"]);
  expect(containersWithout(report, "limits")).toEqual([]);
  expect(() => containersWithout(report, "limitz" as never)).toThrow('containersWithout: unknown property "limitz"; use one of memoryLimit, cpuLimit');
  expect(allPolicies.length).toBeGreaterThan(40);
});

test("a failing matcher says which violations there were", async () => {
  const report = await evaluatePolicies([{ type: "docker:index/container:Container", name: "p", urn: "urn:x::p", custom: true, inputs: { ...clone(HAPPY_CONTAINER_ARGS), privileged: true }, secretPaths: [] }], [noPrivileged]);
  expect(() => expect(report).toHaveNoMandatoryViolations()).toThrow(/expected no mandatory violations, found 1:\n {2}\[mandatory\] no-privileged p: runs privileged/);
});
