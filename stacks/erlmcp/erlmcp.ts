/** erlmcp: the Erlang/OTP MCP server (HTTP on 8080, health at /health). */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function erlmcp(ctx: ServiceContext): ServiceInput {
  return {
    name: "erlmcp",
    image: imageOf(ctx, "erlmcp"),
    user: "10001:10001",
    env: {
      ERLMCP_HTTP_PORT: "8080",
      ERLMCP_DATA_DIR: "/var/lib/erlmcp",
      // The release writes its erl_crash.dump and the cookie copy under $HOME and RELEASE_TMP.
      HOME: "/tmp",
      RELEASE_TMP: "/tmp",
      ERL_CRASH_DUMP: "/tmp/erl_crash.dump",
      // Schedulers per CPU limit, not per host core (every scheduler is a thread: PIDs count them).
      ERL_FLAGS: "+S 2:2 +SDcpu 2:2 +A 8",
    },
    // The distribution cookie: the release start script reads it from the file.
    secrets: [{ name: "erlang_cookie", configKey: "erlangCookie", fileEnv: "RELEASE_COOKIE_FILE" }],
    ports: [{ name: "http", container: 8080, published: 8090 }],
    healthcheck: { http: { path: "/health", port: 8080 }, probe: "curl", startPeriod: "20s" },
    resources: { memory: "1Gi", cpus: 2, pids: 256, requests: { memory: "256Mi", cpus: 0.25 } },
    volumes: [
      { kind: "data", name: "erlmcp-data", mountPath: "/var/lib/erlmcp", size: "2Gi" },
      { kind: "scratch", mountPath: "/tmp", size: "256Mi" },
    ],
  };
}
