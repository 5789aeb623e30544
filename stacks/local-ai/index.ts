import type { TeamStack } from "../types";
import { localAiMcp } from "./local-ai-mcp";

export const localAi: TeamStack = {
  name: "local-ai",
  description: "The local-ai-mcp server on a developer workstation.",
  services: [localAiMcp],
  images: { "local-ai-mcp": "ghcr.io/shipshape-teams/local-ai-mcp:1.3.0" },
};
