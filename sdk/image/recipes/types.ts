/** Options every recipe shares. */
export interface RecipeCommon {
  /**
   * Debian-based image (has apt) for the builder and runtime stages. Pin it by tag and digest.
   * @default DEFAULT_BASE_IMAGE ("debian:12-slim")
   */
  readonly baseImage?: string;
  /** Port the service listens on (used by the HEALTHCHECK and EXPOSE). @default 8080 */
  readonly port?: number;
  /** HTTP path of the health endpoint. @default "/healthz" */
  readonly healthPath?: string;
  /** Exec-form health check command, replacing the HTTP check. */
  readonly healthcheck?: readonly string[];
  /** Numeric runtime user and group. @default 10001 */
  readonly uid?: number;
  readonly gid?: number;
  /**
   * Directories the service writes through volumes (e.g. `["/data"]`), created in the image and
   * owned by the runtime user: Docker gives a fresh named volume the ownership of the image
   * directory it is mounted over, so without this a non-root service cannot write its own
   * data volume. @default []
   */
  readonly dataDirs?: readonly string[];
  /** Static OCI labels; SecureImage adds revision/created/version from git and package metadata. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Extra Debian packages for the runtime, e.g. `{ "libpq5": "15.6-0+deb12u1" }` (version, or
   * `""` for unpinned). @default {}
   */
  readonly runtimePackages?: Readonly<Record<string, string>>;
  /** Version pins for the packages the recipe installs itself, e.g. `{ python3: "3.11.2-1+b1" }`. @default {} */
  readonly pins?: Readonly<Record<string, string>>;
  /**
   * Prefix of the BuildKit cache-mount ids (apt, pip, npm, go caches), so projects sharing a
   * builder do not share caches unless they want to. @default "shipshape"
   */
  readonly cacheId?: string;
  /**
   * Runtime stage style.
   * - `"distroless"`: the final image is `FROM scratch` with only the runtime's Debian packages
   *   and their dependency closure unpacked (no shell, apt, dpkg, perl or coreutils), docs and
   *   locales pruned, setuid bits cleared, CA certificates and a passwd entry for the user.
   * - `"debian"`: the base image plus the runtime packages (`apt-get install
   *   --no-install-recommends`); bigger, keeps a shell for debugging, shares base layers.
   * @default "distroless"
   */
  readonly runtimeStyle?: "distroless" | "debian";
  /**
   * Packages left out of the distroless closure: maintainer-script tooling that a running
   * service never uses. @default DISTROLESS_EXCLUDE
   */
  readonly excludePackages?: readonly string[];
}

/** What a recipe returns: the Dockerfile, the matching .dockerignore and the image's command. */
export interface Recipe {
  readonly runtime: "python" | "node" | "static";
  readonly dockerfile: string;
  readonly dockerignore: string;
  /** The final image's CMD, for specs and docs. */
  readonly command: readonly string[];
  /** The final image's numeric user, `uid:gid`. */
  readonly user: string;
}

/** Debian 12 slim: the recipes install runtimes from Debian packages, so they need apt. */
export const DEFAULT_BASE_IMAGE = "debian:12-slim";

/** Pulled in only by packages' install scripts (dpkg, perl, tar …): not needed to run a service. */
export const DISTROLESS_EXCLUDE: readonly string[] = ["dpkg", "tar", "install-info", "debconf", "debianutils", "perl", "perl-base", "perl-modules-5.36", "libperl5.36", "mailcap", "sensible-utils"];
