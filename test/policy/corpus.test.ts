/** Every deliberately bad raw resource of the corpus is flagged by the right policy. */
import { CapturedResource, checkProgram, PolicyReport } from "../../sdk/testing";
import { CORPUS, corpusSupport } from "./corpus";

let report: PolicyReport;
beforeAll(async () => {
  report = await checkProgram(() => {
    corpusSupport();
    for (const item of CORPUS) item.create(item.name);
  });
}, 60000);

test("the corpus holds at least 40 bad resources with unique names", () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
});

test.each(CORPUS.map((c) => [c.name, c.policy] as const))("%s is flagged by %s", (name, policy) => {
  const r = report.resources.find((x: CapturedResource) => x.name === name);
  expect(r).toBeDefined();
  const policies = report.violations.filter((v) => v.urn === r!.urn).map((v) => v.policy);
  expect(policies).toContain(policy);
});

test("the support resources (the network and volume the corpus uses) are clean", () => {
  const support = report.resources.filter((r) => r.name === "prod-default" || r.name === "prod-api-data");
  expect(support).toHaveLength(2);
  expect(report.violations.filter((v) => support.some((r) => r.urn === v.urn))).toEqual([]);
});
