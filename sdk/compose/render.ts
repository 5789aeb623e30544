import { stringify } from "yaml";
import type { StackInput, StackSpec } from "../spec";
import { ComposeOptions, composeModel } from "./model";

/**
 * Compose-spec YAML for a stack, with every hardening field written out. Written as YAML 1.1
 * so `no`, `on` and `1:2` are quoted: docker-compose v1 reads YAML 1.1, where they are not strings.
 */
export function renderCompose(input: StackSpec | StackInput, opts: ComposeOptions = {}): string {
  const header = [
    "# Rendered by Shipshape from the service specs. Edit the specs, not this file.",
    "# Secrets: compose without swarm bind-mounts each file as it is on the host, ignoring uid/gid/mode:",
    "#   give every file under the secrets folder to the service's UID with mode 0400.",
    "# Cgroup namespaces: docker-compose v1 has no per-service `cgroup: private`; run the engine with",
    "#   --default-cgroupns-mode private (CIS 5.25; the default on cgroup v2 hosts).",
    "",
  ].join("\n");
  return header + stringify(composeModel(input, opts), { lineWidth: 0, aliasDuplicateObjects: false, version: "1.1" });
}
