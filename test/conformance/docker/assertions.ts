/**
 * What "hardened" means on a real engine, checked from `docker inspect` and from inside the
 * containers. Shared by the replay path and the compose path so both prove the same things.
 */
import Docker from "dockerode";
import * as http from "http";
import { execFileSync } from "child_process";
import * as os from "os";
import { execIn } from "../engine";
import { startOutsideHost } from "../outside-host";
import { SECRET_VALUE } from "./three-services";

export interface Deployed {
  readonly docker: Docker;
  /** Container ids by service name. */
  readonly ids: { web: string; api: string; worker: string };
  readonly webPort: number;
}

const sh = (d: Deployed, svc: keyof Deployed["ids"], script: string) => execIn(d.docker, d.ids[svc], ["sh", "-c", script]);

function get(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path, timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

export function hardenedSuite(name: string, deploy: () => Promise<Deployed>, recreateApi: (d: Deployed) => Promise<Deployed>, teardown: () => Promise<void>) {
  describe(name, () => {
    let d: Deployed;
    beforeAll(async () => {
      d = await deploy();
    });
    afterAll(async () => {
      await teardown();
    });
    const inspect = (svc: keyof Deployed["ids"]) => d.docker.getContainer(d.ids[svc]).inspect();

    test("every service is healthy", async () => {
      for (const svc of ["web", "api", "worker"] as const) expect((await inspect(svc)).State.Health?.Status).toBe("healthy");
    });

    test("runs as the numeric non-root user", async () => {
      expect((await inspect("api")).Config.User).toBe("10001:10001");
      const r = await sh(d, "api", "id -u; id -g");
      expect(r.stdout.trim().split("\n")).toEqual(["10001", "10001"]);
    });

    test("writing to / fails and /tmp works (read-only root, bounded noexec tmpfs)", async () => {
      expect((await inspect("web")).HostConfig.ReadonlyRootfs).toBe(true);
      const root = await sh(d, "web", "touch /shipshape-probe");
      expect(root.exitCode).not.toBe(0);
      expect(root.stderr).toMatch(/Read-only file system/);
      expect((await sh(d, "web", "echo ok > /tmp/probe && cat /tmp/probe")).stdout.trim()).toBe("ok");
      const mounts = (await sh(d, "web", "grep ' /tmp ' /proc/mounts")).stdout;
      expect(mounts).toMatch(/tmpfs \/tmp tmpfs [^ ]*noexec/);
      expect(mounts).toMatch(/size=65536k/);
    });

    test("has no capabilities: bounding set empty, chown refused", async () => {
      expect((await inspect("web")).HostConfig.CapDrop).toEqual(["ALL"]);
      const status = (await sh(d, "web", "grep -E '^Cap(Eff|Bnd|Prm)' /proc/self/status")).stdout;
      for (const line of status.trim().split("\n")) expect(line).toMatch(/:\s+0000000000000000$/);
      const chown = await sh(d, "web", "echo x > /tmp/f && chown 0:0 /tmp/f");
      expect(chown.exitCode).not.toBe(0);
      expect(chown.stderr).toMatch(/Operation not permitted/);
    });

    test("no-new-privileges is set", async () => {
      expect((await inspect("worker")).HostConfig.SecurityOpt).toContain("no-new-privileges:true");
      expect((await sh(d, "worker", "grep NoNewPrivs /proc/self/status")).stdout).toMatch(/NoNewPrivs:\s+1/);
    });

    test("the memory limit holds (an allocation past it is OOM-killed) with no extra swap", async () => {
      const hc = (await inspect("worker")).HostConfig;
      expect(hc.Memory).toBe(64 * 2 ** 20);
      expect(hc.MemorySwap).toBe(64 * 2 ** 20);
      // A string that doubles until it cannot fit: the kernel OOM-kills it at the cgroup limit.
      const r = await sh(d, "worker", "awk 'BEGIN { s = \"x\"; while (1) s = s s }'; echo exit=$?");
      expect(r.stdout).toMatch(/exit=137/);
      expect((await inspect("worker")).State.Running).toBe(true);
    });

    test("the PID limit contains a fork bomb and the host stays fine", async () => {
      // Fork until the kernel refuses (dash gives up at the first refusal), at most 1000 times,
      // recording the count with builtins only.
      // The count goes to stdout: with a cgroup PID limit not even `docker exec` can start a
      // reader while the container is full.
      const bomb = await sh(d, "worker", "i=0; while [ $i -lt 1000 ]; do sleep 8 & i=$((i+1)); echo $i; done");
      expect(bomb.exitCode).not.toBe(0);
      expect(bomb.stderr).toMatch(/Cannot fork/);
      const spawned = Number(bomb.stdout.trim().split("\n").pop());
      expect(spawned).toBeGreaterThan(32);
      expect(spawned).toBeLessThan(64);
      // While the worker is at its limit, the host and the other services are unaffected.
      expect((await sh(d, "api", "echo alive")).stdout.trim()).toBe("alive");
      expect((await get("127.0.0.1", d.webPort, "/health")).status).toBe(200);
      expect(execFileSync("sh", ["-c", "echo host-ok"], { encoding: "utf8" }).trim()).toBe("host-ok");
      // And the worker recovers once the sleeps end.
      await new Promise((r) => setTimeout(r, 9_000));
      expect((await sh(d, "worker", "echo recovered")).stdout.trim()).toBe("recovered");
    });

    test("published ports listen on 127.0.0.1 only", async () => {
      const ports = (await inspect("web")).NetworkSettings.Ports["8080/tcp"];
      expect(ports).toEqual([{ HostIp: "127.0.0.1", HostPort: String(d.webPort) }]);
      expect((await get("127.0.0.1", d.webPort, "/health")).body.trim()).toBe("ok");
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && a.family === "IPv4" && !a.internal);
      if (!external) throw new Error("no non-loopback address on this machine to check the port is not reachable there");
      await expect(get(external.address, d.webPort, "/health")).rejects.toThrow(/ECONNREFUSED/);
    });

    test("the secret is a 0400 file of the service user and not in the environment", async () => {
      const r = await sh(d, "api", "stat -c '%a %u:%g' /run/secrets/api_token; cat /run/secrets/api_token");
      const [perm, content] = r.stdout.trim().split("\n");
      expect(perm).toBe("400 10001:10001");
      expect(content).toBe(SECRET_VALUE);
      const env = (await inspect("api")).Config.Env.join("\n");
      expect(env).not.toContain(SECRET_VALUE);
      expect(env).toContain("API_TOKEN_FILE=/run/secrets/api_token");
      expect((await sh(d, "api", "cat /proc/1/environ | tr '\\0' '\\n'")).stdout).not.toContain(SECRET_VALUE);
      // The secrets mount is read-only to the service.
      expect((await sh(d, "api", "echo x > /run/secrets/api_token")).exitCode).not.toBe(0);
    });

    test("the internal network has no route out", async () => {
      const nets = (await inspect("api")).NetworkSettings.Networks;
      for (const n of Object.keys(nets)) expect((await d.docker.getNetwork(n).inspect()).Internal).toBe(true);
      const outside = await startOutsideHost();
      try {
        const probe = `busybox nc -w 3 ${outside.address} ${outside.port} </dev/null; echo exit=$?`;
        // Control: the front's ingress network forwards off the host, so the probe works there.
        expect((await sh(d, "web", probe)).stdout).toContain("reached");
        const fromApi = await sh(d, "api", probe);
        expect(fromApi.stdout).not.toContain("reached");
        expect(fromApi.stdout).toMatch(/exit=[1-9]/);
      } finally {
        outside.close();
      }
      // Inside the network, the web front reaches the API by its service name.
      expect((await sh(d, "web", "busybox wget -q -O- http://api:8080/health")).stdout.trim()).toBe("ok");
    });

    test("data written to the data volume survives recreating the container", async () => {
      const before = Number((await sh(d, "api", "cat /data/boots")).stdout.trim());
      expect(before).toBeGreaterThanOrEqual(1);
      d = await recreateApi(d);
      const after = Number((await sh(d, "api", "cat /data/boots")).stdout.trim());
      expect(after).toBe(before + 1);
    });
  });
}
