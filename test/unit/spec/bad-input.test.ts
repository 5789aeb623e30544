/** Bad specs: each must fail with an error naming the field path, the bad value and the fix. */
import fc from "fast-check";
import { defineService, defineStack, ServiceInput, SpecError } from "../../../sdk";
import { goodService } from "./fixtures";

type Case = [string, (s: any) => void, string, RegExp];

const cases: Case[] = [
  ["name with capitals", (s) => (s.name = "API"), "name", /DNS label.*got "API"/],
  ["name too long", (s) => (s.name = "a".repeat(64)), "name", /longer than 63/],
  ["name of the wrong type", (s) => (s.name = 42), "name", /must be a string.*got 42/],
  ["missing image", (s) => delete s.image, "image", /is required/],
  ["image that is not a reference", (s) => (s.image = "Not An Image!"), "image", /not an image reference.*"registry\/team\/app:1.2.3"/],
  ["image on latest", (s) => (s.image = "nginx:latest"), "image", /"nginx:latest" is not pinned.*relax\.unpinnedImage/],
  ["untagged image", (s) => (s.image = "nginx"), "image", /"nginx" is not pinned/],
  ["port 0", (s) => (s.ports = [0]), "ports[0]", /between 1 and 65535 \(got 0\)/],
  ["port 70000", (s) => (s.ports = [{ container: 70000 }]), "ports[0].container", /between 1 and 65535 \(got 70000\)/],
  ["fractional port", (s) => (s.ports = [{ container: 80.5 }]), "ports[0].container", /whole number/],
  ["published port 70000", (s) => (s.ports = [{ container: 80, published: 70000 }]), "ports[0].published", /between 1 and 65535/],
  ["duplicate container port", (s) => (s.ports = [8080, 8080]), "ports[1].container", /listed twice/],
  ["duplicate published port", (s) => (s.ports = [{ container: 1, published: 9000 }, { container: 2, published: 9000 }]), "ports[1].published", /published twice/],
  ["port on 0.0.0.0 without a reason", (s) => (s.ports = [{ container: 80, published: 8080, hostIp: "0.0.0.0" }]), "ports[0].hostIp", /0\.0\.0\.0.*Bind 127\.0\.0\.1.*relax\.publicPorts/],
  ["privileged host port without a reason", (s) => (s.ports = [{ container: 80, published: 80 }]), "ports[0].published", /below 1024.*relax\.privilegedPorts/],
  ["hostIp on an unpublished port", (s) => (s.ports = [{ container: 80, hostIp: "127.0.0.1" }]), "ports[0].hostIp", /not published/],
  ["bad hostIp", (s) => (s.ports = [{ container: 80, published: 8080, hostIp: "localhost" }]), "ports[0].hostIp", /IPv4 address/],
  ["negative memory", (s) => (s.resources = { memory: -5 }), "resources.memory", /is not a size/],
  ["docker-style memory unit", (s) => (s.resources = { memory: "512m" }), "resources.memory", /"512m" is not a size.*"512Mi"/],
  ["absurd memory", (s) => (s.resources = { memory: "4Ti" }), "resources.memory", /outside 6Mi\.\.1Ti/],
  ["memory below Docker's minimum", (s) => (s.resources = { memory: "1Mi" }), "resources.memory", /Docker refuses less than 6Mi/],
  ["negative CPUs", (s) => (s.resources = { cpus: -1 }), "resources.cpus", /-1 is outside 0\.01\.\.256/],
  ["absurd CPUs", (s) => (s.resources = { cpus: 10000 }), "resources.cpus", /outside 0\.01\.\.256/],
  ["CPUs as a string", (s) => (s.resources = { cpus: "2" }), "resources.cpus", /number.*or "unlimited" \(got "2"\)/],
  ["zero PIDs", (s) => (s.resources = { pids: 0 }), "resources.pids", /outside 8\.\.1000000/],
  ["unlimited memory without a reason", (s) => (s.resources = { memory: "unlimited" }), "resources.memory", /starve the host.*relax\.unboundedResources/],
  ["request above the limit", (s) => (s.resources = { memory: "256Mi", requests: { memory: "1Gi" } }), "resources.requests.memory", /above the memory limit/],
  ["secret value in env", (s) => (s.env = { DB_PASSWORD: "hunter2" }), "env.DB_PASSWORD", /looks like a secret.*Move it to secrets/],
  ["API key in env", (s) => (s.env = { OPENAI_API_KEY: "sk-123" }), "env.OPENAI_API_KEY", /looks like a secret/],
  ["env value that is an object", (s) => (s.env = { A: { b: 1 } }), "env.A", /plain strings.*secrets/],
  ["invalid env name", (s) => (s.env = { "1BAD": "x" }), 'env["1BAD"]', /not a valid variable name/],
  ["fileEnv colliding with env", (s) => (s.env = { DB_PASSWORD_FILE: "/x" }), "secrets[0].fileEnv", /also set in env/],
  ["duplicate secret", (s) => (s.secrets = [{ name: "a" }, { name: "a" }]), "secrets[1].name", /listed twice/],
  ["relative mount path", (s) => (s.volumes = [{ kind: "data", name: "d", mountPath: "data" }]), "volumes[0].mountPath", /absolute path.*got "data"/],
  ["mount path with ..", (s) => (s.volumes = [{ kind: "data", name: "d", mountPath: "/data/../etc" }]), "volumes[0].mountPath", /must not contain/],
  ["two mounts on one path", (s) => (s.volumes = [{ kind: "data", name: "a", mountPath: "/x" }, { kind: "data", name: "b", mountPath: "/x" }]), "volumes[1].mountPath", /already used by volumes\[0\]/],
  ["mount over the secrets dir", (s) => (s.volumes = [{ kind: "data", name: "a", mountPath: "/run/secrets" }]), "volumes[0].mountPath", /reserved for secret files/],
  ["unknown volume kind", (s) => (s.volumes = [{ kind: "nfs", name: "a", mountPath: "/x" }]), "volumes[0].kind", /"models", "data", "scratch" or "bind"/],
  ["docker socket bind", (s) => (s.volumes = [{ kind: "bind", hostPath: "/var/run/docker.sock", mountPath: "/var/run/docker.sock" }]), "volumes[0].hostPath", /engine's socket.*root on the host/],
  ["the directory holding the engine socket", (s) => (s.volumes = [{ kind: "bind", hostPath: "/var/run", mountPath: "/host-run" }]), "volumes[0].hostPath", /engine's socket/],
  ["a CRI-O socket", (s) => (s.volumes = [{ kind: "bind", hostPath: "/run/crio/crio.sock", mountPath: "/crio.sock" }]), "volumes[0].hostPath", /engine's socket/],
  ["MAC_ADMIN even with a reason", (s) => ((s.capAdd = ["MAC_ADMIN"]), (s.relax = { addedCapabilities: "the service loads its own AppArmor profile" })), "capAdd[0]", /never added back/],
  ["nc probe on an https endpoint", (s) => (s.healthcheck = { http: { path: "/health", port: 8443, scheme: "https" }, probe: "nc" }), "healthcheck.probe", /plain HTTP.*"curl"/],
  ["sensitive host path", (s) => (s.volumes = [{ kind: "bind", hostPath: "/etc", mountPath: "/host-etc" }]), "volumes[0].hostPath", /sensitive host directory/],
  ["writable bind without a reason", (s) => (s.volumes = [{ kind: "bind", hostPath: "/srv/import", mountPath: "/import", readOnly: false }]), "volumes[0].readOnly", /relax\.writableBindMounts/],
  ["read-only flag on a models volume", (s) => (s.volumes = [{ kind: "models", name: "m", mountPath: "/m", readOnly: false }]), "volumes[0].readOnly", /unknown field "readOnly"/],
  ["scratch of 0 bytes", (s) => (s.volumes = [{ kind: "scratch", mountPath: "/s", size: "0" }]), "volumes[0].size", /between 1Mi and 64Gi/],
  ["empty healthcheck command", (s) => (s.healthcheck = { cmd: [] }), "healthcheck.cmd", /empty; give a command/],
  ["healthcheck with no form", (s) => (s.healthcheck = {}), "healthcheck", /needs one of cmd, http or tcp/],
  ["healthcheck with two forms", (s) => (s.healthcheck = { cmd: ["true"], tcp: { port: 1 } }), "healthcheck", /has cmd and tcp; give exactly one/],
  ["missing healthcheck", (s) => delete s.healthcheck, "healthcheck", /is required.*relax\.noHealthcheck/],
  ["healthcheck and noHealthcheck", (s) => (s.relax = { noHealthcheck: "the job exits after a run" }), "relax.noHealthcheck", /mutually exclusive\. Choose a single approach\./],
  ["HTTP path without /", (s) => (s.healthcheck = { http: { path: "health", port: 80 } }), "healthcheck.http.path", /must start with "\/"/],
  ["timeout longer than interval", (s) => (s.healthcheck = { cmd: ["true"], interval: "5s", timeout: "10s" }), "healthcheck.timeout", /longer than interval/],
  ["bad duration", (s) => (s.healthcheck = { cmd: ["true"], interval: "often" }), "healthcheck.interval", /not a duration.*"30s"/],
  ["non-numeric user", (s) => (s.user = "app"), "user", /not numeric.*"10001:10001"/],
  ["root user without a reason", (s) => (s.user = "0"), "user", /runs as root.*relax\.rootUser/],
  ["low UID without a reason", (s) => (s.user = "1000:1000"), "user", /below 10000.*relax\.lowUid/],
  ["forbidden capability", (s) => (s.capAdd = ["SYS_ADMIN"]), "capAdd[0]", /never added back/],
  ["unknown capability", (s) => (s.capAdd = ["NET_BIND"]), "capAdd[0]", /not a Linux capability/],
  ["writable root without a reason", (s) => (s.readOnlyRootFilesystem = false), "readOnlyRootFilesystem", /relax\.writableRootFilesystem/],
  ["restart always without a reason", (s) => (s.restart = "always"), "restart", /retries forever.*relax\.unboundedRestart/],
  ["restart maxRetries 0", (s) => (s.restart = { policy: "on-failure", maxRetries: 0 }), "restart.maxRetries", /at least 1 \(got 0\)/],
  ["a reason that is too short", (s) => (s.relax = { egress: "api" }), "relax.egress", /too short/],
  ["unknown relax key", (s) => (s.relax = { everything: "because I want to" }), "relax.everything", /unknown field "everything"/],
  ["misspelt field", (s) => (s.healtcheck = s.healthcheck), "healtcheck", /unknown field "healtcheck"\. Did you mean "healthcheck"\?/],
  ["unknown field", (s) => (s.privileged = true), "privileged", /unknown field "privileged"/],
  ["replicas 0", (s) => (s.replicas = 0), "replicas", /at least 1/],
  ["GPU count 0", (s) => (s.gpus = { count: 0 }), "gpus.count", /at least 1/],
  ["depends on itself", (s) => (s.dependsOn = ["api"]), "dependsOn", /cannot depend on itself/],
  ["log size too small", (s) => (s.logging = { maxSize: "10" }), "logging.maxSize", /between 1Mi and 1Gi/],
];

describe("bad specs fail with the field path, the value and the fix", () => {
  test(`there are at least 30 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(30));
  test.each(cases)("%s", (_title, mutate, path, message) => {
    const input: any = goodService();
    mutate(input);
    let err: unknown;
    try {
      defineService(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const issue = (err as SpecError).issues.find((i) => i.path === path);
    if (!issue) throw new Error(`no issue at ${path}; got:\n${(err as SpecError).message}`);
    expect(issue.message).toMatch(message);
    // The message is for people: no stack trace in it.
    expect((err as SpecError).message).not.toMatch(/\n\s+at /);
  });

  test("every problem is reported at once, not the first only", () => {
    const input: any = { ...goodService(), name: "Bad", image: "x:latest", user: "root", resources: { memory: "512m", cpus: -1 }, env: { API_TOKEN: "t" }, ports: [0], imagee: 1 };
    let e: unknown;
    try {
      defineService(input);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(SpecError);
    {
      expect((e as SpecError).issues.map((i) => i.path).sort()).toEqual(["env.API_TOKEN", "image", "imagee", "name", "ports[0]", "resources.cpus", "resources.memory", "user"]);
    }
  });

  test("the error message is readable as it is", () => {
    expect(() => defineService({ ...goodService(), ports: [70000] } as ServiceInput)).toThrow(
      'service "api" is invalid (1 problem):\n  - ports[0]: port must be between 1 and 65535 (got 70000).',
    );
  });

  test("a non-object input is refused clearly", () => {
    expect(() => defineService("api" as unknown as ServiceInput)).toThrow(/a service must be an object/);
  });
});

describe("stack-level problems", () => {
  const svc = (name: string, extra: Partial<ServiceInput> = {}): ServiceInput => ({ ...goodService(), name, ports: [], ...extra });
  const stackIssues = (services: ServiceInput[]) => {
    try {
      defineStack({ name: "demo", services });
    } catch (e) {
      return (e as SpecError).issues;
    }
    throw new Error("expected a SpecError");
  };
  test("duplicate service names", () => expect(stackIssues([svc("a"), svc("a")])).toContainEqual({ path: "services[1].name", message: 'service name "a" is used twice; names must be unique in a stack.' }));
  test("unknown dependency with a hint", () => expect(stackIssues([svc("api"), svc("web", { dependsOn: ["apii"] })])[0]).toEqual({ path: "services.web.dependsOn[0]", message: 'no service "apii" in this stack; did you mean "api"?' }));
  test("dependency cycle", () => expect(stackIssues([svc("a", { dependsOn: ["b"] }), svc("b", { dependsOn: ["a"] })])[0].message).toMatch(/cycle a -> b -> a/));
  test("host port collision across services", () =>
    expect(stackIssues([svc("a", { ports: [{ container: 1, published: 9000 }] }), svc("b", { ports: [{ container: 2, published: 9000 }] })])[0]).toEqual({ path: "services.b.ports[0].published", message: 'host port 9000/tcp is already published by "a"; choose another host port.' }));
  test("a shared volume of two kinds", () =>
    expect(stackIssues([svc("a", { volumes: [{ kind: "data", name: "v", mountPath: "/v" }] }), svc("b", { volumes: [{ kind: "models", name: "v", mountPath: "/v" }] })])[0].message).toMatch(/data volume in "a" but models here/));
  test("service errors are prefixed with the service", () => expect(stackIssues([svc("a", { ports: [0] })])[0].path).toBe("services.a.ports[0]"));
  test("a bad stack name", () => expect(() => defineStack({ name: "My Stack", services: [svc("a")] })).toThrow(/not a stack name/));
  test("shared UIDs are an advisory finding (Docker's PID substitute counts per UID)", () => {
    const s = defineStack({ name: "demo", services: [svc("a"), svc("b")] });
    expect(s.warnings.find((w) => w.ruleId === "SS030")?.message).toMatch(/share UID 10001/);
  });
});

describe("property: random input never throws anything but SpecError", () => {
  test("arbitrary values in every field", () => {
    const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }));
    const fields = ["name", "image", "command", "env", "secrets", "ports", "healthcheck", "resources", "volumes", "user", "readOnlyRootFilesystem", "capAdd", "restart", "logging", "gpus", "labels", "networks", "dependsOn", "replicas", "relax", "raw", "bogus"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), anyValue), fc.boolean(), (patch, fromGood) => {
        const input = fromGood ? { ...goodService(), ...patch } : patch;
        try {
          defineService(input as ServiceInput);
        } catch (e) {
          if (!(e instanceof SpecError)) throw e;
          for (const i of e.issues) {
            expect(typeof i.path).toBe("string");
            expect(i.message.length).toBeGreaterThan(5);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
  test("structured near-valid input", () => {
    const port = fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.record({ container: fc.integer({ min: -5, max: 70000 }), published: fc.option(fc.integer({ min: -5, max: 70000 }), { nil: undefined }), hostIp: fc.option(fc.constantFrom("127.0.0.1", "0.0.0.0", "x"), { nil: undefined }) }));
    fc.assert(
      fc.property(fc.array(port, { maxLength: 4 }), fc.oneof(fc.string(), fc.integer(), fc.constantFrom("512Mi", "1Gi", "unlimited", "10m")), fc.string(), (ports, memory, user) => {
        try {
          defineService({ ...goodService(), ports, resources: { memory }, user } as ServiceInput);
        } catch (e) {
          if (!(e instanceof SpecError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });
});
