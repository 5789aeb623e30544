/** The LangChain API the bots talk to; it retrieves from rag-anything. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function langchainService(ctx: ServiceContext): ServiceInput {
  return {
    name: "langchain-service",
    image: imageOf(ctx, "langchain-service"),
    user: "10012:10012",
    env: { RAG_URL: "http://rag-anything:9510", OPENAI_MODEL: "gpt-4o-mini", UVICORN_WORKERS: "2" },
    secrets: [{ name: "openai_api_key", configKey: "openaiApiKey", fileEnv: "OPENAI_API_KEY_FILE" }],
    // The host's 8000 is paperflow's.
    ports: [{ name: "http", container: 8000, published: 8100 }],
    healthcheck: { http: { path: "/health", port: 8000 }, probe: "python", startPeriod: "20s" },
    resources: { memory: "1Gi", cpus: 1, pids: 256, requests: { memory: "384Mi", cpus: 0.25 } },
    dependsOn: ["rag-anything"],
    relax: { egress: "calls the OpenAI API for chat completions (api.openai.com:443)" },
  };
}
