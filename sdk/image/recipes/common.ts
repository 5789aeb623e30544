import type { RecipeCommon } from "./types";
import { DEFAULT_BASE_IMAGE, DISTROLESS_EXCLUDE } from "./types";

/** Resolved common options with their defaults. */
export interface Resolved {
  readonly base: string;
  readonly port: number;
  readonly healthPath: string;
  readonly uid: number;
  readonly gid: number;
  readonly cacheId: string;
  readonly style: "distroless" | "debian";
  readonly exclude: readonly string[];
  readonly pins: Readonly<Record<string, string>>;
  readonly extra: Readonly<Record<string, string>>;
  readonly dataDirs: readonly string[];
}

export function resolveCommon(o: RecipeCommon): Resolved {
  const uid = o.uid ?? 10001;
  const gid = o.gid ?? uid;
  const problems: string[] = [];
  if (!Number.isInteger(uid) || uid < 10000) problems.push(`uid: ${uid} must be an integer >= 10000 (RULES SS002); use 10001`);
  if (!Number.isInteger(gid) || gid < 10000) problems.push(`gid: ${gid} must be an integer >= 10000 (RULES SS002); use 10001`);
  const port = o.port ?? 8080;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) problems.push(`port: ${port} must be an integer 1024..65535 (a non-root user cannot bind below 1024)`);
  const healthPath = o.healthPath ?? "/healthz";
  if (!healthPath.startsWith("/")) problems.push(`healthPath: "${healthPath}" must start with "/", e.g. "/healthz"`);
  const cacheId = o.cacheId ?? "shipshape";
  if (!/^[A-Za-z0-9._-]+$/.test(cacheId)) problems.push(`cacheId: "${cacheId}" may use only letters, digits, ".", "_" and "-"`);
  const style = o.runtimeStyle ?? "distroless";
  if (style !== "distroless" && style !== "debian") problems.push(`runtimeStyle: "${String(style)}" must be "distroless" or "debian"`);
  for (const p of [...Object.keys(o.runtimePackages ?? {}), ...Object.keys(o.pins ?? {})]) {
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(p)) problems.push(`package "${p}" is not a Debian package name (lower-case letters, digits, + . -)`);
  }
  for (const d of o.dataDirs ?? []) {
    if (!/^\/[A-Za-z0-9._/-]+$/.test(d) || d.split("/").includes("..") || d === "/") problems.push(`dataDirs: "${d}" must be an absolute directory path such as "/data"`);
  }
  if (problems.length) throw new Error(`recipe options are invalid:\n  - ${problems.join("\n  - ")}`);
  return { base: o.baseImage ?? DEFAULT_BASE_IMAGE, port, healthPath, uid, gid, cacheId, style, exclude: o.excludePackages ?? DISTROLESS_EXCLUDE, pins: o.pins ?? {}, extra: o.runtimePackages ?? {}, dataDirs: o.dataDirs ?? [] };
}

/** `pkg` or `pkg=version` for apt-get install. */
export function aptList(pkgs: readonly string[], pins: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): string {
  const all: [string, string][] = [...pkgs.map((p): [string, string] => [p, pins[p] ?? ""]), ...Object.entries(extra)];
  return all.map(([p, v]) => (v ? `${p}=${v}` : p)).join(" ");
}

const aptMounts = (r: Resolved) => [
  `RUN --mount=type=cache,id=${r.cacheId}-apt-cache,target=/var/cache/apt,sharing=locked \\`,
  `    --mount=type=cache,id=${r.cacheId}-apt-lists,target=/var/lib/apt,sharing=locked \\`,
  `    rm -f /etc/apt/apt.conf.d/docker-clean \\`,
  `    && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache \\`,
  `    && echo force-unsafe-io > /etc/dpkg/dpkg.cfg.d/shipshape-unsafe-io \\`,
  `    && apt-get update \\`,
];
const chain = (steps: readonly string[]) => steps.map((t, i) => `    ${i ? "&& " : ""}${t}`).join(" \\\n");

/**
 * One RUN that installs Debian packages with apt's download cache and lists on BuildKit cache
 * mounts: nothing of apt's cache enters the layer, and a rebuild does not download again.
 * dpkg's `force-unsafe-io` skips fsync per file: a build layer is committed as a whole or not
 * at all, so the fsyncs only cost time (minutes for npm's ~300 small packages).
 */
export function aptInstall(r: Resolved, packages: string, then: string[] = []): string {
  return [...aptMounts(r), chain([`apt-get install -y --no-install-recommends ${packages}`, ...then]).replace(/^ {4}/, "    && ")].join("\n");
}

