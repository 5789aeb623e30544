/**
 * A team's stack written with raw @pulumi/docker resources (no Shipshape components): a web
 * front end and a cache on an internal network. The policy pack checks it all the same.
 */
import * as docker from "@pulumi/docker";

export interface StackOptions {
  /** Image tag to deploy. @default "1.27.2" */
  readonly webTag?: string;
  /** Let a test break one thing on purpose. */
  readonly mutateWeb?: (args: docker.ContainerArgs) => docker.ContainerArgs;
}

/** The hardening every container of this team gets (RULES.md SS001-SS033). */
function hardened(uid: number): Partial<docker.ContainerArgs> {
  return {
    user: `${uid}:${uid}`,
    readOnly: true,
    privileged: false,
    init: true,
    capabilities: { drops: ["ALL"] },
    securityOpts: ["no-new-privileges:true"],
    tmpfs: { "/tmp": "rw,noexec,nosuid,nodev,size=67108864" },
    memory: 256,
    memorySwap: 256,
    cpus: "0.5",
    // @pulumi/docker has no pidsLimit: the nproc ulimit (with a UID of its own) is the substitute.
    ulimits: [{ name: "nproc", soft: 128, hard: 128 }],
    restart: "on-failure",
    maxRetryCount: 5,
  };
}

export function createStack(opts: StackOptions = {}) {
  const net = new docker.Network("backend", { name: "team-backend", internal: true });
  const ingress = new docker.Network("ingress", { name: "team-ingress", labels: [{ label: "shipshape.dev/network-role", value: "ingress" }] });
  const cacheData = new docker.Volume("cache-data", { name: "team-cache-data" });

  const cache = new docker.Container("cache", {
    ...hardened(10011),
    name: "team-cache",
    image: "registry.example.com/mirror/redis:7.4.1",
    command: ["redis-server", "--save", "60", "1", "--dir", "/data"],
    mounts: [{ type: "volume", source: cacheData.name, target: "/data" }],
    healthcheck: { tests: ["CMD", "redis-cli", "ping"], interval: "10s", timeout: "3s", retries: 3 },
    networksAdvanced: [{ name: net.name, aliases: ["cache"] }],
  });

  const webArgs: docker.ContainerArgs = {
    ...hardened(10012),
    name: "team-web",
    image: `registry.example.com/mirror/nginx-unprivileged:${opts.webTag ?? "1.27.2"}`,
    ports: [{ internal: 8080, external: 18080, ip: "127.0.0.1" }],
    envs: ["CACHE_HOST=cache"],
    healthcheck: { tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"], interval: "15s", timeout: "3s", retries: 3 },
    networksAdvanced: [{ name: net.name }, { name: ingress.name }],
  };
  const web = new docker.Container("web", opts.mutateWeb ? opts.mutateWeb(webArgs) : webArgs, { dependsOn: [cache] });
  return { web: web.name, cache: cache.name };
}
