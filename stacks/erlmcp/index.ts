import type { TeamStack } from "../types";
import { erlmcp } from "./erlmcp";

export const erlmcpStack: TeamStack = {
  name: "erlmcp",
  description: "The erlmcp Erlang service.",
  services: [erlmcp],
  images: { erlmcp: "ghcr.io/shipshape-teams/erlmcp:0.9.0" },
};
