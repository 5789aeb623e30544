// One service on Kubernetes. The same service input as on Docker becomes a ServiceAccount
// without a token, a Deployment whose pods pass restricted Pod Security (non-root, read-only
// root, drop ALL, RuntimeDefault seccomp, no privilege escalation), readiness/liveness/startup
// probes, requests and limits, a ClusterIP Service, a default-deny NetworkPolicy opened only
// for the ingress controller, a PodDisruptionBudget for its two replicas, and the token as a
// Secret mounted read-only at /run/secrets (its value secret in Pulumi state).
import { KubernetesService } from "../../sdk/kubernetes";

const orders = new KubernetesService("orders", {
  namespace: "shop",
  service: {
    name: "orders-api",
    image: "ghcr.io/example/orders-api:1.8.0@sha256:9b45298fd145b9e2c03b9217c657d957b482d5dbbad88a709c4e12f7643a50bc",
    replicas: 2,
    ports: [{ name: "http", container: 8080, published: 8080 }],
    healthcheck: { http: { path: "/healthz", port: 8080 }, startPeriod: "20s" },
    resources: { memory: "512Mi", cpus: 1, requests: { memory: "256Mi", cpus: 0.25 } },
    // `pulumi config set --secret ordersSigningKey < key.pem`
    secrets: [{ name: "signing_key", configKey: "ordersSigningKey", fileEnv: "SIGNING_KEY_FILE" }],
  },
});

export const workload = orders.workload.metadata.name;
export const host = orders.host;
