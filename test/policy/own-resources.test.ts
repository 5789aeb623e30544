/**
 * Shipshape's own rendered resources pass the pack: a realistic three-service stack deployed
 * with DockerStack and with KubernetesStack under mocks has zero mandatory violations.
 */
import { DockerStack } from "../../sdk/docker";
import { KubernetesStack } from "../../sdk/kubernetes";
import type { ServiceInput } from "../../sdk/spec";
import { checkProgram, containersWithout, formatViolations, PolicyReport } from "../../sdk/testing";
import "../../sdk/testing/matchers";

const IMG = (repo: string, tag: string) => `registry.example.com/team/${repo}:${tag}@sha256:${"b".repeat(64)}`;
const services: ServiceInput[] = [
  {
    name: "api",
    image: IMG("api", "1.4.2"),
    user: "10002:10002",
    ports: [{ container: 8080, published: 18080 }],
    env: { LOG_LEVEL: "info" },
    secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "DB_PASSWORD_FILE" }],
    volumes: [{ kind: "models", name: "models", mountPath: "/models" }],
    healthcheck: { http: { path: "/health", port: 8080 } },
    dependsOn: ["db"],
  },
  {
    name: "worker",
    image: IMG("worker", "2.0.0"),
    user: "10003:10003",
    volumes: [{ kind: "models", name: "models", mountPath: "/models" }],
    healthcheck: { cmd: ["/app/healthcheck"] },
    dependsOn: ["db"],
    relax: { egress: "downloads model weights from the vendor's CDN" },
  },
  {
    name: "db",
    image: IMG("postgres", "16.4"),
    user: "10004:10004",
    secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "POSTGRES_PASSWORD_FILE" }],
    volumes: [{ kind: "data", name: "pgdata", mountPath: "/var/lib/postgresql/data" }, { kind: "scratch", mountPath: "/var/run/postgresql", size: "16Mi" }],
    resources: { memory: "1Gi", cpus: 2 },
    healthcheck: { cmd: ["pg_isready", "-h", "127.0.0.1"] },
  },
];
const config = { dbPassword: "correct-horse-battery-staple" };

describe("DockerStack", () => {
  let report: PolicyReport;
  beforeAll(async () => {
    report = await checkProgram(() => new DockerStack("shop", { services }), { config, secretConfigKeys: ["dbPassword"] });
  }, 60000);

  test("renders containers, networks and volumes", () => {
    const types = new Set(report.resources.map((r) => r.type));
    expect([...types]).toEqual(expect.arrayContaining(["docker:index/container:Container", "docker:index/network:Network", "docker:index/volume:Volume"]));
  });

  test("zero mandatory violations", () => {
    expect(report).toHaveNoMandatoryViolations();
  });

  test("every service container has limits and a healthcheck", () => {
    const serviceContainers = (p: string) => containersWithout(report, p as "limits").filter((n) => /-(api|worker|db)$/.test(n));
    expect(serviceContainers("limits")).toEqual([]);
    expect(serviceContainers("healthcheck")).toEqual([]);
  });

  test("the service containers themselves break no rule (the seeders' advisories are listed)", () => {
    const service = report.resources.filter((r) => /^shop-(api|worker|db)$/.test(r.name) && r.type === "docker:index/container:Container");
    expect(service).toHaveLength(3);
    // The only advisory a service container gets is sharing its UID with its own secrets seeder.
    const onServices = report.violations.filter((v) => service.some((r) => r.urn === v.urn) && v.policy !== "unique-uid-per-service");
    expect(onServices).toEqual([]);
    const rest = report.violations.filter((v) => !service.some((r) => r.urn === v.urn));
    if (rest.length) console.log(`advisories on Shipshape's other Docker resources:\n${formatViolations(rest)}`);
  });

  test("the egress network is accepted for its role label; the internal ones are internal and in use", () => {
    expect(report.violations.filter((v) => v.urn?.includes("docker:index/network:Network"))).toEqual([]);
  });
});

describe("KubernetesStack", () => {
  let report: PolicyReport;
  beforeAll(async () => {
    report = await checkProgram(() => new KubernetesStack("shop", { stack: { name: "shop", services } }), { config, secretConfigKeys: ["dbPassword"] });
  }, 60000);

  test("renders workloads", () => {
    expect(report.resources.some((r) => r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:apps/v1:StatefulSet")).toBe(true);
  });

  test("zero mandatory violations", () => {
    expect(report).toHaveNoMandatoryViolations();
  });

  test("every container has limits and probes", () => {
    expect(report).toHaveEveryContainer("limits");
    expect(report).toHaveEveryContainer("healthcheck");
  });

  test("advisories are listed", () => {
    const advisory = report.violations.filter((v) => v.enforcementLevel === "advisory" && !/Relaxed \(/.test(v.message));
    if (advisory.length) console.log(`advisories on Shipshape's own Kubernetes resources:\n${formatViolations(advisory)}`);
    expect(Array.isArray(advisory)).toBe(true);
  });
});
