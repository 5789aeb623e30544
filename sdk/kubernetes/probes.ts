/** Readiness, liveness and startup probes from the spec's one healthcheck. */
import type * as k8s from "@pulumi/kubernetes";
import type { HealthcheckSpec } from "../spec";

type Probe = k8s.types.input.core.v1.Probe;

export interface Probes {
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
}

/**
 * HTTP and TCP checks become kubelet `httpGet`/`tcpSocket` probes (no tool needed in the
 * image); a command check runs as `exec`. Kubernetes counts in whole seconds, so fractions
 * round up. Docker's start period becomes a startup probe: liveness waits until it passes,
 * and it allows `startPeriod` plus `retries` failures, as Docker does.
 */
export function probesFor(h: HealthcheckSpec | undefined): Probes {
  if (!h) return {};
  // A fresh object per probe: shared references would become YAML aliases in renderKubernetes.
  const action = (): Probe =>
    h.kind === "http" && h.http
      ? { httpGet: { path: h.http.path, port: h.http.port, scheme: h.http.scheme === "https" ? "HTTPS" : "HTTP" } }
      : h.kind === "tcp" && h.tcp
        ? { tcpSocket: { port: h.tcp.port } }
        : { exec: { command: [...h.test] } };
  const periodSeconds = Math.max(1, Math.ceil(h.intervalSeconds));
  const timeoutSeconds = Math.max(1, Math.ceil(h.timeoutSeconds));
  const steady = (): Probe => ({ ...action(), periodSeconds, timeoutSeconds, failureThreshold: h.retries, successThreshold: 1 });
  if (h.startPeriodSeconds <= 0) return { readinessProbe: steady(), livenessProbe: steady() };
  // Check often while starting so a fast start is noticed fast, at most every 5 s.
  const startPeriod = Math.min(periodSeconds, Math.max(timeoutSeconds, 5));
  const startupProbe: Probe = { ...action(), periodSeconds: startPeriod, timeoutSeconds, failureThreshold: Math.ceil(h.startPeriodSeconds / startPeriod) + h.retries, successThreshold: 1 };
  return { readinessProbe: steady(), livenessProbe: steady(), startupProbe };
}
