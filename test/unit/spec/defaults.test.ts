/** One test per secure default of the normalized spec (RULES.md rules 1–33). */
import { defineService } from "../../../sdk";
import { goodService } from "./fixtures";

const spec = () => defineService(goodService());

describe("secure defaults", () => {
  test("SS001/SS002: numeric non-root user 10001:10001", () => expect(spec().user).toEqual({ uid: 10001, gid: 10001 }));
  test("SS003: never privileged", () => expect(spec().security.privileged).toBe(false));
  test("SS004: no-new-privileges", () => expect(spec().security.noNewPrivileges).toBe(true));
  test("SS005: all capabilities dropped, none added", () => {
    expect(spec().security.capDrop).toEqual(["ALL"]);
    expect(spec().security.capAdd).toEqual([]);
  });
  test("SS007: seccomp RuntimeDefault", () => expect(spec().security.seccomp).toBe("RuntimeDefault"));
  test("SS011: read-only root filesystem", () => expect(spec().security.readOnlyRootFilesystem).toBe(true));
  test("SS012: /tmp is a bounded noexec tmpfs", () => expect(spec().tmpfs).toContainEqual({ mountPath: "/tmp", sizeBytes: 64 * 2 ** 20, mode: 0o1777, noexec: true }));
  test("SS012: scratch volumes are bounded tmpfs", () => expect(spec().tmpfs).toContainEqual({ mountPath: "/cache", sizeBytes: 128 * 2 ** 20, mode: 0o1777, noexec: true }));
  test("SS020: model volumes are mounted read-only", () => expect(spec().volumes.find((v) => v.kind === "models")?.readOnly).toBe(true));
  test("SS020: data volumes are retained on replace and destroy", () => expect(spec().volumes.find((v) => v.kind === "data")).toMatchObject({ retain: true, readOnly: false }));
  test("SS024: published ports bind 127.0.0.1", () => expect(spec().ports[0]).toEqual({ container: 8080, protocol: "tcp", published: 8080, hostIp: "127.0.0.1" }));
  test("SS027: no egress, on the internal default network", () => {
    expect(spec().egress).toBe(false);
    expect(spec().networks).toEqual(["default"]);
  });
  test("SS028: memory limit 512Mi", () => expect(spec().resources.memoryBytes).toBe(512 * 2 ** 20));
  test("SS029: CPU limit 1", () => expect(spec().resources.cpus).toBe(1));
  test("SS030: PID limit 256", () => expect(spec().resources.pids).toBe(256));
  test("SS031: ephemeral storage 1Gi", () => expect(spec().resources.ephemeralStorageBytes).toBe(2 ** 30));
  test("SS032: the HTTP healthcheck becomes an in-container probe with bounded timings", () =>
    expect(spec().healthcheck).toEqual({ kind: "http", test: ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"], http: { path: "/health", port: 8080, scheme: "http" }, intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 }));
  test("SS033: restart on-failure, at most 5 times", () => expect(spec().restart).toEqual({ policy: "on-failure", maxRetries: 5 }));
  test("SS037: secrets are 0400 files under /run/secrets owned by the service user; env gets only the path", () => {
    expect(spec().secrets).toEqual([{ name: "db_password", configKey: "db_password", target: "/run/secrets/db_password", fileEnv: "DB_PASSWORD_FILE", uid: 10001, gid: 10001, mode: 0o400 }]);
    expect(spec().env).toEqual({ LOG_LEVEL: "info", DB_PASSWORD_FILE: "/run/secrets/db_password" });
  });
  test("SS040: an init process", () => expect(spec().security.init).toBe(true));
  test("logs are bounded (json-file 10Mi x 3)", () => expect(spec().logging).toEqual({ driver: "json-file", maxSizeBytes: 10 * 2 ** 20, maxFiles: 3 }));
  test("no relaxations, and a tag-only image is an advisory finding", () => {
    expect(spec().relaxations).toEqual([]);
    expect(spec().warnings.map((w) => w.ruleId)).toEqual(["SS035"]);
  });
  test("a digest-pinned image has no finding", () => {
    const s = defineService({ ...goodService(), image: `registry.example.com/team/api:1.4.2@sha256:${"a".repeat(64)}` });
    expect(s.imagePin).toBe("digest");
    expect(s.warnings).toEqual([]);
  });
  test("an image object that is pinned by digest (a SecureImage) counts as digest-pinned", () => {
    const pulumi = require("@pulumi/pulumi");
    const s = defineService({ ...goodService(), image: { ref: pulumi.output("r@sha256:x"), pinnedByDigest: true } as never });
    expect(s.imagePin).toBe("digest");
    expect(defineService({ ...goodService(), image: pulumi.output("r:1") }).imagePin).toBe("unknown");
  });
  test("the user wins: explicit values replace defaults", () => {
    const s = defineService({ ...goodService(), user: "20000:20001", resources: { memory: "1Gi", cpus: 2, pids: 512 } });
    expect(s.user).toEqual({ uid: 20000, gid: 20001 });
    expect(s.resources).toMatchObject({ memoryBytes: 2 ** 30, cpus: 2, pids: 512 });
  });
  test("a placeholder reason is kept as a relaxation but flagged as unreviewed", () => {
    const s = defineService({ ...goodService(), readOnlyRootFilesystem: false, relax: { writableRootFilesystem: "TODO: say why ollama writes outside /tmp" } });
    expect(s.relaxations.map((r) => r.key)).toEqual(["writableRootFilesystem"]);
    expect(s.warnings.map((w) => w.message)).toContain('relax.writableRootFilesystem still has a placeholder reason ("TODO: say why ollama writes outside /tmp"); policies and audits treat it as not relaxed.');
  });
  test("the nc HTTP probe names the port even when it is the scheme's default", () => {
    const s = defineService({ ...goodService(), ports: [80], healthcheck: { http: { path: "/it's", port: 80 }, probe: "nc" } });
    expect(s.healthcheck!.test[2]).toBe("printf 'GET %s HTTP/1.0\\r\\n\\r\\n' '/it'\\''s' | nc 127.0.0.1 80 | head -n1 | grep -q ' [23]0[0-9] '");
  });
});

describe("relaxations are explicit and carry their reason", () => {
  test("each relaxation is listed with its rule and reason", () => {
    const s = defineService({
      ...goodService(),
      user: "0:0",
      readOnlyRootFilesystem: false,
      capAdd: ["NET_BIND_SERVICE"],
      ports: [{ container: 80, published: 80, hostIp: "0.0.0.0" }],
      restart: "unless-stopped",
      relax: {
        rootUser: "legacy image writes to /var/run as root",
        writableRootFilesystem: "vendor binary writes under /opt at runtime",
        addedCapabilities: "binds port 80 inside the container",
        publicPorts: "public website behind the host firewall",
        privilegedPorts: "the upstream proxy expects port 80",
        unboundedRestart: "must come back after host reboots",
        egress: "calls the payment provider's API",
      },
    });
    expect(s.relaxations.map((r) => [r.key, r.ruleId])).toEqual([
      ["rootUser", "SS001"],
      ["addedCapabilities", "SS006"],
      ["writableRootFilesystem", "SS011"],
      ["publicPorts", "SS024"],
      ["privilegedPorts", "SS025"],
      ["egress", "SS027"],
      ["unboundedRestart", "SS033"],
    ]);
    expect(s.relaxations[0].reason).toBe("legacy image writes to /var/run as root");
    expect(s.egress).toBe(true);
    expect(s.user).toEqual({ uid: 0, gid: 0 });
  });
  test("a relax entry that relaxes nothing is a warning, not a relaxation", () => {
    const s = defineService({ ...goodService(), relax: { rootUser: "left over from an old version" } });
    expect(s.relaxations).toEqual([]);
    expect(s.warnings.map((w) => w.message)).toContain("relax.rootUser is set but nothing in the spec needs it.");
  });
  test("defineService does not mutate its input", () => {
    const input = goodService();
    const copy = JSON.parse(JSON.stringify(input));
    defineService(input);
    expect(input).toEqual(copy);
  });
  test("a normalized spec passes through unchanged", () => {
    const s = defineService(goodService());
    expect(defineService(s)).toBe(s);
  });
});
