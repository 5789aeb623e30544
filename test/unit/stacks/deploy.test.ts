/**
 * Every team stack under Pulumi mocks, on both targets: the resources each service becomes,
 * with its limits, healthcheck and volumes, and zero mandatory violations of the policy pack
 * evaluated in-process (as `pulumi preview --policy-pack` would).
 */
import { CapturedResource, evaluatePolicies, formatViolations, mandatoryViolations, PolicyReport, runProgramUnderMocks } from "../../../sdk/testing";
import { deploy } from "../../../stacks/deploy";
import { TEAM_STACKS } from "../../../stacks/registry";
import { fakeSecrets, settingsFor, TARGETS, TEAMS } from "./support";

jest.setTimeout(60_000);

type Obj = Record<string, any>;
const cases = TEAMS.flatMap((team) => TARGETS.map((target) => [team, target] as const));

describe.each(cases)("%s on %s", (team, target) => {
  let resources: CapturedResource[];
  let report: PolicyReport;
  let services: ReturnType<typeof deploy>["services"];
  beforeAll(async () => {
    const secrets = fakeSecrets(team);
    const run = await runProgramUnderMocks(
      () => {
        services = deploy(settingsFor(team, target)).services;
      },
      { config: secrets, secretConfigKeys: Object.keys(secrets) },
    );
    resources = run.resources;
    report = await evaluatePolicies(run);
  });
  const ofType = (t: string) => resources.filter((r) => r.type === t);

  test("zero mandatory policy violations", () => {
    const mandatory = mandatoryViolations(report);
    if (mandatory.length) throw new Error(`mandatory violations:\n${formatViolations(mandatory)}`);
    expect(report.resources.length).toBeGreaterThan(TEAM_STACKS[team].services.length);
  });

  if (target === "docker") {
    test("one hardened container per service, with limits, healthcheck and every mount", () => {
      const containers = ofType("docker:index/container:Container").filter((c) => !c.name.endsWith("-secrets-seeder"));
      expect(containers.map((c) => c.name).sort()).toEqual(services.map((s) => `${team}-${s.name}`).sort());
      for (const svc of services) {
        const c = containers.find((x) => x.name === `${team}-${svc.name}`)!.inputs as Obj;
        expect(c).toMatchObject({ name: `${team}-${svc.name}`, readOnly: true, privileged: false, capabilities: { drops: ["ALL"] }, securityOpts: ["no-new-privileges:true"], user: svc.user });
        expect(c.memory).toBeGreaterThan(0);
        expect(c.memorySwap).toBe(c.memory);
        expect(Number(c.cpus)).toBeGreaterThan(0);
        expect(c.ulimits).toEqual([{ name: "nproc", soft: svc.resources!.pids, hard: svc.resources!.pids }]);
        if (svc.relax?.noHealthcheck) expect(c.healthcheck).toBeUndefined();
        else expect(c.healthcheck.tests[0]).toBe("CMD");
        const targets = (c.mounts as Obj[]).map((m) => m.target).concat(Object.keys(c.tmpfs));
        for (const v of svc.volumes ?? []) expect([svc.name, targets]).toEqual([svc.name, expect.arrayContaining([v.mountPath])]);
        if (svc.secrets?.length) expect(c.mounts).toContainEqual({ type: "volume", source: `${team}-${svc.name}-secrets`, target: "/run/secrets", readOnly: true });
      }
    });

    test("named volumes for data and models, created by the stack", () => {
      const names = new Set(services.flatMap((s) => (s.volumes ?? []).flatMap((v) => (v.kind === "data" || v.kind === "models" ? [`${team}-${v.name}`] : []))));
      const volumes = ofType("docker:index/volume:Volume").map((v) => (v.inputs as Obj).name as string);
      for (const n of names) expect(volumes).toContain(n);
    });

    test("a secret seeder per service with secrets, its uploads secret in state", () => {
      const seeders = ofType("docker:index/container:Container").filter((c) => c.name.endsWith("-secrets-seeder"));
      expect(seeders.map((s) => s.name).sort()).toEqual(services.filter((s) => s.secrets?.length).map((s) => `${team}-${s.name}-secrets-seeder`).sort());
      for (const s of seeders) expect(s.secretPaths).toEqual(["uploads"]);
    });
  } else {
    test("a restricted namespace and one workload per service, with limits, probes and every mount", () => {
      expect(ofType("kubernetes:core/v1:Namespace").map((n) => (n.inputs as Obj).metadata.labels["pod-security.kubernetes.io/enforce"])).toEqual(["restricted"]);
      const workloads = resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:apps/v1:StatefulSet");
      expect(workloads.map((w) => (w.inputs as Obj).metadata.name).sort()).toEqual(services.map((s) => s.name).sort());
      for (const svc of services) {
        const w = workloads.find((x) => (x.inputs as Obj).metadata.name === svc.name)!.inputs as Obj;
        const c = w.spec.template.spec.containers[0];
        expect(Object.keys(c.resources.limits).sort()).toEqual(["cpu", "ephemeral-storage", "memory", ...(svc.gpus ? ["nvidia.com/gpu"] : [])]);
        if (svc.gpus) expect(c.resources.limits["nvidia.com/gpu"]).toBe("1");
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
        if (svc.relax?.noHealthcheck) expect(c.readinessProbe).toBeUndefined();
        else expect([svc.name, Boolean(c.readinessProbe && c.livenessProbe)]).toEqual([svc.name, true]);
        const mounts = (c.volumeMounts as Obj[]).map((m) => m.mountPath);
        for (const v of svc.volumes ?? []) expect([svc.name, mounts]).toEqual([svc.name, expect.arrayContaining([v.mountPath])]);
        // No hostPath under restricted Pod Security: host directories became claims.
        expect((w.spec.template.spec.volumes ?? []).filter((v: Obj) => v.hostPath)).toEqual([]);
      }
    });

    test("a claim for every data and models volume", () => {
      const claims = ofType("kubernetes:core/v1:PersistentVolumeClaim").map((c) => (c.inputs as Obj).metadata.name as string);
      const names = new Set(services.flatMap((s) => (s.volumes ?? []).flatMap((v) => (v.kind === "data" || v.kind === "models" ? [v.name] : []))));
      expect(claims.length).toBe(names.size);
      for (const n of names) expect(claims.some((c) => c === n || c.endsWith(n))).toBe(true);
    });

    test("secret values only in Secret objects, and secret in state", () => {
      const secrets = ofType("kubernetes:core/v1:Secret");
      expect(secrets.length).toBe(services.filter((s) => s.secrets?.length).length);
      for (const s of secrets) expect(s.secretPaths).toEqual(["stringData"]);
    });
  }
});
