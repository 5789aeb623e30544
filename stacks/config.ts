/**
 * The stack program's settings, read from the Pulumi config store (namespace `shipshape`):
 * which team stack, which target, which images. Validated with every problem at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseImageRef } from "../sdk/spec";
import type { KubernetesOptions } from "../sdk/kubernetes";
import { TEAM_STACKS, teamStackFor } from "./registry";
import { Target, TARGETS, TeamStack } from "./types";

export interface StackSettings {
  readonly team: TeamStack;
  readonly target: Target;
  /** The stack's defaults overlaid with config `images`. */
  readonly images: Readonly<Record<string, string>>;
  /** Config `kubernetes` (namespace, storageClassName …), for the kubernetes target. */
  readonly kubernetes: KubernetesOptions;
}

/** What a Pulumi stack's config holds (plain values; secrets are read by the components). */
export interface RawSettings {
  readonly pulumiStack: string;
  readonly stack?: string;
  readonly target?: string;
  readonly images?: unknown;
  readonly kubernetes?: unknown;
}

export class StackConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack config:\n  - ${problems.join("\n  - ")}`);
    this.name = "StackConfigError";
  }
}

const KUBERNETES_KEYS = ["namespace", "storageClassName", "defaultVolumeSize", "userNamespaces"];

/** Pure: resolve and check the settings (tests call this directly). */
export function resolveSettings(raw: RawSettings): StackSettings {
  const problems: string[] = [];
  const teamName = raw.stack ?? teamStackFor(raw.pulumiStack);
  const team = teamName ? TEAM_STACKS[teamName] : undefined;
  if (!team)
    problems.push(
      raw.stack
        ? `shipshape:stack: "${raw.stack}" is not a team stack; use one of ${Object.keys(TEAM_STACKS).join(", ")}.`
        : `shipshape:stack is not set and the Pulumi stack name "${raw.pulumiStack}" names no team stack; run \`pulumi config set stack <${Object.keys(TEAM_STACKS).join("|")}>\`.`,
    );

  const target = (raw.target ?? "docker") as Target;
  if (!TARGETS.includes(target)) problems.push(`shipshape:target: ${JSON.stringify(raw.target)} is not a target; use "docker" or "kubernetes".`);

  const images: Record<string, string> = { ...(team?.images ?? {}) };
  if (raw.images !== undefined) {
    if (typeof raw.images !== "object" || raw.images === null || Array.isArray(raw.images)) problems.push(`shipshape:images: must be a map of service name to image reference (got ${JSON.stringify(raw.images)}).`);
    else
      for (const [svc, ref] of Object.entries(raw.images as Record<string, unknown>)) {
        if (team && !(svc in team.images)) problems.push(`shipshape:images.${svc}: stack "${team.name}" has no service "${svc}"; its images are ${Object.keys(team.images).join(", ")}.`);
        else if (typeof ref !== "string" || !parseImageRef(ref)) problems.push(`shipshape:images.${svc}: ${JSON.stringify(ref)} is not an image reference; use "registry/repo:tag@sha256:<digest>".`);
        else images[svc] = ref;
      }
  }

  let kubernetes: KubernetesOptions = {};
  if (raw.kubernetes !== undefined) {
    if (typeof raw.kubernetes !== "object" || raw.kubernetes === null || Array.isArray(raw.kubernetes)) problems.push(`shipshape:kubernetes: must be a map such as { namespace: "hostinger" } (got ${JSON.stringify(raw.kubernetes)}).`);
    else {
      for (const k of Object.keys(raw.kubernetes)) if (!KUBERNETES_KEYS.includes(k)) problems.push(`shipshape:kubernetes.${k}: unknown setting; use ${KUBERNETES_KEYS.join(", ")}.`);
      kubernetes = raw.kubernetes as KubernetesOptions;
    }
  }
  if (problems.length) throw new StackConfigError(problems);
  return { team: team!, target, images, kubernetes };
}

/** Read the settings of the current Pulumi stack. */
export function readSettings(config: pulumi.Config = new pulumi.Config(), pulumiStack: string = pulumi.getStack()): StackSettings {
  return resolveSettings({
    pulumiStack,
    stack: config.get("stack"),
    target: config.get("target"),
    images: config.getObject<unknown>("images"),
    kubernetes: config.getObject<unknown>("kubernetes"),
  });
}
