/**
 * Each team stack rendered as compose-spec YAML (the Docker target's services): valid against
 * the compose schema, accepted by the real docker-compose, and carrying the same hardening.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { composeSecretName, renderCompose } from "../../../sdk/compose";
import { buildServices } from "../../../stacks/deploy";
import { TEAM_STACKS } from "../../../stacks/registry";
import { composeValidator } from "../../support/compose-schema";
import { secretKeys, TEAMS } from "./support";

const validate = composeValidator();

describe.each(TEAMS)("%s as compose", (team) => {
  const services = buildServices(TEAM_STACKS[team], { images: TEAM_STACKS[team].images, target: "docker" });
  const yaml = renderCompose({ name: team, services });
  const file = parse(yaml) as { services: Record<string, Record<string, any>>; secrets?: Record<string, { file: string }> };

  test("validates against the compose-spec schema", () => {
    const ok = validate(file);
    if (!ok) throw new Error(JSON.stringify(validate.errors, null, 2));
  });

  test("every service keeps its limits, PID limit, healthcheck and volumes", () => {
    expect(Object.keys(file.services).sort()).toEqual(services.map((s) => s.name).sort());
    for (const s of services) {
      const c = file.services[s.name];
      expect(c).toMatchObject({ read_only: true, cap_drop: ["ALL"], security_opt: ["no-new-privileges:true"], pids_limit: s.resources!.pids });
      expect(Object.keys(c.deploy.resources.limits).sort()).toEqual(["cpus", "memory"]);
      if (s.relax?.noHealthcheck) expect(c.healthcheck).toBeUndefined();
      else expect(c.healthcheck.test[0]).toBe("CMD");
      const targets = [...(c.volumes ?? []).map((v: { target: string }) => v.target), ...(c.tmpfs as string[]).map((t) => t.split(":")[0])];
      for (const v of s.volumes ?? []) expect([s.name, targets]).toEqual([s.name, expect.arrayContaining([v.mountPath])]);
    }
  });

  test("secrets are files named by config key, never values", () => {
    expect(Object.keys(file.secrets ?? {}).sort()).toEqual(secretKeys(team).map(composeSecretName).sort());
    for (const [name, s] of Object.entries(file.secrets ?? {})) expect(s).toEqual({ file: `./secrets/${name}` });
  });

  test("docker-compose 1.29 accepts the file (docker-compose config)", () => {
    const dir = mkdtempSync(join(tmpdir(), `shipshape-stacks-${team}-`));
    try {
      writeFileSync(join(dir, "docker-compose.yml"), yaml);
      mkdirSync(join(dir, "secrets"));
      for (const k of secretKeys(team)) writeFileSync(join(dir, "secrets", composeSecretName(k)), "placeholder\n");
      // Fails (not skips) when docker-compose is missing: scripts/engine.sh installs it.
      const out = execFileSync("docker-compose", ["-f", join(dir, "docker-compose.yml"), "-p", `shipshape-stacks-${team}`, "config"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(Object.keys((parse(out) as { services: object }).services).sort()).toEqual(services.map((s) => s.name).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
