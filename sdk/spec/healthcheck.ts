/** The healthcheck field: exactly one of cmd, http or tcp, turned into an in-container probe. */
import type { Collector } from "./collector";
import { DEFAULTS } from "./defaults";
import { show } from "./errors";
import type { ParsedService } from "./schema";
import type { HealthcheckSpec } from "./types";
import { parseDuration } from "./units";

export function normalizeHealthcheck(s: ParsedService, c: Collector): HealthcheckSpec | undefined {
  const h = s.healthcheck;
  if (!h) {
    if (!s.relax?.noHealthcheck) c.error(["healthcheck"], 'is required: without it nothing knows the service is alive. Add healthcheck: { http: { path: "/health", port: 8080 } } (or cmd / tcp), or set relax.noHealthcheck to the reason.');
    else c.used.add("noHealthcheck");
    return undefined;
  }
  if (s.relax?.noHealthcheck) c.error(["relax", "noHealthcheck"], "healthcheck and relax.noHealthcheck are mutually exclusive. Choose a single approach.");
  const forms = (["cmd", "http", "tcp"] as const).filter((k) => h[k] !== undefined);
  if (forms.length !== 1) {
    c.error(["healthcheck"], forms.length ? `has ${forms.join(" and ")}; give exactly one of cmd, http or tcp.` : 'needs one of cmd, http or tcp, e.g. { http: { path: "/health", port: 8080 } }.');
    return undefined;
  }
  const d = DEFAULTS.healthcheck;
  const dur = (field: "interval" | "timeout" | "startPeriod", def: number, min: number) => {
    if (h[field] === undefined) return def;
    const v = parseDuration(h[field]);
    if (v === undefined || v < min || v > 3600) {
      c.error(["healthcheck", field], `${show(h[field])} is not a duration between ${min}s and 1h; use e.g. "30s".`);
      return def;
    }
    return v;
  };
  const intervalSeconds = dur("interval", d.intervalSeconds, 1);
  const timeoutSeconds = dur("timeout", d.timeoutSeconds, 1);
  const startPeriodSeconds = dur("startPeriod", d.startPeriodSeconds, 0);
  if (timeoutSeconds > intervalSeconds) c.error(["healthcheck", "timeout"], `timeout ${timeoutSeconds}s is longer than interval ${intervalSeconds}s; make it shorter than the interval.`);
  const base = { intervalSeconds, timeoutSeconds, retries: h.retries ?? d.retries, startPeriodSeconds };
  if (h.cmd) return { kind: "cmd", test: [...h.cmd], ...base };
  if (h.http) {
    if (h.http.scheme === "https" && h.probe === "nc") c.error(["healthcheck", "probe"], 'the "nc" probe speaks plain HTTP and cannot check an https endpoint; use "curl", "wget", "node" or "python".');
    const url = `${h.http.scheme}://127.0.0.1:${h.http.port}${h.http.path}`;
    return { kind: "http", test: httpProbe(h.probe ?? "wget", url), http: { ...h.http }, ...base };
  }
  const port = h.tcp!.port;
  return { kind: "tcp", test: tcpProbe(h.probe ?? "nc", port), tcp: { port }, ...base };
}

/** The in-container command that performs an HTTP check (Docker has no native HTTP check). */
export function httpProbe(probe: string | readonly string[], url: string): string[] {
  if (Array.isArray(probe)) return [...probe, url];
  switch (probe) {
    case "curl": return ["curl", "-fsS", "-o", "/dev/null", url];
    case "busybox": return ["busybox", "wget", "-q", "-O", "/dev/null", url];
    case "node": return ["node", "-e", `fetch(${JSON.stringify(url)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`];
    case "python": return ["python3", "-c", `import sys,urllib.request;sys.exit(0 if urllib.request.urlopen(${JSON.stringify(url)},timeout=5).status<400 else 1)`];
    case "nc": {
      // Plain HTTP over nc: the port is explicit (URL drops default ports) and the path is quoted.
      const u = new URL(url);
      const port = u.port || (u.protocol === "https:" ? "443" : "80");
      const path = (u.pathname + u.search).replace(/'/g, "'\\''");
      return ["sh", "-c", `printf 'GET %s HTTP/1.0\\r\\n\\r\\n' '${path}' | nc 127.0.0.1 ${port} | head -n1 | grep -q ' [23]0[0-9] '`];
    }
    default: return ["wget", "-q", "-O", "/dev/null", url];
  }
}

export function tcpProbe(probe: string | readonly string[], port: number): string[] {
  if (Array.isArray(probe)) return [...probe, "127.0.0.1", String(port)];
  switch (probe) {
    case "busybox": return ["busybox", "nc", "-z", "127.0.0.1", String(port)];
    case "node": return ["node", "-e", `require("net").connect(${port},"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))`];
    case "python": return ["python3", "-c", `import socket;socket.create_connection(("127.0.0.1",${port}),5)`];
    default: return ["nc", "-z", "127.0.0.1", String(port)];
  }
}
