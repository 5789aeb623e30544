/**
 * WhisperX transcription: the API (port 8002), its Redis queue and an rq worker.
 *
 * Models are pre-seeded on the `whisper-models` volume (read-only at /models, HF_HOME there,
 * Hugging Face offline mode), so neither container needs egress; give `relax.egress` only if
 * you let it download models at run time. The API keeps uploads on bounded scratch space and
 * passes the audio to the worker inside the Redis job, so the two share no writable volume.
 */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { MODEL_ENV, MODELS } from "./whisperx-shared";

export function whisperx(ctx: ServiceContext): ServiceInput {
  return {
    name: "whisperx",
    image: imageOf(ctx, "whisperx"),
    user: "10003:10003",
    env: { ...MODEL_ENV, UPLOAD_DIR: "/uploads", MAX_UPLOAD_MB: "500" },
    ports: [{ name: "http", container: 8002, published: 8002 }],
    // Loading large-v3 onto the GPU takes a while.
    healthcheck: { http: { path: "/health", port: 8002 }, probe: "python", interval: "30s", startPeriod: "180s" },
    resources: { memory: "8Gi", cpus: 4, pids: 512, requests: { memory: "4Gi", cpus: 1 } },
    volumes: [MODELS, { kind: "scratch", mountPath: "/uploads", size: "2Gi" }],
    gpus: { count: 1 },
    dependsOn: ["whisperx-redis"],
  };
}
