/** DockerService / DockerStack under Pulumi mocks: child types, names and inputs. */
import { DockerService, DockerStack, ServiceInput, SpecError } from "../../../sdk";
import { captureProgram, CapturedResource, isSecretValue, plainStrings } from "../../support/capture";

const api: ServiceInput = {
  name: "api",
  image: "registry.example.com/team/api:1.4.2",
  user: "10002:10002",
  ports: [{ container: 8080, published: 18080 }],
  secrets: [{ name: "api_token", configKey: "apiToken", fileEnv: "API_TOKEN_FILE" }],
  volumes: [{ kind: "data", name: "api-data", mountPath: "/data" }, { kind: "models", name: "models", mountPath: "/models" }],
  healthcheck: { http: { path: "/health", port: 8080 } },
};
const worker: ServiceInput = { name: "worker", image: "registry.example.com/team/worker:2.0.0", user: "10003:10003", healthcheck: { cmd: ["/app/check"] }, dependsOn: ["api"], relax: { egress: "pulls jobs from the public queue service" } };
const SECRET = "tok-123456";

const byType = (rs: CapturedResource[], t: string) => rs.filter((r) => r.type === `docker:index/${t}`);
const named = (rs: CapturedResource[], type: string, name: string) => {
  const r = rs.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}; have ${rs.map((x) => `${x.type}/${x.name}`).join(", ")}`);
  return r;
};

describe("DockerStack under mocks", () => {
  let rs: CapturedResource[];
  beforeAll(async () => {
    rs = await captureProgram(() => new DockerStack("prod", { services: [worker, api] }), { apiToken: SECRET });
  });

  test("registers the component types and children named from the component name", () => {
    expect(rs.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "shipshape:docker:Stack prod",
      "docker:index/network:Network prod-default",
      "docker:index/network:Network prod-egress",
      "docker:index/network:Network prod-ingress",
      "docker:index/volume:Volume prod-api-data",
      "docker:index/volume:Volume prod-models",
      "shipshape:docker:Service prod-api",
      "docker:index/volume:Volume prod-api-secrets",
      "docker:index/container:Container prod-api-secrets-seeder",
      "docker:index/container:Container prod-api",
      "shipshape:docker:Service prod-worker",
      "docker:index/container:Container prod-worker",
    ].sort());
    // Dependencies register first: the API (and its secret seeder) before the worker.
    const order = rs.map((r) => r.name);
    expect(order.indexOf("prod-api-secrets-seeder")).toBeLessThan(order.lastIndexOf("prod-api"));
    expect(order.lastIndexOf("prod-api")).toBeLessThan(order.lastIndexOf("prod-worker"));
  });

  test("the API container carries every hardening input", () => {
    const c = named(rs, "docker:index/container:Container", "prod-api").inputs;
    expect(c).toMatchObject({
      name: "prod-api",
      image: "registry.example.com/team/api:1.4.2",
      user: "10002:10002",
      readOnly: true,
      privileged: false,
      capabilities: { drops: ["ALL"] },
      securityOpts: ["no-new-privileges:true"],
      init: true,
      cgroupnsMode: "private",
      tmpfs: { "/tmp": "rw,noexec,nosuid,nodev,size=67108864,mode=1777" },
      memory: 512,
      memorySwap: 512,
      cpus: "1",
      ulimits: [{ name: "nproc", soft: 256, hard: 256 }],
      restart: "on-failure",
      maxRetryCount: 5,
      logDriver: "json-file",
      logOpts: { "max-size": "10m", "max-file": "3" },
      ports: [{ internal: 8080, external: 18080, ip: "127.0.0.1", protocol: "tcp" }],
      healthcheck: { tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"], interval: "30s", timeout: "5s", retries: 3, startPeriod: "10s" },
      wait: true,
      envs: ["API_TOKEN_FILE=/run/secrets/api_token"],
    });
    expect(c.mounts).toEqual([
      { type: "volume", source: "prod-api-data", target: "/data", readOnly: false },
      { type: "volume", source: "prod-models", target: "/models", readOnly: true },
      { type: "volume", source: "prod-api-secrets", target: "/run/secrets", readOnly: true },
    ]);
    expect(c.networksAdvanced).toEqual([
      { name: "prod-default", aliases: ["api"] },
      { name: "prod-ingress", aliases: ["api"] },
    ]);
  });

  test("networks: internal by default, ingress without NAT, egress only for the service that asked", () => {
    expect(named(rs, "docker:index/network:Network", "prod-default").inputs).toMatchObject({ name: "prod-default", internal: true });
    expect(named(rs, "docker:index/network:Network", "prod-ingress").inputs).toMatchObject({ internal: false, options: { "com.docker.network.bridge.enable_ip_masquerade": "false" } });
    expect(named(rs, "docker:index/container:Container", "prod-worker").inputs.networksAdvanced.map((n: { name: string }) => n.name)).toEqual(["prod-default", "prod-egress"]);
  });

  test("the secret reaches the engine only inside a secret, as a 0400 file of the service user", () => {
    const seeder = named(rs, "docker:index/container:Container", "prod-api-secrets-seeder");
    expect(seeder.inputs).toMatchObject({ start: false, networkMode: "none", uploads: [{ file: "/run/secrets/api_token", content: SECRET, owner: "10002", group: "10002", permissions: "0400" }] });
    expect(isSecretValue(seeder.rawInputs.uploads)).toBe(true);
    for (const r of rs) expect(plainStrings(r.rawInputs).filter((s) => s.includes(SECRET))).toEqual([]);
  });

  test("relaxations become labels with their reason", () => {
    const labels = named(rs, "docker:index/container:Container", "prod-worker").inputs.labels as { label: string; value: string }[];
    expect(labels).toContainEqual({ label: "shipshape.dev/relax.egress", value: "pulls jobs from the public queue service" });
    expect(labels).toContainEqual({ label: "shipshape.dev/stack", value: "prod" });
  });
});

describe("DockerService alone", () => {
  test("creates its own internal network and retained volumes", async () => {
    const rs = await captureProgram(() => new DockerService("solo", { service: { ...api, secrets: [] } }));
    expect(byType(rs, "network:Network").map((r) => r.inputs.name)).toEqual(["solo-api-net", "solo-ingress"]);
    expect(byType(rs, "volume:Volume").map((r) => r.inputs.name)).toEqual(["solo-api-data", "solo-models"]);
    expect(byType(rs, "container:Container")).toHaveLength(1);
  });

  test("bad input throws before any resource is registered", async () => {
    let err: unknown;
    const rs = await captureProgram(() => {
      try {
        new DockerService("bad", { service: { ...api, ports: [0] } as ServiceInput });
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(SpecError);
    expect(rs).toEqual([]);
  });

  test("a missing secret is reported for every service before any resource is registered", async () => {
    let err: unknown;
    const rs = await captureProgram(() => {
      try {
        new DockerStack("nos", { services: [api, { ...worker, secrets: [{ name: "queue_token", configKey: "queueToken" }] }] });
      } catch (e) {
        err = e;
      }
    });
    expect(rs).toEqual([]);
    expect((err as SpecError).issues).toEqual([
      { path: "services.api.secrets.api_token", message: 'no value for secret "api_token": set it with `pulumi config set --secret apiToken < file` (or pass it in secretValues).' },
      { path: "services.worker.secrets.queue_token", message: 'no value for secret "queue_token": set it with `pulumi config set --secret queueToken < file` (or pass it in secretValues).' },
    ]);
  });

  test("replicas with a published port cannot share one host", async () => {
    await expect(captureProgram(() => new DockerService("r", { service: { ...api, replicas: 2 }, secretValues: { api_token: "x" } }))).rejects.toThrow(/2 replicas cannot share published host ports/);
  });

  test("replicas without published ports get one container each", async () => {
    const rs = await captureProgram(() => new DockerService("r", { service: { ...api, ports: [8080], replicas: 3 }, secretValues: { api_token: "x" } }));
    expect(byType(rs, "container:Container").map((r) => r.inputs.name)).toEqual(["r-api-secrets-seeder", "r-api-1", "r-api-2", "r-api-3"]);
  });

  test("raw provider args pass through last (escape hatch)", async () => {
    const rs = await captureProgram(() => new DockerService("x", { service: { ...api, secrets: [], raw: { docker: { shmSize: 256 } } } }));
    expect(byType(rs, "container:Container")[0].inputs.shmSize).toBe(256);
  });
});
