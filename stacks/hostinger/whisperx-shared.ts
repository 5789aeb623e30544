/** What the WhisperX API and its rq worker share: the queue URL, the model environment and volume. */
import type { VolumeInput } from "../../sdk/spec";

export const REDIS_URL = "redis://whisperx-redis:6379/0";
/** Models are pre-seeded on the volume; Hugging Face runs offline (no egress needed). */
export const MODEL_ENV = { HF_HOME: "/models/huggingface", HF_HUB_OFFLINE: "1", WHISPER_MODEL: "large-v3", REDIS_URL } as const;
export const MODELS: VolumeInput = { kind: "models", name: "whisper-models", mountPath: "/models", size: "30Gi" };
