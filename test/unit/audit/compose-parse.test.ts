import { interpolateString, parseCompose, parseDockerBytes, parseGoDuration, parsePorts, parseVolumes, shellSplit } from "../../../sdk/audit/compose";
import { SpecError } from "../../../sdk/spec";

describe("compose parsing", () => {
  it("reads every short and long port syntax", () => {
    const ports = parsePorts(["8080:80", "127.0.0.1:5432:5432", "9000", "[::1]:7000:7000/udp", "6000-6001:7000-7001", { target: 443, published: "8443", host_ip: "10.0.0.2" }]);
    expect(ports.map(({ hostIp, published, target, protocol }) => ({ hostIp, published, target, protocol }))).toEqual([
      { hostIp: undefined, published: 8080, target: 80, protocol: "tcp" },
      { hostIp: "127.0.0.1", published: 5432, target: 5432, protocol: "tcp" },
      { hostIp: undefined, published: undefined, target: 9000, protocol: "tcp" },
      { hostIp: "::1", published: 7000, target: 7000, protocol: "udp" },
      { hostIp: undefined, published: 6000, target: 7000, protocol: "tcp" },
      { hostIp: undefined, published: 6001, target: 7001, protocol: "tcp" },
      { hostIp: "10.0.0.2", published: 8443, target: 443, protocol: "tcp" },
    ]);
  });

  it("tells binds from named volumes and resolves relative bind paths", () => {
    const v = parseVolumes(["data:/data", "./conf:/etc/app:ro", "/srv/x:/x:rw,rshared", "/anon", { type: "tmpfs", target: "/cache", tmpfs: { size: "32m" } }], "/base");
    expect(v.map(({ type, source, target, readOnly, propagation, sizeBytes }) => ({ type, source, target, readOnly, propagation, sizeBytes }))).toEqual([
      { type: "volume", source: "data", target: "/data", readOnly: false, propagation: undefined, sizeBytes: undefined },
      { type: "bind", source: "/base/conf", target: "/etc/app", readOnly: true, propagation: undefined, sizeBytes: undefined },
      { type: "bind", source: "/srv/x", target: "/x", readOnly: false, propagation: "rshared", sizeBytes: undefined },
      { type: "volume", source: undefined, target: "/anon", readOnly: false, propagation: undefined, sizeBytes: undefined },
      { type: "tmpfs", source: undefined, target: "/cache", readOnly: false, propagation: undefined, sizeBytes: 32 * 2 ** 20 },
    ]);
  });

  it("interpolates like compose", () => {
    const env = { A: "1", EMPTY: "" };
    expect(interpolateString("${A}-${B:-dflt}-${EMPTY:-e}-${EMPTY-e}-$$A-$A", env)).toBe("1-dflt-e--$A-1");
    const missing = new Set<string>();
    expect(interpolateString("x${NOPE}y", env, missing)).toBe("xy");
    expect([...missing]).toEqual(["NOPE"]);
  });

  it("parses Docker sizes, Go durations and shell words", () => {
    expect(parseDockerBytes("512m")).toBe(512 * 2 ** 20);
    expect(parseDockerBytes("1gb")).toBe(2 ** 30);
    expect(parseDockerBytes("lots")).toBeUndefined();
    expect(parseGoDuration("1m30s")).toBe(90);
    expect(parseGoDuration("500ms")).toBe(0.5);
    expect(parseGoDuration("soon")).toBeUndefined();
    expect(shellSplit(`node dist/worker.js --queue "default emails" 'a b' c\\ d`)).toEqual(["node", "dist/worker.js", "--queue", "default emails", "a b", "c d"]);
  });

  it("normalizes a service: limits from deploy or v2 keys, healthcheck, restart, networks", () => {
    const p = parseCompose(
      `services:
  a:
    image: x:1
    mem_limit: 256m
    cpus: 0.5
    pids_limit: 100
    healthcheck: { test: "curl -f http://localhost/", interval: 1m }
    restart: unless-stopped
  b:
    image: y:2
    deploy: { resources: { limits: { memory: 1g, cpus: "2" } }, restart_policy: { condition: on-failure, max_attempts: 3 } }
    networks: { back: {} }
    healthcheck: { disable: true }
networks: { back: { internal: true } }
`,
    );
    const [a, b] = p.services;
    expect([a.memoryBytes, a.cpus, a.pidsLimit, a.restart, a.networks]).toEqual([256 * 2 ** 20, 0.5, 100, "unless-stopped", ["default"]]);
    expect(a.healthcheck).toEqual({ disabled: false, test: ["CMD-SHELL", "curl -f http://localhost/"], intervalSeconds: 60 });
    expect([b.memoryBytes, b.cpus, b.restart, b.networks, b.healthcheck?.disabled]).toEqual([2 ** 30, 2, "on-failure:3", ["back"], true]);
    expect(p.networks).toEqual([{ name: "back", internal: true, external: false }]);
  });

  it("reports every problem at once, naming the field, the value and the fix", () => {
    let err: unknown;
    try {
      parseCompose(`services:\n  a:\n    image: x:1\n    mem_limit: lots\n    ports: ["1:2:3:4"]\n  b: 7\n`, { file: "bad.yml" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    expect((err as SpecError).issues).toEqual([
      { path: "services.a.mem_limit", message: '"lots" is not a size; write it as "512m", "1g" or a number of bytes.' },
      { path: "services.a.ports[0]", message: '"1:2:3:4" is not a port mapping; write "HOST_IP:HOST:CONTAINER", e.g. "127.0.0.1:8080:80".' },
      { path: "services.b", message: "must be a mapping (got 7)." },
    ]);
    expect(() => parseCompose("services: [", { file: "broken.yml" })).toThrow(/broken\.yml is invalid.*is not valid YAML/s);
    expect(() => parseCompose("version: '3'\n", { file: "empty.yml" })).toThrow('services: must be a mapping of service names to services (got undefined); add at least one service.');
  });
});
