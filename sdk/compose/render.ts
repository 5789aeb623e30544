import { stringify } from "yaml";
import type { StackInput, StackSpec } from "../spec";
import { ComposeOptions, composeModel } from "./model";

/** Compose-spec YAML for a stack, with every hardening field written out. */
export function renderCompose(input: StackSpec | StackInput, opts: ComposeOptions = {}): string {
  const header = "# Rendered by Shipshape from the service specs. Edit the specs, not this file.\n";
  return header + stringify(composeModel(input, opts), { lineWidth: 0, aliasDuplicateObjects: false });
}
