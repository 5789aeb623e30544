/**
 * The team stacks' services as normalized specs, on both targets (pure: no Pulumi): limits,
 * healthchecks, volumes, egress with reasons, one UID per service.
 */
import { defineStack, ServiceSpec, StackSpec } from "../../../sdk/spec";
import { buildServices } from "../../../stacks/deploy";
import { TEAM_STACKS } from "../../../stacks/registry";
import type { Target } from "../../../stacks/types";
import { TARGETS, TEAMS } from "./support";

/** Every mount each service must have: mount path → what is mounted there. */
type Mount = string; // "data:<name>", "models:<name>", "scratch", "bind:<hostPath>", each with ":ro" when read-only
const HOST_DIR = (target: Target, hostPath: string, claim: string): Mount => (target === "docker" ? `bind:${hostPath}:ro` : `data:${claim}:ro`);
const EXPECTED_MOUNTS: Record<string, (t: Target) => Record<string, Mount>> = {
  "local-ai-mcp": () => ({ "/tmp": "scratch" }),
  "rag-anything": () => ({ "/app/rag_storage": "data:rag-storage", "/app/inputs": "scratch", "/tmp": "scratch" }),
  "document-converter": () => ({ "/tmp": "scratch" }),
  whisperx: () => ({ "/models": "models:whisper-models:ro", "/uploads": "scratch", "/tmp": "scratch" }),
  "whisperx-worker": () => ({ "/models": "models:whisper-models:ro", "/work": "scratch", "/tmp": "scratch" }),
  "whisperx-redis": () => ({ "/data": "data:whisperx-redis-data", "/tmp": "scratch" }),
  paperflow: (t) => ({ "/data": "data:paperflow-data", "/import": HOST_DIR(t, "/srv/paperflow/import", "paperflow-import"), "/tmp": "scratch" }),
  n8n: () => ({ "/home/node/.n8n": "data:n8n-data", "/tmp": "scratch" }),
  downto40: () => ({ "/app/data": "data:downto40-data", "/tmp": "scratch" }),
  "support-dashboard": () => ({ "/app/cache": "scratch", "/tmp": "scratch" }),
  "discord-bot": () => ({ "/tmp": "scratch" }),
  "telegram-bot": () => ({ "/tmp": "scratch" }),
  "langchain-service": () => ({ "/tmp": "scratch" }),
  "photos-chantier": () => ({ "/data": "data:photos-chantier-data", "/tmp": "scratch" }),
  "security-scanner": (t) => ({ "/src": HOST_DIR(t, "/srv/galway/src", "scan-source"), "/vulndb": "models:vulndb:ro", "/results": "data:scan-results", "/tmp": "scratch" }),
  "agent-updates": () => ({ "/var/lib/agent-updates": "data:agent-updates-data", "/tmp": "scratch" }),
  erlmcp: () => ({ "/var/lib/erlmcp": "data:erlmcp-data", "/tmp": "scratch" }),
};

/** Services that reach the internet: only these, each with its reason. */
const EGRESS = ["rag-anything", "n8n", "support-dashboard", "discord-bot", "telegram-bot", "langchain-service"];
/** Services without a healthcheck, relaxed with a reason (jobs). */
const NO_HEALTHCHECK = ["security-scanner"];

const HEALTH: Record<string, string> = {
  "local-ai-mcp": "http:8080/health",
  "rag-anything": "http:9510/health",
  "document-converter": "http:3000/health",
  whisperx: "http:8002/health",
  "whisperx-worker": "cmd",
  "whisperx-redis": "cmd:redis-cli ping",
  paperflow: "http:8000/health",
  n8n: "http:5678/healthz",
  downto40: "http:8501/_stcore/health",
  "support-dashboard": "http:8501/_stcore/health",
  "discord-bot": "cmd",
  "telegram-bot": "cmd",
  "langchain-service": "http:8000/health",
  "photos-chantier": "http:3000/health",
  "agent-updates": "http:8080/healthz",
  erlmcp: "http:8080/health",
};

function mountsOf(s: ServiceSpec): Record<string, Mount> {
  const out: Record<string, Mount> = {};
  for (const v of s.volumes) out[v.mountPath] = (v.kind === "bind" ? `bind:${v.hostPath}` : `${v.kind}:${v.name}`) + (v.readOnly ? ":ro" : "");
  for (const t of s.tmpfs) out[t.mountPath] = "scratch";
  return out;
}

function healthOf(s: ServiceSpec): string | undefined {
  const h = s.healthcheck;
  if (!h) return undefined;
  if (h.kind === "http") return `http:${h.http!.port}${h.http!.path}`;
  if (h.kind === "cmd" && h.test[0] === "redis-cli") return `cmd:${h.test.join(" ")}`;
  return h.kind;
}

const stacks: [string, Target, StackSpec][] = TEAMS.flatMap((team) => TARGETS.map((target) => [team, target, defineStack({ name: team, services: buildServices(TEAM_STACKS[team], { images: TEAM_STACKS[team].images, target }) })] as [string, Target, StackSpec]));

