/** The rq worker that runs WhisperX transcription jobs from the Redis queue, on the GPU. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { MODEL_ENV, MODELS, REDIS_URL } from "./whisperx-shared";

export function whisperxWorker(ctx: ServiceContext): ServiceInput {
  return {
    name: "whisperx-worker",
    // The API's image: the worker imports the same transcription code.
    image: imageOf(ctx, "whisperx"),
    user: "10004:10004",
    command: ["rq", "worker", "--url", REDIS_URL, "--with-scheduler", "transcribe"],
    env: { ...MODEL_ENV },
    // Healthy while this container's worker is registered in Redis.
    healthcheck: {
      cmd: [
        "python3",
        "-c",
        `import socket,sys;from redis import Redis;from rq import Worker;sys.exit(0 if any(w.hostname==socket.gethostname() for w in Worker.all(connection=Redis.from_url("${REDIS_URL}"))) else 1)`,
      ],
      interval: "30s",
      timeout: "10s",
      startPeriod: "180s",
    },
    resources: { memory: "12Gi", cpus: 4, pids: 512, requests: { memory: "6Gi", cpus: 1 } },
    volumes: [MODELS, { kind: "scratch", mountPath: "/work", size: "4Gi" }],
    // On Docker both containers share the host's GPU; on Kubernetes each pod gets its own.
    gpus: { count: 1 },
    dependsOn: ["whisperx-redis"],
  };
}
