/** The compose rendering: valid against the compose-spec schema, and in agreement with the Docker target. */
import { parse } from "yaml";
import { composeModel, containerArgs, defineStack, renderCompose, ServiceInput, StackSpec } from "../../../sdk";
import { serviceNetworks } from "../../../sdk/spec";

import { composeValidator } from "../../support/compose-schema";

const services: ServiceInput[] = [
  { name: "web", image: "registry.example.com/web:1.0.0", ports: [{ container: 8080, published: 8080 }], healthcheck: { http: { path: "/", port: 8080 } }, dependsOn: ["api"], user: "10001:10001" },
  {
    name: "api",
    image: `registry.example.com/api:2.1.0@sha256:${"b".repeat(64)}`,
    user: "10002:10002",
    env: { MODEL_DIR: "/models" },
    secrets: [{ name: "api_token", configKey: "apiToken" }],
    volumes: [
      { kind: "data", name: "api-data", mountPath: "/data" },
      { kind: "models", name: "models", mountPath: "/models" },
      { kind: "scratch", mountPath: "/uploads", size: "256Mi" },
      { kind: "bind", hostPath: "/srv/import", mountPath: "/import" },
    ],
    resources: { memory: "2Gi", cpus: 2, pids: 512 },
    gpus: { count: 1 },
    healthcheck: { tcp: { port: 9000 } },
    capAdd: ["NET_BIND_SERVICE"],
    relax: { addedCapabilities: "binds port 443 inside the container" },
  },
  { name: "worker", image: "registry.example.com/worker:1.0.0", user: "10003:10003", healthcheck: { cmd: ["/app/check"] }, dependsOn: ["api"], restart: { policy: "on-failure", maxRetries: 3 }, relax: { egress: "pulls jobs from the public queue service" } },
];

describe("renderCompose", () => {
  const yaml = renderCompose({ name: "demo", services });
  const file = parse(yaml);

  test("is valid against the compose-spec JSON schema", () => {
    const validate = composeValidator();
    const ok = validate(file);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("the schema check is real: a broken file fails it", () => {
    const validate = composeValidator();
    expect(validate({ services: { a: { read_only: "yes", cap_drop: "ALL" } } })).toBe(false);
  });

  test("writes every hardening field", () => {
    const api = file.services.api;
    expect(api).toMatchObject({
      user: "10002:10002",
      read_only: true,
      cap_drop: ["ALL"],
      cap_add: ["NET_BIND_SERVICE"],
      security_opt: ["no-new-privileges:true"],
      init: true,
      pids_limit: 512,
      memswap_limit: "2G",
      restart: "on-failure:5",
      deploy: { resources: { limits: { cpus: "2", memory: "2G" }, reservations: { memory: "2G", devices: [{ driver: "nvidia", count: 1, capabilities: ["gpu"] }] } } },
      secrets: [{ source: "apiToken", target: "api_token", uid: "10002", gid: "10002", mode: 0o400 }],
      labels: { "shipshape.dev/relax.addedCapabilities": "binds port 443 inside the container" },
    });
    expect(api.tmpfs).toEqual(["/tmp:rw,noexec,nosuid,nodev,size=67108864,mode=1777", "/uploads:rw,noexec,nosuid,nodev,size=268435456,mode=1777"]);
    expect(api.healthcheck).toEqual({ test: ["CMD", "nc", "-z", "127.0.0.1", "9000"], interval: "30s", timeout: "5s", retries: 3, start_period: "10s" });
    expect(file.services.web.ports).toEqual(["127.0.0.1:8080:8080/tcp"]);
    expect(file.services.web.depends_on).toEqual({ api: { condition: "service_healthy" } });
    expect(file.networks.default).toMatchObject({ internal: true });
    expect(file.networks.ingress.driver_opts).toEqual({ "com.docker.network.bridge.enable_ip_masquerade": "false" });
    expect(file.networks.egress.internal).toBeUndefined();
    expect(Object.keys(file.services.worker.networks)).toEqual(["default", "egress"]);
    expect(file.secrets).toEqual({ apiToken: { file: "./secrets/apiToken" } });
    expect(Object.keys(file.services)).toEqual(["api", "web", "worker"]);
  });

  test("the rendered text is stable (snapshot)", () => {
    expect(yaml).toMatchSnapshot();
  });
});

describe("Docker and compose renderings agree field by field", () => {
  const stack: StackSpec = defineStack({ name: "demo", services });
  const compose = composeModel(stack);
  for (const svc of stack.services) {
    test(svc.name, () => {
      const d = containerArgs(svc, {
        containerName: `demo-${svc.name}`,
        stack: "demo",
        image: svc.image,
        networks: serviceNetworks(svc).map((n) => `demo-${n.name}`),
        volumes: Object.fromEntries(stack.volumes.map((v) => [v.name, v.name])),
        secretsVolume: `demo-${svc.name}-secrets`,
      }) as Record<string, any>;
      const c = compose.services[svc.name] as Record<string, any>;
      expect(c.image).toBe(d.image);
      expect(c.user).toBe(d.user);
      expect(c.read_only).toBe(d.readOnly);
      expect(c.cap_drop).toEqual(d.capabilities.drops);
      expect(c.cap_add).toEqual(d.capabilities.adds);
      expect(c.security_opt).toEqual(d.securityOpts);
      expect(c.init).toBe(d.init);
      expect(c.tmpfs).toEqual(Object.entries(d.tmpfs).map(([k, v]) => `${k}:${v}`));
      expect(c.pids_limit).toBe(d.ulimits[0].hard);
      expect(c.deploy.resources.limits.cpus).toBe(d.cpus);
      expect(c.restart).toBe(`${d.restart}:${d.maxRetryCount}`);
      expect(c.healthcheck.test).toEqual(d.healthcheck.tests);
      expect([c.healthcheck.interval, c.healthcheck.timeout, c.healthcheck.retries, c.healthcheck.start_period]).toEqual([d.healthcheck.interval, d.healthcheck.timeout, d.healthcheck.retries, d.healthcheck.startPeriod]);
      expect(c.logging.options).toEqual(d.logOpts);
      expect(c.ports ?? []).toEqual(d.ports.map((p: any) => `${p.ip}:${p.external}:${p.internal}/${p.protocol}`));
      expect(Object.keys(c.networks).map((n) => `demo-${n}`)).toEqual(d.networksAdvanced.map((n: any) => n.name));
      const dockerVolumes = d.mounts.filter((m: any) => m.target !== "/run/secrets").map((m: any) => [m.type, m.source, m.target, m.readOnly]);
      expect((c.volumes ?? []).map((v: any) => [v.type, v.source, v.target, v.read_only])).toEqual(dockerVolumes);
      expect(c.environment ?? {}).toEqual(Object.fromEntries(d.envs.map((e: string) => e.split(/=(.*)/s).slice(0, 2))));
      for (const l of d.labels) expect(c.labels[l.label]).toBe(l.value);
      // Memory: the same bytes (Docker's input is MiB).
      const bytes = (s: string) => Number(s.slice(0, -1)) * { G: 2 ** 30, M: 2 ** 20, K: 2 ** 10, b: 1 }[s.slice(-1) as "G" | "M" | "K" | "b"]!;
      expect(bytes(c.deploy.resources.limits.memory)).toBe(d.memory * 2 ** 20);
      expect(bytes(c.memswap_limit)).toBe(d.memorySwap * 2 ** 20);
    });
  }
});
