// One service, one container, every secure default: non-root numeric UID, read-only root
// filesystem with a bounded /tmp, all capabilities dropped, no-new-privileges, memory/CPU/PID
// limits, a healthcheck `pulumi up` waits on, a port on 127.0.0.1 only, its data on a volume
// that survives `pulumi destroy`, and its token as a 0400 file from the Pulumi config store.
import { DockerService } from "../../sdk";

const notes = new DockerService("notes", {
  service: {
    name: "notes-api",
    image: "ghcr.io/example/notes-api:2.4.1@sha256:51c5dd15da6b412370a8e836fd073bed3d8706d6dce4c4520b1a299bef9df01d",
    ports: [{ container: 8080, published: 8080 }],
    healthcheck: { http: { path: "/health", port: 8080 } },
    resources: { memory: "256Mi", cpus: 0.5, pids: 128 },
    volumes: [{ kind: "data", name: "notes-data", mountPath: "/var/lib/notes", size: "1Gi" }],
    env: { NOTES_DB: "/var/lib/notes/notes.sqlite" },
    // `pulumi config set --secret notesApiToken < token.txt`; the app reads NOTES_API_TOKEN_FILE.
    secrets: [{ name: "api_token", configKey: "notesApiToken", fileEnv: "NOTES_API_TOKEN_FILE" }],
  },
});

export const containerName = notes.container.name;
export const url = "http://127.0.0.1:8080";
