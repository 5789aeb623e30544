/** Known-good inputs the policy tests change one field at a time. */
import type { ContainerPosture } from "../../sdk/checks";

export const GOOD_IMAGE = "registry.example.com/team/api:1.4.2@sha256:" + "a".repeat(64);

export const HAPPY_DOCKER_POSTURE: ContainerPosture = {
  name: "api",
  source: "docker",
  image: GOOD_IMAGE,
  user: "10001:10001",
  uid: 10001,
  gid: 10001,
  privileged: false,
  noNewPrivileges: true,
  capDrop: ["ALL"],
  capAdd: [],
  readOnlyRootFilesystem: true,
  tmpfs: [{ target: "/tmp", sizeBytes: 64 * 2 ** 20 }],
  mounts: [{ type: "volume", source: "api-data", target: "/data", readOnly: false }],
  ports: [{ container: 8080, published: 18080, hostIp: "127.0.0.1", protocol: "tcp" }],
  networks: ["prod-default"],
  memoryBytes: 512 * 2 ** 20,
  memorySwapBytes: 512 * 2 ** 20,
  cpus: 1,
  nprocLimit: 256,
  healthcheck: { present: true },
  restart: { policy: "on-failure", maxRetries: 5 },
  env: { LOG_LEVEL: "info", API_TOKEN_FILE: "/run/secrets/api_token" },
  init: true,
};

export const HAPPY_K8S_POSTURE: ContainerPosture = {
  name: "api/api",
  source: "kubernetes",
  image: GOOD_IMAGE,
  user: "10001:10001",
  uid: 10001,
  gid: 10001,
  runAsNonRoot: true,
  privileged: false,
  noNewPrivileges: true,
  capDrop: ["ALL"],
  capAdd: [],
  seccomp: "RuntimeDefault",
  readOnlyRootFilesystem: true,
  mounts: [{ type: "emptyDir", source: "tmp", target: "/tmp", sizeBytes: 64 * 2 ** 20 }],
  ports: [{ container: 8080, protocol: "tcp" }],
  memoryBytes: 512 * 2 ** 20,
  cpus: 1,
  requests: { memoryBytes: 256 * 2 ** 20, cpus: 0.5 },
  ephemeralStorageBytes: 2 ** 30,
  healthcheck: { present: true, readiness: true, liveness: true },
  env: {},
  automountServiceAccountToken: false,
  replicas: 2,
};

/** Resolved inputs of a hardened `docker.Container`, as Shipshape renders it. */
export const HAPPY_CONTAINER_ARGS = {
  image: GOOD_IMAGE,
  user: "10001:10001",
  privileged: false,
  readOnly: true,
  capabilities: { drops: ["ALL"] },
  securityOpts: ["no-new-privileges:true"],
  init: true,
  tmpfs: { "/tmp": "rw,noexec,nosuid,nodev,size=67108864,mode=1777" },
  mounts: [{ type: "volume", source: "prod-api-data", target: "/data", readOnly: false }],
  memory: 512,
  memorySwap: 512,
  cpus: "1",
  ulimits: [{ name: "nproc", soft: 256, hard: 256 }],
  healthcheck: { tests: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"], interval: "30s", timeout: "5s", retries: 3, startPeriod: "10s" },
  restart: "on-failure",
  maxRetryCount: 5,
  ports: [{ internal: 8080, external: 18080, ip: "127.0.0.1", protocol: "tcp" }],
  networksAdvanced: [{ name: "prod-default", aliases: ["api"] }],
  envs: ["LOG_LEVEL=info"],
  labels: [{ label: "shipshape.dev/managed-by", value: "shipshape" }],
};

/** A PSS-restricted, fully bounded pod spec. */
export function happyPodSpec(): Record<string, unknown> {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
    volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }, { name: "data", persistentVolumeClaim: { claimName: "api-data" } }],
    containers: [
      {
        name: "api",
        image: GOOD_IMAGE,
        ports: [{ containerPort: 8080, protocol: "TCP" }],
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ["ALL"] } },
        resources: { limits: { memory: "512Mi", cpu: "1", "ephemeral-storage": "1Gi" }, requests: { memory: "256Mi", cpu: "500m" } },
        readinessProbe: { httpGet: { path: "/health", port: 8080 } },
        livenessProbe: { httpGet: { path: "/health", port: 8080 } },
        volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, { name: "data", mountPath: "/data" }],
        env: [{ name: "LOG_LEVEL", value: "info" }],
      },
    ],
  };
}

export function happyDeployment(): Record<string, unknown> {
  return {
    metadata: { name: "api", namespace: "prod" },
    spec: { replicas: 2, selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec: happyPodSpec() } },
  };
}
