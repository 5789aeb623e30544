/** The support dashboard: a Streamlit app over the hosted helpdesk API. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { STREAMLIT_ENV, STREAMLIT_HEALTH } from "./streamlit";

export function supportDashboard(ctx: ServiceContext): ServiceInput {
  return {
    name: "support-dashboard",
    image: imageOf(ctx, "support-dashboard"),
    user: "10009:10009",
    env: { ...STREAMLIT_ENV, HELPDESK_API_URL: "https://helpdesk.example.com/api/v2" },
    secrets: [{ name: "helpdesk_api_token", configKey: "helpdeskApiToken", fileEnv: "HELPDESK_API_TOKEN_FILE" }],
    // The host's 8501 is downto40's.
    ports: [{ name: "http", container: 8501, published: 8502 }],
    healthcheck: STREAMLIT_HEALTH,
    resources: { memory: "512Mi", cpus: 0.5, pids: 128, requests: { memory: "256Mi", cpus: 0.1 } },
    // Cached ticket exports between refreshes.
    volumes: [{ kind: "scratch", mountPath: "/app/cache", size: "256Mi" }],
    relax: { egress: "reads tickets from the hosted helpdesk API (helpdesk.example.com:443)" },
  };
}
