/** What the Streamlit apps share: Streamlit listens on 8501 and answers /_stcore/health. */
import type { ServiceInput } from "../../sdk/spec";

export const STREAMLIT_ENV = {
  STREAMLIT_SERVER_PORT: "8501",
  STREAMLIT_SERVER_HEADLESS: "true",
  STREAMLIT_BROWSER_GATHER_USAGE_STATS: "false",
  STREAMLIT_SERVER_FILE_WATCHER_TYPE: "none",
  // Streamlit writes ~/.streamlit; the root filesystem is read-only.
  HOME: "/tmp",
} as const;
export const STREAMLIT_HEALTH: NonNullable<ServiceInput["healthcheck"]> = { http: { path: "/_stcore/health", port: 8501 }, probe: "python", startPeriod: "20s" };