test("the stacks hold the services of the issue, each described once", () => {
  const names = Object.fromEntries(TEAMS.map((t) => [t, buildServices(TEAM_STACKS[t], { images: TEAM_STACKS[t].images, target: "docker" }).map((s) => s.name)]));
  expect(names).toEqual({
    "local-ai": ["local-ai-mcp"],
    hostinger: ["rag-anything", "document-converter", "whisperx", "whisperx-worker", "whisperx-redis", "paperflow", "n8n", "downto40", "support-dashboard", "discord-bot", "telegram-bot", "langchain-service", "photos-chantier"],
    galway: ["security-scanner", "agent-updates"],
    erlmcp: ["erlmcp"],
  });
  expect(Object.keys(EXPECTED_MOUNTS).sort()).toEqual(Object.values(names).flat().sort());
});

describe.each(stacks)("%s on %s", (team, target, stack) => {
  test("every service has memory, CPU and PID limits, and requests below them", () => {
    for (const s of stack.services) {
      const r = s.resources;
      expect({ name: s.name, memory: typeof r.memoryBytes, cpus: typeof r.cpus, pids: typeof r.pids }).toEqual({ name: s.name, memory: "number", cpus: "number", pids: "number" });
      expect(r.requests.memoryBytes!).toBeLessThan(r.memoryBytes!);
      expect(r.requests.cpus!).toBeLessThan(r.cpus!);
    }
  });

  test("every service has its healthcheck, or a relaxation with a reason", () => {
    for (const s of stack.services) {
      if (NO_HEALTHCHECK.includes(s.name)) {
        expect(s.healthcheck).toBeUndefined();
        expect(s.relaxations.find((r) => r.key === "noHealthcheck")?.reason).toMatch(/one-shot job/);
      } else expect([s.name, healthOf(s)]).toEqual([s.name, HEALTH[s.name]]);
    }
  });

  test("every service has exactly its volumes", () => {
    for (const s of stack.services) expect([s.name, mountsOf(s)]).toEqual([s.name, EXPECTED_MOUNTS[s.name](target)]);
  });

  test("egress only where a service calls the internet, each with a written reason", () => {
    for (const s of stack.services) {
      expect([s.name, s.egress]).toEqual([s.name, EGRESS.includes(s.name)]);
      if (s.egress) expect(s.relaxations.find((r) => r.key === "egress")?.reason.length).toBeGreaterThan(20);
    }
  });

  test("the hardening defaults hold: non-root, read-only root, no capabilities, bounded restarts", () => {
    for (const s of stack.services) {
      expect(s.security).toMatchObject({ readOnlyRootFilesystem: true, capDrop: ["ALL"], capAdd: [], noNewPrivileges: true, privileged: false });
      expect(s.user.uid).toBeGreaterThanOrEqual(10001);
      expect(s.restart.policy).toBe("on-failure");
      expect(s.relaxations.map((r) => r.key).filter((k) => k !== "egress" && k !== "noHealthcheck")).toEqual([]);
    }
  });

  test("one UID per service, so the Docker PID limit is per service", () => {
    const uids = stack.services.map((s) => s.user.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(stack.warnings.filter((w) => w.ruleId === "SS030")).toEqual([]);
  });

  test("secrets are files from config keys, never env values", () => {
    for (const s of stack.services) {
      for (const sec of s.secrets) {
        expect(sec.target).toBe(`/run/secrets/${sec.name}`);
        expect(s.env[sec.fileEnv!]).toBe(sec.target);
      }
      for (const [k, v] of Object.entries(s.env)) if (/SECRET|TOKEN|KEY|COOKIE|PASSWORD/.test(k)) expect([k, v]).toEqual([k, expect.stringMatching(/^\/run\/secrets\//)]);
    }
  });
});

test("hostinger: whisperx API and worker request a GPU and read pre-seeded models offline", () => {
  const [, , stack] = stacks.find(([t, g]) => t === "hostinger" && g === "docker")!;
  for (const name of ["whisperx", "whisperx-worker"]) {
    const s = stack.services.find((x) => x.name === name)!;
    expect(s.gpus).toEqual({ count: 1, driver: "nvidia", capabilities: ["gpu"], resourceName: "nvidia.com/gpu" });
    expect(s.env).toMatchObject({ HF_HOME: "/models/huggingface", HF_HUB_OFFLINE: "1" });
    expect(s.egress).toBe(false);
  }
  expect(stack.services.find((x) => x.name === "whisperx")!.tmpfs.find((t) => t.mountPath === "/uploads")!.sizeBytes).toBe(2 * 2 ** 30);
  expect(stack.services.find((x) => x.name === "n8n")!.resources.memoryBytes).toBe(2 ** 30);
  expect(stack.services.find((x) => x.name === "n8n")!.env.N8N_ENCRYPTION_KEY_FILE).toBe("/run/secrets/n8n_encryption_key");
});

test("published host ports are distinct and bound to 127.0.0.1", () => {
  for (const [, , stack] of stacks) {
    const published = stack.services.flatMap((s) => s.ports.filter((p) => p.published !== undefined));
    expect(new Set(published.map((p) => p.published)).size).toBe(published.length);
    for (const p of published) expect(p.hostIp).toBe("127.0.0.1");
  }
});
