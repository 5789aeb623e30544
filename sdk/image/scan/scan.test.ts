import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateGate, formatGateResult, parseGrype, parseScan, parseTrivy, scanAuthEnv, scanCommand, validateAllowList } from ".";

const FIX = path.resolve(__dirname, "../../../test/fixtures/scanners");
const read = (f: string) => fs.readFileSync(path.join(FIX, f), "utf8");
const NOW = new Date("2024-09-12T12:00:00Z");
const DIGEST = `sha256:${"4f".repeat(32)}`;

describe("parsers (recorded JSON in Trivy's and Grype's formats)", () => {
  test("trivy: every vulnerability of every result, with fixed version only when there is one", () => {
    const r = parseTrivy(read("trivy-notes.json"));
    expect(r.scanner).toBe("trivy");
    expect(r.artifact).toBe(`127.0.0.1:5000/shipshape/notes@${DIGEST}`);
    expect(r.vulnerabilities.map((v) => `${v.severity} ${v.id} ${v.pkg} ${v.fixed ?? "-"}`)).toEqual([
      "CRITICAL CVE-2023-45853 zlib1g -",
      "HIGH CVE-2024-5535 libssl3 3.0.14-1~deb12u1",
      "MEDIUM CVE-2024-2511 libssl3 3.0.13-1~deb12u1",
      "MEDIUM CVE-2023-4039 libgcc-s1 -",
      "LOW CVE-2022-0563 libuuid1 -",
      "HIGH CVE-2024-5535 libssl3 3.0.14-1~deb12u1",
    ]);
    expect(r.vulnerabilities[0].target).toBe(`127.0.0.1:5000/shipshape/notes@${DIGEST} (debian 12.5)`);
    expect(parseTrivy(read("trivy-clean.json")).vulnerabilities).toEqual([]);
  });

  test("grype: severities mapped (Negligible -> LOW), fix only when state is fixed, GHSA aliases", () => {
    const r = parseGrype(read("grype-counters.json"));
    expect(r.vulnerabilities.map((v) => `${v.severity} ${v.id} ${v.pkg} ${v.fixed ?? "-"} [${v.aliases.join(",")}]`)).toEqual([
      "CRITICAL CVE-2023-45853 zlib1g - []",
      "LOW GHSA-3787-6prv-h9w3 undici 5.28.3 [CVE-2024-24758]",
      "HIGH CVE-2024-5535 libssl3 3.0.14-1~deb12u1 []",
      "MEDIUM CVE-2023-4039 libgcc-s1 - []",
      "LOW CVE-2011-3374 libapt-pkg6.0 - []",
    ]);
    expect(r.vulnerabilities[1].target).toBe("/usr/share/nodejs/undici/package.json");
    expect(parseScan("grype", read("grype-clean.json")).vulnerabilities).toEqual([]);
  });

  test("bad output is rejected with the reason and the fix", () => {
    expect(() => parseTrivy("2024-09-12T10:15:42Z INFO Vulnerability scanning is enabled\n{}")).toThrow(/^trivy output is not JSON .*run trivy with --format json and --quiet/);
    expect(() => parseTrivy('{"SchemaVersion": 1}')).toThrow("trivy output has SchemaVersion 1, expected 2 (Trivy >= 0.20 with --format json)");
    expect(() => parseGrype('{"source": {}}')).toThrow('grype output has no "matches" array; run grype with -o json');
  });
});

