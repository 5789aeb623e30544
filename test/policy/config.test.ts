/** Pack settings: default level, `all`, per-policy overrides, shared checks, schema defaults, errors. */
import { allPolicies, resolvePolicySettings, toPolicyPackConfig } from "../../sdk/policy";

const level = (settings: Parameters<typeof resolvePolicySettings>[1], name: string) => resolvePolicySettings(allPolicies, settings).get(name)!.enforcementLevel;

test("levels follow severity by default", () => {
  expect(level({}, "no-privileged")).toBe("mandatory");
  expect(level({}, "cpu-limit")).toBe("advisory");
});

test("precedence: per policy > all > default > severity", () => {
  expect(level({ enforcementLevel: "mandatory" }, "cpu-limit")).toBe("mandatory");
  expect(level({ enforcementLevel: "mandatory", all: "advisory" }, "cpu-limit")).toBe("advisory");
  expect(level({ all: "advisory", policies: { "cpu-limit": "mandatory" } }, "cpu-limit")).toBe("mandatory");
  expect(level({ all: { enforcementLevel: "disabled" }, policies: { "cpu-limit": { enforcementLevel: "advisory" } } }, "memory-limit")).toBe("disabled");
});

test("config: schema defaults, then shared checks, then per-policy values", () => {
  const r = resolvePolicySettings(allPolicies, { checks: { minimumUid: 20000, allowedRegistries: ["registry.example.com"] }, policies: { "only-safe-capabilities": { allowedCapabilities: ["NET_BIND_SERVICE", "CHOWN"] } } });
  expect(r.get("numeric-high-uid")!.config).toEqual({ minimumUid: 20000 });
  expect(r.get("trusted-signed-image")!.config).toEqual({ allowedRegistries: ["registry.example.com"] });
  expect(r.get("only-safe-capabilities")!.config).toEqual({ allowedCapabilities: ["NET_BIND_SERVICE", "CHOWN"] });
  expect(r.get("pinned-image")!.config).toEqual({ requireDigest: false });
  expect(r.get("no-privileged")!.config).toEqual({});
  expect(toPolicyPackConfig(r)["numeric-high-uid"]).toEqual({ enforcementLevel: "advisory", minimumUid: 20000 });
});

test("bad settings are all reported at once with path, value and fix", () => {
  expect(() =>
    resolvePolicySettings(allPolicies, {
      enforcementLevel: "strict" as never,
      policies: { "no-privilegd": "mandatory", "numeric-high-uid": { minimumUid: "10000" }, "cpu-limit": { cpus: 2 } },
      checks: { maxUid: 1 },
    }),
  ).toThrow(
    [
      "invalid policy settings:",
      '  - enforcementLevel: "strict" is not an enforcement level; use one of advisory, mandatory, remediate, disabled.',
      '  - policies.no-privilegd: no policy has this name; see sdk/policy/README.md for the list.',
      '  - policies.numeric-high-uid.minimumUid: must be integer (got "10000").',
      '  - policies.cpu-limit: takes no config (got {"cpus":2}); set only enforcementLevel.',
      "  - checks.maxUid: no policy reads this key; use allowedRegistries, minimumUid, allowedCapabilities or requireDigest.",
    ].join("\n"),
  );
});

test("importing the policies constructs no PolicyPack (no analyzer server, no exit)", () => {
  // The pack entry is the only constructor; the module graph here never loads it.
  expect(Object.keys(require.cache).some((k) => k.includes("policy-pack/index"))).toBe(false);
  expect(Object.keys(require.cache).some((k) => /@pulumi\/policy\/server\.js$/.test(k))).toBe(true); // loaded, never served
});
