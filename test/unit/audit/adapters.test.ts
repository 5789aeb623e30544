/**
 * The audit's adapters map what they read into ContainerPosture; the rules are checkPosture's.
 * The inspect fixtures are real `docker inspect` output from the local engine (Docker 20.10):
 *   bad:  --user 0:0 --cap-add NET_ADMIN -p 0.0.0.0:28081:8080 --no-healthcheck --restart always -e API_TOKEN=abc
 *   good: --read-only --tmpfs /tmp:size=16m --cap-drop ALL --security-opt no-new-privileges --memory 128m
 *         --memory-swap 128m --cpus 0.5 --pids-limit 64 --init --restart on-failure:5 --network <internal>
 */
import { checkPosture } from "../../../sdk/checks";
import { parseCompose } from "../../../sdk/audit/compose";
import { postureFromCompose, postureFromImage, postureFromInspect } from "../../../sdk/audit/adapters";
import bad from "./fixtures/inspect-bad.json";
import good from "./fixtures/inspect-good.json";
import image from "./fixtures/image-testsvc.json";

const ids = (fs: { ruleId: string }[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

describe("from-inspect (docker inspect → ContainerPosture)", () => {
  it("reads the bad container's weaknesses", () => {
    const p = postureFromInspect(bad);
    expect(p).toMatchObject({
      name: "audit-test-probe-bad",
      source: "inspect",
      user: "0:0",
      uid: 0,
      capAdd: ["NET_ADMIN"],
      readOnlyRootFilesystem: false,
      healthcheck: { present: false, disabled: true },
      restart: { policy: "always" },
      env: expect.objectContaining({ API_TOKEN: "abc" }),
      init: false,
    });
    expect(p.ports).toEqual([{ container: 8080, protocol: "tcp", published: 28081, hostIp: "0.0.0.0" }]);
    expect(p.memoryBytes).toBeUndefined();
    expect(ids(checkPosture(p))).toEqual(["SS001", "SS004", "SS005", "SS006", "SS011", "SS023", "SS024", "SS027", "SS028", "SS029", "SS030", "SS031", "SS032", "SS033", "SS037", "SS040"]);
  });

  it("reads the hardened container's controls", () => {
    const p = postureFromInspect(good);
    expect(p).toMatchObject({
      user: "10001:10001",
      uid: 10001,
      gid: 10001,
      noNewPrivileges: true,
      capDrop: ["ALL"],
      readOnlyRootFilesystem: true,
      tmpfs: [{ target: "/tmp", sizeBytes: 16 * 2 ** 20 }],
      memoryBytes: 128 * 2 ** 20,
      memorySwapBytes: 128 * 2 ** 20,
      cpus: 0.5,
      pidsLimit: 64,
      init: true,
      healthcheck: { present: true },
      restart: { policy: "on-failure", maxRetries: 5 },
      networks: ["audit-test-probe-net"],
    });
    // Only the cgroup v1 engine default remains (host cgroup namespace).
    expect(ids(checkPosture(p))).toEqual(["SS023"]);
  });

  it("reads relaxations from shipshape.dev/relax.* labels", () => {
    const labelled = { ...bad, Config: { ...bad.Config, Labels: { "shipshape.dev/relax.publicPorts": "public demo behind the firewall" } } };
    expect(postureFromInspect(labelled).relaxations).toEqual({ publicPorts: "public demo behind the firewall" });
  });
});

describe("from-image (docker image inspect → ContainerPosture)", () => {
  it("judges only what an image decides", () => {
    const p = postureFromImage(image);
    expect(p).toMatchObject({ name: "shipshape/testsvc:1", user: "10001:10001", healthcheck: { present: true } });
    expect(checkPosture(p)).toEqual([]);
    const rootNoHealth = postureFromImage({ RepoTags: ["x/y:latest"], Config: { User: "", Env: ["DB_PASSWORD=x"], ExposedPorts: { "22/tcp": {} } } });
    expect(ids(checkPosture(rootNoHealth))).toEqual(["SS001", "SS026", "SS032", "SS035", "SS037"]);
  });
});

describe("from-compose (compose service → ContainerPosture)", () => {
  const project = parseCompose(
    `services:
  web:
    image: web:1.0
    user: "10001:10001"
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true", "seccomp=unconfined"]
    ports: ["127.0.0.1:8080:80", "9000"]
    volumes: ["/var/run/docker.sock:/var/run/docker.sock", "./data:/data"]
    tmpfs: ["/tmp"]
    mem_limit: 128m
    init: true
`,
    { baseDir: "/srv/app" },
  );
  const p = postureFromCompose(project.services[0]);

  it("maps every field the rules read", () => {
    expect(p).toMatchObject({
      name: "web",
      at: "services.web",
      source: "compose",
      uid: 10001,
      gid: 10001,
      noNewPrivileges: true,
      seccomp: "unconfined",
      capDrop: ["ALL"],
      readOnlyRootFilesystem: true,
      tmpfs: [{ target: "/tmp" }],
      memoryBytes: 128 * 2 ** 20,
      init: true,
    });
    expect(p.ports).toEqual([
      { container: 80, protocol: "tcp", published: 8080, hostIp: "127.0.0.1" },
      { container: 9000, protocol: "tcp", publishedRandom: true },
    ]);
    expect(p.mounts).toEqual([
      { type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker.sock", readOnly: false },
      { type: "bind", source: "/srv/app/data", target: "/data", readOnly: false },
    ]);
  });

  it("lets checkPosture explain it", () => {
    const f = checkPosture(p);
    expect(ids(f)).toEqual(["SS007", "SS012", "SS019", "SS020", "SS024", "SS027", "SS028", "SS029", "SS030", "SS032"]);
    expect(f.find((x) => x.ruleId === "SS019")?.message).toBe("mounts the container engine's socket (/var/run/docker.sock): root on the host.");
  });

  it("uses the image's own USER and HEALTHCHECK when the engine knows them", () => {
    const bare = parseCompose("services:\n  a:\n    image: shipshape/testsvc:1\n").services[0];
    expect(ids(checkPosture(postureFromCompose(bare)))).toEqual(expect.arrayContaining(["SS001", "SS032"]));
    const known = postureFromCompose(bare, { image: { user: "10001:10001", healthcheck: true } });
    expect(ids(checkPosture(known))).not.toEqual(expect.arrayContaining(["SS001"]));
    expect(ids(checkPosture(known))).not.toContain("SS032");
    expect(postureFromCompose(bare, { image: { user: "" } })).toMatchObject({ user: "root", uid: 0 });
  });
});
