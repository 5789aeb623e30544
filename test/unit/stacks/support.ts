/** Helpers for the team-stack tests: fake secret config values and a run of a stack under mocks. */
import { resolveSettings, StackSettings } from "../../../stacks/config";
import { buildServices, deploy } from "../../../stacks/deploy";
import { TEAM_STACKS } from "../../../stacks/registry";
import type { Target } from "../../../stacks/types";
import { captureProgram, CapturedResource } from "../../support/capture";

export const TEAMS = Object.keys(TEAM_STACKS);
export const TARGETS: Target[] = ["docker", "kubernetes"];

export function settingsFor(team: string, target: Target): StackSettings {
  return resolveSettings({ pulumiStack: team, target });
}

/** Every config key a team stack reads with requireSecret. */
export function secretKeys(team: string): string[] {
  const services = buildServices(TEAM_STACKS[team], { images: TEAM_STACKS[team].images, target: "docker" });
  return [...new Set(services.flatMap((s) => (s.secrets ?? []).map((x) => x.configKey ?? x.name)))].sort();
}

/** A distinctive fake value per secret key, long enough never to match by accident. */
export function fakeSecrets(team: string): Record<string, string> {
  return Object.fromEntries(secretKeys(team).map((k) => [k, `fake-${k}-Vq7rT2xK9m`]));
}

export function runStack(team: string, target: Target): Promise<CapturedResource[]> {
  return captureProgram(() => deploy(settingsFor(team, target)), fakeSecrets(team));
}
