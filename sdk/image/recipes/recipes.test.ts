import { lintDockerfile } from "../lint";
import { dockerignoreFor, nodeRecipe, pythonRecipe, staticRecipe } from ".";

const BASE = `debian:12-slim@sha256:${"b".repeat(64)}`;
const errorsOf = (dockerfile: string, dockerignore: string) => lintDockerfile(dockerfile, { dockerignore }).findings.filter((f) => f.level !== "info");

describe("recipes", () => {
  const recipes = {
    python: pythonRecipe({ name: "notes", baseImage: BASE, command: ["python", "app.py"], pins: { python3: "3.11.2-1+b1", "python3-venv": "3.11.2-1+b1" } }),
    "python (debian runtime)": pythonRecipe({ name: "notes", baseImage: BASE, command: ["python", "app.py"], runtimeStyle: "debian", requirements: null }),
    node: nodeRecipe({ name: "counters", baseImage: BASE, command: ["node", "server.js"], buildScript: "build" }),
    go: staticRecipe({ name: "api", baseImage: BASE }),
    rust: staticRecipe({ name: "api", baseImage: BASE, language: "rust", binary: "server", args: ["--port", "8080"] }),
  };

  test.each(Object.entries(recipes))("%s: output passes lintDockerfile with no errors", (_, r) => {
    const res = lintDockerfile(r.dockerfile, { dockerignore: r.dockerignore });
    expect(res.findings.filter((f) => f.level === "error")).toEqual([]);
  });

  test.each(Object.entries(recipes))("%s: multi-stage, non-root numeric user, exec-form CMD, HEALTHCHECK, cache mounts, .dockerignore", (_, r) => {
    const d = r.dockerfile;
    expect(d.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(d).toMatch(/^USER 10001:10001$/m);
    expect(d).toMatch(/^HEALTHCHECK --interval=10s --timeout=3s/m);
    expect(d).toMatch(/^CMD \[/m);
    expect(d).toContain("--mount=type=cache,id=shipshape-apt-cache,target=/var/cache/apt,sharing=locked");
    expect(d).toMatch(/org\.opencontainers\.image\.title=/);
    expect(d).not.toMatch(/^# syntax=/m); // a syntax line would pull a frontend image
    expect(r.dockerignore).toMatch(/^\.git$/m);
    expect(r.dockerignore).toMatch(/^\.env\.\*$/m);
  });

  test("python: venv in the builder, no pip in the runtime, app copied after the dependencies", () => {
    const d = recipes.python.dockerfile;
    expect(d).toContain("apt-get install -y --no-install-recommends python3=3.11.2-1+b1 python3-venv=3.11.2-1+b1");
    expect(d).toContain("python3 -m venv /opt/venv \\\n    && /opt/venv/bin/pip install -r /tmp/requirements.txt \\\n    && /opt/venv/bin/pip uninstall -y pip setuptools");
    expect(d).toContain("--mount=type=cache,id=shipshape-pip,target=/root/.cache/pip");
    expect(d.indexOf("COPY --from=builder /opt/venv /opt/venv")).toBeLessThan(d.indexOf("COPY . /app/"));
    expect(d).toContain("FROM scratch\nCOPY --from=runtime-root /rootfs/ /");
    // the runtime closure unpacks python3 but leaves out install-time tooling
    expect(d).toContain("apt-get download python3=3.11.2-1+b1 $(apt-cache depends --recurse");
    expect(d).toContain("grep -vxE 'python3|dpkg|tar|install-info|debconf|debianutils|perl|perl-base|perl-modules-5\\.36|libperl5\\.36|mailcap|sensible-utils'");
    expect(d).toContain("find /rootfs -xdev -perm /6000 -type f -exec chmod a-s {} +");
    expect(d).toMatch(/ENV PATH="\/opt\/venv\/bin:/);
    expect(d).toContain(`CMD ["python3", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2).status == 200 else 1)"]`);
  });

  test("python: stdlib-only service skips pip; the debian runtime style keeps the base layers", () => {
    const d = recipes["python (debian runtime)"].dockerfile;
    expect(d).toContain("RUN python3 -m venv --without-pip /opt/venv");
    expect(d).not.toContain("requirements.txt");
    expect(d).toContain(`FROM ${BASE} AS runtime-root`);
    expect(d).toContain("\nFROM runtime-root\n");
    expect(d).not.toContain("FROM scratch");
  });

  test("node: production deps only from the lockfile, build stage with dev deps, runtime has nodejs without npm", () => {
    const d = recipes.node.dockerfile;
    expect(d).toContain("RUN --mount=type=cache,id=shipshape-npm,target=/root/.npm npm ci --omit=dev --ignore-scripts && mkdir -p node_modules");
    expect(d).toContain("FROM deps-base AS build");
    expect(d).toContain("RUN npm run build");
    expect(d).toContain("COPY --from=build /app/dist /app/dist");
    expect(d).toContain("COPY --from=deps /app/node_modules /app/node_modules");
    expect(d).toContain("apt-get download nodejs $(apt-cache depends --recurse");
    expect(d.split("AS runtime-root")[1]).not.toMatch(/\bnpm\b/);
    expect(d).toContain('ENV PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" NODE_ENV="production" PORT="8080"');
  });

  test("static: Go and Rust builders into scratch with certs and a passwd entry", () => {
    expect(recipes.go.dockerfile).toContain('CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .');
    expect(recipes.go.dockerfile).toContain("--mount=type=cache,id=shipshape-gobuild,target=/root/.cache/go-build");
    expect(recipes.rust.dockerfile).toContain("install -D target/release/server /out/app");
    expect(recipes.rust.dockerfile).toContain('CMD ["--port", "8080"]');
    expect(recipes.go.dockerfile).toContain('echo "app:x:10001:10001:app:/nonexistent:/sbin/nologin" > /out/etc/passwd');
    expect(recipes.go.dockerfile).toContain('HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \\\n  CMD ["/app", "healthcheck"]');
    expect(recipes.rust.command).toEqual(["/app", "--port", "8080"]);
  });

  test("labels, port, uid and cache id are applied", () => {
    const d = pythonRecipe({ name: "x", baseImage: BASE, command: ["python", "a.py"], port: 9000, uid: 20000, gid: 20001, cacheId: "team-a", labels: { "org.opencontainers.image.source": "https://git.example.com/x" } }).dockerfile;
    expect(d).toContain('LABEL org.opencontainers.image.title="x" \\\n      org.opencontainers.image.source="https://git.example.com/x"');
    expect(d).toContain("USER 20000:20001");
    expect(d).toContain("EXPOSE 9000");
    expect(d).toContain("id=team-a-apt-lists");
    expect(d).toContain("app:x:20000:20001:app");
  });

  test("bad options list every problem with the field and the fix", () => {
    expect(() => pythonRecipe({ name: "x", command: ["a"], uid: 0, port: 80, healthPath: "health", cacheId: "a b", runtimePackages: { "Bad Pkg": "" } })).toThrow(
      [
        "recipe options are invalid:",
        "  - uid: 0 must be an integer >= 10000 (RULES SS002); use 10001",
        "  - gid: 0 must be an integer >= 10000 (RULES SS002); use 10001",
        "  - port: 80 must be an integer 1024..65535 (a non-root user cannot bind below 1024)",
        '  - healthPath: "health" must start with "/", e.g. "/healthz"',
        '  - cacheId: "a b" may use only letters, digits, ".", "_" and "-"',
        '  - package "Bad Pkg" is not a Debian package name (lower-case letters, digits, + . -)',
      ].join("\n"),
    );
    expect(() => staticRecipe({ name: "x", language: "rust" })).toThrow('binary: required for language "rust"');
  });

  test("the default base is pinned by tag; pinning the digest is left to the caller (advice, not an error)", () => {
    const r = nodeRecipe({ name: "n", command: ["node", "s.js"] });
    expect(errorsOf(r.dockerfile, r.dockerignore).map((f) => f.upstreamIds.join("+"))).toEqual(["DL3008", "DL3008"]);
    expect(lintDockerfile(r.dockerfile).findings.filter((f) => f.level === "info").map((f) => f.message)[0]).toBe("FROM debian:12-slim is pinned by tag only; a tag can be moved to a different image");
  });

  test("dataDirs are created owned by the runtime user in every runtime style", () => {
    const distroless = pythonRecipe({ name: "notes", baseImage: BASE, command: ["python3", "app.py"], requirements: null, uid: 10002, dataDirs: ["/data", "/var/lib/notes"] }).dockerfile;
    expect(distroless).toContain("mkdir -p /rootfs-data/data /rootfs-data/var/lib/notes");
    expect(distroless).toMatch(/^COPY --from=runtime-root --chown=10002:10002 \/rootfs-data\/ \/$/m);
    const debian = nodeRecipe({ name: "c", baseImage: BASE, command: ["node", "s.js"], runtimeStyle: "debian", dataDirs: ["/data"] }).dockerfile;
    expect(debian).toContain("mkdir -p /data");
    expect(debian).toContain("chown 10001:10001 /data");
    const go = staticRecipe({ name: "api", baseImage: BASE, dataDirs: ["/data"] }).dockerfile;
    expect(go).toMatch(/^COPY --from=builder --chown=10001:10001 \/out\/data\/ \/$/m);
    for (const d of [distroless, debian, go]) expect(lintDockerfile(d).errors).toBe(0);
    expect(pythonRecipe({ name: "n", command: ["x"], requirements: null }).dockerfile).not.toContain("rootfs-data");
    expect(() => pythonRecipe({ name: "n", command: ["x"], dataDirs: ["data"] })).toThrow('dataDirs: "data" must be an absolute directory path such as "/data"');
  });

  test("dockerignoreFor adds extra entries", () => {
    expect(dockerignoreFor("static", ["secrets/"]).trim().split("\n").slice(-2)).toEqual(["coverage.out", "secrets/"]);
  });
});