/** Files a runtime never reads (man pages, locales; docs except the copyright files); pruned before the root is shipped. */
const PRUNE_DIRS = ["usr/share/man", "usr/share/info", "usr/share/locale", "usr/share/lintian", "usr/share/bug"];

export const PIPEFAIL_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

/**
 * The `runtime-root` stage and the final stage's first lines.
 * Distroless: unpack the dependency closure of `packages` (minus maintainer-script tooling)
 * into /rootfs with the merged-/usr layout, add CA certificates, passwd/group entries and a
 * sticky /tmp, build the loader cache, prune docs and clear setuid bits; the final image is
 * `FROM scratch` + that tree. Debian: install the packages into the base.
 */
export function runtimeStages(r: Resolved, packages: readonly string[]): string[] {
  const pkgs = aptList(packages, r.pins, r.extra);
  // Data directories belong to the runtime user, so a fresh named volume mounted there (Docker
  // copies the image directory's ownership into it) is writable without root.
  const dirs = r.dataDirs.join(" ");
  if (r.style === "debian") {
    const own = r.dataDirs.length ? [`mkdir -p ${dirs}`, `chown ${r.uid}:${r.gid} ${dirs}`] : [];
    return [`FROM ${r.base} AS runtime-root`, PIPEFAIL_SHELL, aptInstall(r, pkgs, ["rm -f /etc/dpkg/dpkg.cfg.d/shipshape-unsafe-io", "find / -xdev -perm /6000 -type f -exec chmod a-s {} +", ...own]), "", "FROM runtime-root"];
  }
  const names = [...packages, ...Object.keys(r.extra)].join(" ");
  const steps = [
    `apt-get install -y --no-install-recommends ca-certificates`,
    `mkdir -p /tmp/debs /rootfs/usr/bin /rootfs/usr/sbin /rootfs/usr/lib /rootfs/usr/lib64 /rootfs/etc/ssl/certs /rootfs/tmp /rootfs/app`,
    `ln -s usr/bin /rootfs/bin && ln -s usr/sbin /rootfs/sbin && ln -s usr/lib /rootfs/lib && ln -s usr/lib64 /rootfs/lib64`,
    `cd /tmp/debs`,
    `apt-get download ${pkgs} $(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances ${names} | grep '^[a-z0-9]' | grep -vxE '${[...packages, ...Object.keys(r.extra), ...r.exclude].map((p) => p.replace(/[.+]/g, "\\$&")).join("|")}' | sort -u)`,
    `for deb in *.deb; do dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C /rootfs; done`,
    `cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/`,
    `printf 'root:x:0:0:root:/root:/usr/sbin/nologin\\napp:x:${r.uid}:${r.gid}:app:/nonexistent:/usr/sbin/nologin\\n' > /rootfs/etc/passwd`,
    `printf 'root:x:0:\\napp:x:${r.gid}:\\n' > /rootfs/etc/group`,
    `chmod 1777 /rootfs/tmp`,
    `ldconfig -r /rootfs`,
    `rm -rf ${PRUNE_DIRS.map((d) => `/rootfs/${d}`).join(" ")} /tmp/debs`,
    `find /rootfs/usr/share/doc -type f ! -name copyright -delete`,
    `find /rootfs -xdev -perm /6000 -type f -exec chmod a-s {} +`,
    ...(r.dataDirs.length ? [`mkdir -p ${r.dataDirs.map((d) => `/rootfs-data${d}`).join(" ")}`] : []),
  ];
  return [`FROM ${r.base} AS runtime-root`, PIPEFAIL_SHELL, [...aptMounts(r), chain(steps).replace(/^ {4}/, "    && ")].join("\n"), "", "FROM scratch", "COPY --from=runtime-root /rootfs/ /", ...(r.dataDirs.length ? [`COPY --from=runtime-root --chown=${r.uid}:${r.gid} /rootfs-data/ /`] : [])];
}

/** OCI labels as one LABEL instruction. */
export function labelLines(labels: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(labels);
  if (!entries.length) return [];
  return [`LABEL ${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" \\\n      ")}`];
}

export function ociLabels(title: string, o: RecipeCommon): Record<string, string> {
  return { "org.opencontainers.image.title": title, ...(o.labels ?? {}) };
}

export const json = (argv: readonly string[]) => `[${argv.map((a) => JSON.stringify(a)).join(", ")}]`;

/** The final stage's user, health check and command lines. */
export function tail(r: Resolved, health: readonly string[], cmd: readonly string[], env: Record<string, string> = {}): string[] {
  const envLine = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  return [
    ...(envLine ? [`ENV ${envLine}`] : []),
    `EXPOSE ${r.port}`,
    `USER ${r.uid}:${r.gid}`,
    `HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\\n  CMD ${json(health)}`,
    `CMD ${json(cmd)}`,
  ];
}
