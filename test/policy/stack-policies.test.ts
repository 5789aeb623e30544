/** Stack policies: what one resource cannot show. */
import * as docker from "@pulumi/docker";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stackPolicies } from "../../sdk/policy";
import { checkProgram } from "../../sdk/testing";
import { HAPPY_CONTAINER_ARGS, happyDeployment } from "./fixtures";

const names = async (program: () => void) => (await checkProgram(program, { policies: stackPolicies })).violations.map((v) => `${v.policy} ${v.urn?.split("::").pop() ?? "(stack)"}`);
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const net = () => new docker.Network("prod-default", { name: "prod-default", internal: true });

test("a sound stack passes every stack policy", async () => {
  expect(
    await names(() => {
      net();
      new docker.Volume("prod-api-data", { name: "prod-api-data" });
      new docker.Container("api", clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs);
    }),
  ).toEqual([]);
});

test("volume-in-use: a volume no container mounts (names resolved from Outputs)", async () => {
  expect(
    await names(() => {
      net();
      const used = new docker.Volume("used", { name: "prod-api-data" });
      new docker.Volume("orphan", { name: "prod-orphan" });
      new docker.Container("api", { ...(clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs), mounts: [{ type: "volume", source: used.name, target: "/data" }] });
    }),
  ).toEqual(["volume-in-use orphan"]);
});

test("published-ports-have-reason: 0.0.0.0 without the relax label, even when the IP came from an Output", async () => {
  expect(
    await names(() => {
      net();
      new docker.Volume("prod-api-data", { name: "prod-api-data" });
      const ip = pulumi.output("0.0.0.0");
      new docker.Container("open", { ...(clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs), ports: [{ internal: 8080, external: 18080, ip }] });
      new docker.Container("reasoned", {
        ...(clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs),
        mounts: [],
        user: "10009:10009",
        ports: [{ internal: 8080, external: 18081, ip: "0.0.0.0" }],
        labels: [{ label: "shipshape.dev/relax.publicPorts", value: "public web front end" }],
      });
    }),
  ).toEqual(["published-ports-have-reason open"]);
});

test("unique-uid-per-service: nproc-limited containers sharing a UID", async () => {
  const v = await names(() => {
    net();
    new docker.Volume("prod-api-data", { name: "prod-api-data" });
    new docker.Container("a", clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs);
    new docker.Container("b", clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs);
    new docker.Container("c", { ...(clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs), user: "10005:10005" });
  });
  expect(v).toEqual(["unique-uid-per-service a", "unique-uid-per-service b"]);
});

test("internal-network-in-use: an internal network nobody joins", async () => {
  expect(
    await names(() => {
      net();
      new docker.Network("lonely", { name: "prod-lonely", internal: true });
      new docker.Volume("prod-api-data", { name: "prod-api-data" });
      new docker.Container("api", clone(HAPPY_CONTAINER_ARGS) as docker.ContainerArgs);
    }),
  ).toEqual(["internal-network-in-use lonely"]);
});

test("disruption-budget: replicated Deployments need a matching PodDisruptionBudget", async () => {
  expect(
    await names(() => {
      new k8s.apps.v1.Deployment("covered", happyDeployment() as never);
      const other = happyDeployment() as { spec: { template: { metadata: { labels: Record<string, string> } } } };
      other.spec.template.metadata.labels = { app: "other" };
      new k8s.apps.v1.Deployment("uncovered", other as never);
      new k8s.policy.v1.PodDisruptionBudget("pdb", { spec: { minAvailable: 1, selector: { matchLabels: { app: "api" } } } });
    }),
  ).toEqual(["disruption-budget uncovered"]);
});