describe("evaluateGate", () => {
  const trivy = parseTrivy(read("trivy-notes.json"));

  test("fails at HIGH by default: the CRITICAL without a fix and the HIGH (reported twice, counted once)", () => {
    const g = evaluateGate(trivy, { now: NOW });
    expect(g.pass).toBe(false);
    expect(g.blocking.map((v) => `${v.severity} ${v.id}`)).toEqual(["CRITICAL CVE-2023-45853", "HIGH CVE-2024-5535"]);
    expect(g.counts).toEqual({ UNKNOWN: 0, LOW: 1, MEDIUM: 2, HIGH: 1, CRITICAL: 1 });
  });

  test("failOn CRITICAL lets the HIGH through; failOn MEDIUM blocks four", () => {
    expect(evaluateGate(trivy, { failOn: "CRITICAL", now: NOW }).blocking.map((v) => v.id)).toEqual(["CVE-2023-45853"]);
    expect(evaluateGate(trivy, { failOn: "MEDIUM", now: NOW }).blocking).toHaveLength(4);
  });

  test("an allow-list entry with a reason and a future expiry accepts a CVE; the rest still blocks", () => {
    const allow = [{ id: "CVE-2023-45853", reason: "minizip is not built into zlib1g; the service never zips", expires: "2024-12-31" }];
    const g = evaluateGate(trivy, { allow, now: NOW });
    expect(g.pass).toBe(false);
    expect(g.allowed.map((a) => a.vulnerability.id)).toEqual(["CVE-2023-45853"]);
    expect(g.blocking.map((v) => v.id)).toEqual(["CVE-2024-5535"]);
    const both = evaluateGate(trivy, { allow: [...allow, { id: "CVE-2024-5535", reason: "no NPN/ALPN callback in use; fix in next base bump", expires: "2024-09-12", packages: ["libssl3"] }], now: NOW });
    expect(both.pass).toBe(true);
  });

  test("an expired entry allows nothing and is reported; an unused one is reported", () => {
    const g = evaluateGate(trivy, {
      failOn: "CRITICAL",
      allow: [
        { id: "CVE-2023-45853", reason: "minizip is not used by the service", expires: "2024-09-11" },
        { id: "CVE-2020-0001", reason: "left over from an old base image", expires: "2025-01-01" },
      ],
      now: NOW,
    });
    expect(g.pass).toBe(false);
    expect(g.expired.map((e) => e.id)).toEqual(["CVE-2023-45853"]);
    expect(g.unused.map((e) => e.id)).toEqual(["CVE-2020-0001"]);
    expect(formatGateResult(g, "notes")).toBe(
      [
        "scan gate FAILED for notes (fail on CRITICAL and above; found CRITICAL 1, HIGH 1, MEDIUM 2, LOW 1, UNKNOWN 0)",
        "  - CRITICAL CVE-2023-45853 in zlib1g 1:1.2.13.dfsg-1 (127.0.0.1:5000/shipshape/notes@" + DIGEST + " (debian 12.5)): no fix yet; remove the package, or accept the risk with an allow-list entry (id, reason, expires)",
        "  expired allow-list entry CVE-2023-45853 (expired 2024-09-11): it no longer allows anything; fix the image or renew the entry with a reason",
        "  unused allow-list entry CVE-2020-0001: nothing in this image matches it; remove it",
      ].join("\n"),
    );
  });

  test("an entry limited to other packages does not apply", () => {
    const g = evaluateGate(trivy, { failOn: "CRITICAL", allow: [{ id: "CVE-2023-45853", reason: "only accepted for the build image", expires: "2025-01-01", packages: ["zlib1g-dev"] }], now: NOW });
    expect(g.pass).toBe(false);
  });

  test("ignoreUnfixed passes vulnerabilities without a fix but still blocks fixable ones", () => {
    const g = evaluateGate(trivy, { ignoreUnfixed: true, now: NOW });
    expect(g.unfixed.map((v) => v.id)).toEqual(["CVE-2023-45853"]);
    expect(g.blocking.map((v) => v.id)).toEqual(["CVE-2024-5535"]);
  });

  test("grype: a GHSA is allowed through its CVE alias", () => {
    const grype = parseGrype(read("grype-counters.json"));
    const g = evaluateGate(grype, { failOn: "LOW", allow: [{ id: "CVE-2024-24758", reason: "fetch never follows cross-origin redirects with proxy auth here", expires: "2024-10-01" }], now: NOW });
    expect(g.allowed.map((a) => a.vulnerability.id)).toEqual(["GHSA-3787-6prv-h9w3"]);
    expect(g.blocking.map((v) => `${v.severity} ${v.id}`)).toEqual(["CRITICAL CVE-2023-45853", "HIGH CVE-2024-5535", "MEDIUM CVE-2023-4039", "LOW CVE-2011-3374"]);
  });

  test("a clean report passes", () => {
    const g = evaluateGate(parseTrivy(read("trivy-clean.json")), { failOn: "LOW", now: NOW });
    expect(g.pass).toBe(true);
    expect(formatGateResult(g)).toBe("scan gate passed for image (fail on LOW and above; found CRITICAL 0, HIGH 0, MEDIUM 0, LOW 0, UNKNOWN 0)");
  });

  test("an invalid allow-list is an error listing every problem (never a silent allow)", () => {
    expect(() =>
      evaluateGate(trivy, {
        allow: [
          { id: "cve-2023-1", reason: "", expires: "2024-02-30" },
          { id: "CVE-2023-45853", reason: "accepted for now, see ticket", expires: "31/12/2024" },
        ],
        now: NOW,
      }),
    ).toThrow(
      [
        "scan allow-list is invalid (4 problems):",
        '  - scan.allow[0].id: "cve-2023-1" is not a vulnerability id; use e.g. "CVE-2023-45853" or "GHSA-xxxx-xxxx-xxxx"',
        '  - scan.allow[0].reason: "" is missing or too short; say why the risk is accepted (at least 10 characters)',
        '  - scan.allow[0].expires: "2024-02-30" is not a date; give the last day the entry applies as YYYY-MM-DD, e.g. "2025-06-30"',
        '  - scan.allow[1].expires: "31/12/2024" is not a date; give the last day the entry applies as YYYY-MM-DD, e.g. "2025-06-30"',
      ].join("\n"),
    );
    expect(() => evaluateGate(trivy, { failOn: "SEVERE" as never })).toThrow('scan.failOn: "SEVERE" is not a severity; use one of UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL');
    expect(validateAllowList([{ id: "CVE-2023-45853", reason: "a valid reason here", expires: "2025-01-01" }, { id: "CVE-2023-45853", reason: "a valid reason here", expires: "2025-01-01" }])).toEqual([
      { path: "scan.allow[1].id", message: "CVE-2023-45853 is listed twice (also at scan.allow[0]); keep one entry" },
    ]);
  });
});

describe("scanCommand", () => {
  const ref = `127.0.0.1:5000/shipshape/notes@${DIGEST}`;
  test("trivy and grype scan the digest and print JSON only", () => {
    expect(scanCommand("trivy", ref, { insecureRegistry: true })).toBe(`trivy image --quiet --format json --scanners vuln --timeout 10m --insecure ${ref}`);
    expect(scanCommand("grype", ref)).toBe(`grype registry:${ref} -o json --quiet`);
    expect(scanCommand("grype", ref, { insecureRegistry: true })).toBe(`GRYPE_REGISTRY_INSECURE_USE_HTTP=true grype registry:${ref} -o json --quiet`);
    expect(scanAuthEnv("trivy")).toEqual({ username: "TRIVY_USERNAME", password: "TRIVY_PASSWORD" });
  });
  test("a tag is refused: the gate must judge exactly what will run", () => {
    expect(() => scanCommand("trivy", "127.0.0.1:5000/shipshape/notes:1.0.0")).toThrow('scan: "127.0.0.1:5000/shipshape/notes:1.0.0" is not pinned by digest; scan the pushed repo@sha256:… so the gate judges exactly what will run');
  });
});
