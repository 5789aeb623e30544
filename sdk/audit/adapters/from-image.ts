/**
 * `docker image inspect` JSON as a ContainerPosture holding only what an image decides:
 * its USER, HEALTHCHECK, ENV and EXPOSEd ports. Every runtime field is marked `unknown`, so
 * `checkPosture` judges the image with the same rules (SS001, SS002, SS026, SS032, SS035,
 * SS037) and stays silent on what only a container sets (limits, capabilities …).
 */
import { ContainerPosture, parseUser } from "../../checks/posture";

export interface InspectImage {
  readonly Id?: string;
  readonly RepoTags?: readonly string[] | null;
  readonly RepoDigests?: readonly string[] | null;
  readonly Size?: number;
  readonly Config?: {
    readonly User?: string;
    readonly Env?: readonly string[] | null;
    readonly Healthcheck?: { readonly Test?: readonly string[] | null } | null;
    readonly ExposedPorts?: Readonly<Record<string, unknown>> | null;
  } | null;
  readonly RootFS?: { readonly Layers?: readonly string[] | null };
}

/** Fields only a running container has: rules on them do not apply to an image. */
export const RUNTIME_ONLY_FIELDS = ["noNewPrivileges", "capDrop", "readOnlyRootFilesystem", "ephemeralStorageBytes", "networks", "memoryBytes", "cpus", "pidsLimit", "init"] as const;

/** The name to show: the first tag, else the first digest, else the short id. */
export function imageName(img: InspectImage): string {
  const tag = (img.RepoTags ?? []).find((t) => t !== "<none>:<none>");
  return tag ?? (img.RepoDigests ?? [])[0] ?? (img.Id ?? "image").replace(/^sha256:/, "").slice(0, 12);
}

export function postureFromImage(img: InspectImage, opts: { name?: string; at?: string } = {}): ContainerPosture {
  const cfg = img.Config ?? {};
  const name = opts.name ?? imageName(img);
  const user = cfg.User ?? "";
  const test = cfg.Healthcheck?.Test ?? undefined;
  const env: Record<string, string> = {};
  for (const e of cfg.Env ?? []) {
    const i = e.indexOf("=");
    env[i === -1 ? e : e.slice(0, i)] = i === -1 ? "" : e.slice(i + 1);
  }
  return {
    name,
    at: opts.at ?? `image ${name}`,
    source: "inspect",
    image: name,
    ...(user ? { user, ...parseUser(user) } : { user: "root", uid: 0 }),
    healthcheck: test && test.length ? (test[0] === "NONE" ? { present: false, disabled: true } : { present: true }) : { present: false },
    env,
    ports: Object.keys(cfg.ExposedPorts ?? {}).map((k) => ({ container: Number(k.split("/")[0]), protocol: k.endsWith("/udp") ? "udp" : "tcp" })),
    unknown: [...RUNTIME_ONLY_FIELDS],
  };
}
