/**
 * The pack entry: the only place a PolicyPack is constructed (the constructor starts the
 * analyzer's gRPC server, and a second one in a process exits it — DESIGN.md).
 *
 *   pulumi preview --policy-pack ./policy-pack [--policy-pack-config ./policy-config.json]
 *
 * Settings come from the file named by SHIPSHAPE_POLICY_SETTINGS, else
 * ./shipshape-policy.json beside this file, else defaults (levels by severity):
 *   { "enforcementLevel": "by-severity" | "advisory" | "mandatory" | "disabled",
 *     "all": "<level>",
 *     "policies": { "<policy-name>": "<level>" | { "enforcementLevel": "<level>", ...config } },
 *     "checks": { "allowedRegistries": [...], "minimumUid": 10000, "allowedCapabilities": ["NET_BIND_SERVICE"] } }
 * A `--policy-pack-config` file (Pulumi's format) is applied by the CLI on top of these.
 */
import { PolicyPack } from "@pulumi/policy";
import * as fs from "fs";
import * as path from "path";
import { allPolicies, PolicySettings, resolvePolicySettings, toPolicyPackConfig } from "../sdk/policy";

function readSettings(): PolicySettings {
  const file = process.env.SHIPSHAPE_POLICY_SETTINGS ?? path.join(__dirname, "shipshape-policy.json");
  if (!fs.existsSync(file)) {
    if (process.env.SHIPSHAPE_POLICY_SETTINGS) throw new Error(`SHIPSHAPE_POLICY_SETTINGS=${file}: no such file; point it at a JSON settings file or unset it.`);
    return {};
  }
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PolicySettings;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); see sdk/policy/README.md for the format.`);
  }
}

const settings = readSettings();
const resolved = resolvePolicySettings(allPolicies, settings);
const packDefault = settings.enforcementLevel && settings.enforcementLevel !== "by-severity" ? settings.enforcementLevel : "advisory";

new PolicyPack(
  "shipshape",
  {
    description: "Shipshape's rule catalog over raw Docker, image build and Kubernetes resources.",
    enforcementLevel: packDefault,
    // Levels are resolved (policy severity → default → all → per policy) and set on each policy.
    policies: allPolicies.map((p) => ({ ...p, enforcementLevel: resolved.get(p.name)!.enforcementLevel })),
  },
  toPolicyPackConfig(resolved),
);
