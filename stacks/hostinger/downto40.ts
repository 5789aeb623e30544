/** downto40: a Streamlit app with its SQLite database on a data volume. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { STREAMLIT_ENV, STREAMLIT_HEALTH } from "./streamlit";

export function downto40(ctx: ServiceContext): ServiceInput {
  return {
    name: "downto40",
    image: imageOf(ctx, "downto40"),
    user: "10008:10008",
    env: { ...STREAMLIT_ENV, DOWNTO40_DB: "/app/data/downto40.sqlite" },
    ports: [{ name: "http", container: 8501, published: 8501 }],
    healthcheck: STREAMLIT_HEALTH,
    resources: { memory: "512Mi", cpus: 0.5, pids: 128, requests: { memory: "256Mi", cpus: 0.1 } },
    volumes: [{ kind: "data", name: "downto40-data", mountPath: "/app/data", size: "1Gi" }],
  };
}
