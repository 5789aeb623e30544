/** RAG-Anything: multimodal retrieval API over the team's documents (port 9510). */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";

export function ragAnything(ctx: ServiceContext): ServiceInput {
  return {
    name: "rag-anything",
    image: imageOf(ctx, "rag-anything"),
    user: "10001:10001",
    env: {
      WORKING_DIR: "/app/rag_storage",
      // Office files are converted by the document-converter service, never in this container.
      DOCUMENT_CONVERTER_URL: "http://document-converter:3000",
      LLM_BINDING: "openai",
      EMBEDDING_MODEL: "text-embedding-3-large",
    },
    secrets: [{ name: "openai_api_key", configKey: "openaiApiKey", fileEnv: "OPENAI_API_KEY_FILE" }],
    ports: [{ name: "http", container: 9510, published: 9510 }],
    healthcheck: { http: { path: "/health", port: 9510 }, probe: "python", startPeriod: "60s" },
    resources: { memory: "2Gi", cpus: 2, pids: 512, requests: { memory: "1Gi", cpus: 0.5 } },
    volumes: [
      { kind: "data", name: "rag-storage", mountPath: "/app/rag_storage", size: "20Gi" },
      // Parsed pages and images of an upload in progress.
      { kind: "scratch", mountPath: "/app/inputs", size: "1Gi" },
    ],
    dependsOn: ["document-converter"],
    relax: { egress: "calls the OpenAI API for embeddings and answers (api.openai.com:443)" },
  };
}
