/**
 * Secrets as files on a read-only container.
 *
 * The provider uploads files through the Engine's archive API into "/", which the Engine
 * refuses for a read-only root filesystem, and a read-only mount refuses writes too (checked
 * on Engine 20.10). So each service gets a secrets volume, filled by a "seeder": a container
 * that is created but never started, whose only job is to carry the uploads into the volume.
 * The service mounts that volume read-only at /run/secrets; each file is owned by the service
 * user with mode 0400. Values come from the Pulumi config store and stay secret in state.
 */
import type * as docker from "@pulumi/docker";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceSpec } from "../spec";
import { baseLabels, LABEL_PREFIX, labelList } from "./naming";

export const SEEDER_ROLE = "secret-seeder";

export interface SeederContext {
  readonly containerName: string;
  readonly stack: string;
  readonly image: pulumi.Input<string>;
  readonly secretsVolume: pulumi.Input<string>;
  /** Secret values by secret name. */
  readonly values: Readonly<Record<string, pulumi.Input<string>>>;
}

export function seederArgs(spec: ServiceSpec, ctx: SeederContext): docker.ContainerArgs {
  return {
    name: ctx.containerName,
    image: ctx.image,
    start: false,
    mustRun: false,
    networkMode: "none",
    user: `${spec.user.uid}:${spec.user.gid}`,
    capabilities: { drops: ["ALL"] },
    securityOpts: ["no-new-privileges:true"],
    // Created, never started: a writable root is needed only for the Engine to accept uploads.
    readOnly: false,
    memory: 16,
    memorySwap: 16,
    cpus: "0.1",
    init: true,
    ulimits: [{ name: "nproc", soft: 8, hard: 8 }],
    restart: "no",
    mounts: [{ type: "volume", source: ctx.secretsVolume, target: "/run/secrets", readOnly: false }],
    uploads: spec.secrets.map((s) => ({
      file: s.target,
      content: pulumi.secret(ctx.values[s.name]),
      owner: String(s.uid),
      group: String(s.gid),
      permissions: `0${s.mode.toString(8)}`,
    })),
    labels: labelList({
      ...baseLabels(ctx.stack, spec.name),
      [`${LABEL_PREFIX}/role`]: SEEDER_ROLE,
      [`${LABEL_PREFIX}/relax.writableRootFilesystem`]: "created but never started; carries secret files into the service's read-only secrets volume",
      [`${LABEL_PREFIX}/relax.noHealthcheck`]: "created but never started, so there is nothing to check",
    }),
  };
}

/** Read every secret of a service from the Pulumi config store (as secrets); unset keys are left out. */
export function secretsFromConfig(spec: ServiceSpec, config: pulumi.Config = new pulumi.Config()): Record<string, pulumi.Output<string>> {
  const out: Record<string, pulumi.Output<string>> = {};
  for (const s of spec.secrets) {
    const v = config.getSecret(s.configKey);
    if (v !== undefined) out[s.name] = v;
  }
  return out;
}

/** Every secret without a value, as SpecIssues that say how to set it. */
export function missingSecrets(spec: ServiceSpec, values: Readonly<Record<string, unknown>>): { path: string; message: string }[] {
  return spec.secrets
    .filter((s) => values[s.name] === undefined)
    .map((s) => ({ path: `secrets.${s.name}`, message: `no value for secret "${s.name}": set it with \`pulumi config set --secret ${s.configKey} < file\` (or pass it in secretValues).` }));
}
