/**
 * A live Docker engine as audit subjects, read through the Engine API with `dockerode`:
 * every container (its runtime posture, adapters/from-inspect) and the images they run
 * (size, layers, user, healthcheck; adapters/from-image). Read-only: nothing is changed.
 */
import Docker from "dockerode";
import type { CheckConfig } from "../checks/container-rules";
import { containerName, InspectContainer, postureFromInspect } from "./adapters/from-inspect";
import { imageName, InspectImage, postureFromImage } from "./adapters/from-image";
import { subjectFromPosture } from "./subject";
import type { SubjectReport } from "./types";

export interface EngineAuditOptions {
  /** @default a client for DOCKER_HOST (unix sockets only) or /var/run/docker.sock */
  readonly docker?: Docker;
  /** Include stopped containers. @default false */
  readonly all?: boolean;
  /** Engine API filters for the container list, e.g. `{ label: ["org.shipshape.test=true"], name: ["audit-test-"] }`. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  /**
   * Which images to report: those the listed containers run (`used`), every tagged image
   * (`all`) or none. @default "used"
   */
  readonly images?: "used" | "all" | "none";
  readonly config?: CheckConfig;
  /** Called after each inspected object, for progress output. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
}

/** A dockerode client for DOCKER_HOST (unix://) or the default socket. */
export function dockerClient(): Docker {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith("unix://")) return new Docker({ socketPath: host.slice("unix://".length) });
  if (host && /^tcp:\/\//.test(host)) {
    const u = new URL(host.replace(/^tcp:/, "http:"));
    return new Docker({ host: u.hostname, port: Number(u.port || 2375) });
  }
  return new Docker({ socketPath: "/var/run/docker.sock" });
}

export async function auditEngine(opts: EngineAuditOptions = {}): Promise<SubjectReport[]> {
  const docker = opts.docker ?? dockerClient();
  const filters = opts.filters ? JSON.stringify(opts.filters) : undefined;
  const list = await docker.listContainers({ all: opts.all ?? false, ...(filters ? { filters } : {}) });
  const imageMode = opts.images ?? "used";
  const imageIds = new Set<string>();
  if (imageMode === "all") for (const i of await docker.listImages({ filters: JSON.stringify({ dangling: ["false"] }) })) imageIds.add(i.Id);
  const total = list.length + (imageMode === "all" ? imageIds.size : new Set(list.map((c) => c.ImageID)).size) * (imageMode === "none" ? 0 : 1);
  let done = 0;
  const tick = (label: string) => opts.onProgress?.(++done, total, label);

  const images = new Map<string, InspectImage>();
  const inspectImage = async (id: string): Promise<InspectImage | undefined> => {
    if (images.has(id)) return images.get(id);
    try {
      const img = (await docker.getImage(id).inspect()) as unknown as InspectImage;
      images.set(id, img);
      return img;
    } catch {
      return undefined; // removed meanwhile: the container row still stands
    }
  };

  const containers: SubjectReport[] = [];
  // The reference the containers run an image by names its row (an image often has several tags).
  const refs = new Map<string, string>();
  for (const summary of list) {
    let info: InspectContainer;
    try {
      info = (await docker.getContainer(summary.Id).inspect()) as unknown as InspectContainer;
    } catch {
      continue; // removed between list and inspect
    }
    const img = await inspectImage(summary.ImageID);
    if (imageMode === "used") imageIds.add(summary.ImageID);
    if (info.Config?.Image && !refs.has(summary.ImageID)) refs.set(summary.ImageID, info.Config.Image);
    const posture = postureFromInspect(info);
    const hc = info.HostConfig ?? {};
    containers.push(
      subjectFromPosture(
        posture,
        "container",
        "engine",
        {
          ...(info.Config?.Image ? { image: info.Config.Image } : {}),
          ...(img?.Size !== undefined ? { sizeBytes: img.Size } : {}),
          ...(img?.RootFS?.Layers ? { layers: img.RootFS.Layers.length } : {}),
          user: posture.user ?? "root",
          healthcheck: posture.healthcheck?.present === true,
          ...(info.State?.Status ? { state: info.State.Status } : {}),
          ...(info.State?.Health?.Status ? { health: info.State.Health.Status } : {}),
          ...(hc.Memory ? { memoryBytes: hc.Memory } : {}),
          ...(posture.cpus ? { cpus: posture.cpus } : {}),
          ...(posture.pidsLimit ? { pidsLimit: posture.pidsLimit } : {}),
        },
        opts.config,
      ),
    );
    tick(`container ${containerName(info)}`);
  }

  const imageSubjects: SubjectReport[] = [];
  if (imageMode !== "none") {
    for (const id of imageIds) {
      const img = await inspectImage(id);
      if (!img) continue;
      const ref = refs.get(id);
      const name = ref && (img.RepoTags ?? []).includes(ref) ? ref : imageName(img);
      const posture = postureFromImage(img, { name });
      imageSubjects.push(
        subjectFromPosture(
          posture,
          "image",
          "engine",
          {
            image: name,
            ...(img.Size !== undefined ? { sizeBytes: img.Size } : {}),
            ...(img.RootFS?.Layers ? { layers: img.RootFS.Layers.length } : {}),
            user: posture.user ?? "root",
            healthcheck: posture.healthcheck?.present === true,
          },
          opts.config,
        ),
      );
      tick(`image ${name}`);
    }
  }
  return [...containers, ...imageSubjects];
}

/** What compose services inherit from their image, when the engine has it locally. */
export async function imageLookup(docker: Docker, refs: readonly string[]): Promise<Map<string, InspectImage>> {
  const out = new Map<string, InspectImage>();
  for (const ref of new Set(refs)) {
    try {
      out.set(ref, (await docker.getImage(ref).inspect()) as unknown as InspectImage);
    } catch {
      /* not present locally: compose's own settings only */
    }
  }
  return out;
}
