/** Stack settings from the Pulumi config store: team stack, target, images (pure). */
import { resolveSettings, StackConfigError } from "../../../stacks/config";
import { teamStackFor } from "../../../stacks/registry";
import { hostDirectory, imageOf } from "../../../stacks/types";

describe("teamStackFor", () => {
  test.each([
    ["local-ai", "local-ai"],
    ["local-ai-dev", "local-ai"],
    ["hostinger", "hostinger"],
    ["hostinger-prod", "hostinger"],
    ["galway-staging", "galway"],
    ["erlmcp", "erlmcp"],
  ])("%s deploys %s", (stack, team) => expect(teamStackFor(stack)).toBe(team));

  test.each(["local", "dev", "hostingerprod", "prod-hostinger"])("%s names no team stack", (stack) => expect(teamStackFor(stack)).toBeUndefined());
});

describe("resolveSettings", () => {
  test("defaults: the team from the stack name, docker, the stack's pinned images", () => {
    const s = resolveSettings({ pulumiStack: "hostinger-prod" });
    expect(s.team.name).toBe("hostinger");
    expect(s.target).toBe("docker");
    expect(s.images.n8n).toBe("n8nio/n8n:1.64.3");
    expect(s.kubernetes).toEqual({});
  });

  test("config stack wins over the stack name; images overlay the defaults", () => {
    const ref = "ghcr.io/shipshape-teams/erlmcp:0.9.1@sha256:" + "a".repeat(64);
    const s = resolveSettings({ pulumiStack: "whatever", stack: "erlmcp", target: "kubernetes", images: { erlmcp: ref }, kubernetes: { namespace: "mcp" } });
    expect(s.team.name).toBe("erlmcp");
    expect(s.target).toBe("kubernetes");
    expect(s.images).toEqual({ erlmcp: ref });
    expect(s.kubernetes).toEqual({ namespace: "mcp" });
  });

  test("every problem is reported at once, naming the key, the value and the fix", () => {
    let err: unknown;
    try {
      resolveSettings({ pulumiStack: "hostinger-prod", target: "swarm", images: { n8n: "n8nio/n8n:latest:x", ollama: "ollama/ollama:0.3.0" }, kubernetes: { namespaces: "x" } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StackConfigError);
    expect((err as StackConfigError).problems).toEqual([
      'shipshape:target: "swarm" is not a target; use "docker" or "kubernetes".',
      'shipshape:images.n8n: "n8nio/n8n:latest:x" is not an image reference; use "registry/repo:tag@sha256:<digest>".',
      'shipshape:images.ollama: stack "hostinger" has no service "ollama"; its images are rag-anything, document-converter, whisperx, whisperx-redis, paperflow, n8n, downto40, support-dashboard, discord-bot, telegram-bot, langchain-service, photos-chantier.',
      "shipshape:kubernetes.namespaces: unknown setting; use namespace, storageClassName, defaultVolumeSize, userNamespaces.",
    ]);
  });

  test("an unknown team stack names the choices", () => {
    expect(() => resolveSettings({ pulumiStack: "dev" })).toThrow(
      'shipshape:stack is not set and the Pulumi stack name "dev" names no team stack; run `pulumi config set stack <local-ai|hostinger|galway|erlmcp>`.',
    );
    expect(() => resolveSettings({ pulumiStack: "dev", stack: "hostinger2" })).toThrow('shipshape:stack: "hostinger2" is not a team stack; use one of local-ai, hostinger, galway, erlmcp.');
  });

  test("images must be a map", () => {
    expect(() => resolveSettings({ pulumiStack: "galway", images: ["x"] })).toThrow('shipshape:images: must be a map of service name to image reference (got ["x"]).');
  });
});

describe("service helpers", () => {
  test("imageOf says which config key to set", () => {
    expect(() => imageOf({ images: {}, target: "docker" }, "n8n")).toThrow("no image for service \"n8n\": set it with `pulumi config set --path 'images.n8n' <registry/repo:tag@sha256:…>` (config shipshape:images.n8n).");
  });

  test("a host directory is a read-only bind mount on Docker and a read-only claim on Kubernetes", () => {
    const dir = { hostPath: "/srv/x", claim: "x-import", mountPath: "/import", size: "1Gi" };
    expect(hostDirectory({ images: {}, target: "docker" }, dir)).toEqual({ kind: "bind", hostPath: "/srv/x", mountPath: "/import", readOnly: true });
    expect(hostDirectory({ images: {}, target: "kubernetes" }, dir)).toEqual({ kind: "data", name: "x-import", mountPath: "/import", readOnly: true, size: "1Gi" });
  });
});
