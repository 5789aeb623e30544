import type { TeamStack } from "../types";
import { agentUpdates } from "./agent-updates";
import { securityScanner } from "./security-scanner";

export const galway: TeamStack = {
  name: "galway",
  description: "Galway: the security-scanner job and the agent-updates collector.",
  services: [securityScanner, agentUpdates],
  images: {
    "security-scanner": "ghcr.io/shipshape-teams/security-scanner:2.1.0",
    "agent-updates": "ghcr.io/shipshape-teams/agent-updates:0.8.3",
  },
};
