/**
 * No secret value outside Pulumi secrets: every team stack, both targets, run under mocks with
 * fake config secrets; the wire-level inputs of every resource are searched for the values.
 */
import { deploy } from "../../../stacks/deploy";
import { captureProgram, CapturedResource, isSecretValue, plainStrings } from "../../support/capture";
import { fakeSecrets, secretKeys, settingsFor, TARGETS, TEAMS } from "./support";

jest.setTimeout(60_000);

const cases = TEAMS.flatMap((team) => TARGETS.map((target) => [team, target] as const));

test("the stacks read their secrets from these config keys", () => {
  expect(Object.fromEntries(TEAMS.map((t) => [t, secretKeys(t)]))).toEqual({
    "local-ai": ["mcpSecret"],
    hostinger: ["discordBotToken", "helpdeskApiToken", "n8nEncryptionKey", "openaiApiKey", "paperflowSecretKey", "photosSessionSecret", "telegramBotToken"],
    galway: ["agentIngestToken"],
    erlmcp: ["erlangCookie"],
  });
});

describe.each(cases)("%s on %s", (team, target) => {
  let rs: CapturedResource[];
  const values = Object.values(fakeSecrets(team));
  beforeAll(async () => {
    rs = await captureProgram(() => deploy(settingsFor(team, target)), fakeSecrets(team));
  });

  test("no secret value appears in any plain input", () => {
    expect(rs.length).toBeGreaterThan(0);
    for (const r of rs) {
      const leaks = plainStrings(r.rawInputs).filter((s) => values.some((v) => s.includes(v)));
      expect([`${r.type} ${r.name}`, leaks]).toEqual([`${r.type} ${r.name}`, []]);
    }
  });

  test("every secret value reaches the target, wrapped as a secret", () => {
    const carriers = target === "docker" ? rs.filter((r) => r.type === "docker:index/container:Container" && r.name.endsWith("-secrets-seeder")) : rs.filter((r) => r.type === "kubernetes:core/v1:Secret");
    for (const c of carriers) expect(isSecretValue(target === "docker" ? c.rawInputs.uploads : c.rawInputs.stringData)).toBe(true);
    const delivered = JSON.stringify(carriers.map((c) => c.inputs));
    for (const v of values) expect(delivered).toContain(v);
  });
});
