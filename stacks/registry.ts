/** Every team stack by name. */
import { erlmcpStack } from "./erlmcp";
import { galway } from "./galway";
import { hostinger } from "./hostinger";
import { localAi } from "./local-ai";
import type { TeamStack } from "./types";

export const TEAM_STACKS: Readonly<Record<string, TeamStack>> = {
  "local-ai": localAi,
  hostinger,
  galway,
  erlmcp: erlmcpStack,
};

/**
 * The team stack a Pulumi stack deploys when config `shipshape:stack` is not set: the stack
 * name itself or its part before a "-<environment>" suffix, matching the longest team name
 * (`hostinger-prod` → hostinger, `local-ai` → local-ai, `local-ai-dev` → local-ai).
 */
export function teamStackFor(pulumiStack: string): string | undefined {
  const names = Object.keys(TEAM_STACKS).sort((a, b) => b.length - a.length);
  return names.find((n) => pulumiStack === n || pulumiStack.startsWith(`${n}-`));
}
