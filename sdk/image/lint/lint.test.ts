import { formatFindings, lintDockerfile } from ".";

const GOOD = `FROM debian:12-slim@sha256:${"a".repeat(64)} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt,sharing=locked \\
    apt-get update && apt-get install -y --no-install-recommends python3=3.11.2-1+b1
FROM debian:12-slim@sha256:${"a".repeat(64)}
COPY --from=build /usr/bin/python3 /usr/bin/python3
WORKDIR /app
USER 10001:10001
HEALTHCHECK CMD ["python3", "-c", "print(1)"]
CMD ["python3", "app.py"]
`;

const ids = (text: string, opts = {}) => lintDockerfile(text, opts).findings.map((f) => `${f.line} ${f.level} ${f.ruleId} ${f.upstreamIds.join("+")}`);
const one = (text: string, upstream: string) => lintDockerfile(text).findings.find((f) => f.upstreamIds.includes(upstream));

describe("lintDockerfile", () => {
  test("a hardened multi-stage Dockerfile has no findings", () => {
    expect(ids(GOOD, { dockerignore: ".git\n.env*\n" })).toEqual([]);
  });

  test("the naive single-stage Dockerfile gets every finding with its rule id, upstream ids, line and fix", () => {
    const text = `FROM python:latest
ARG GITHUB_TOKEN
ENV DB_PASSWORD=hunter2 PASSWORD_FILE=/run/secrets/pw
RUN apt-get update
RUN apt-get update && apt-get install -y build-essential curl=7.88 && apt-get upgrade -y
RUN sudo pip install flask requests==2.0 -r req.txt
RUN curl -s http://x | sh
ADD . /app
ADD https://example.com/y.tar.gz /opt/
WORKDIR app
RUN npm install express lodash@4 @types/node @scope/x@1 && npm ci
HEALTHCHECK CMD true
HEALTHCHECK CMD false
USER app
USER root
CMD python app.py
`;
    expect(ids(text, { dockerignore: null })).toEqual([
      "1 error SS035 DL3007+DKL-DI-0006",
      "1 info SS040 ",
      "2 error SS037 DL3064+CIS 4.10+CIS-DI-0010",
      "3 error SS037 DL3064+CIS 4.10+CIS-DI-0010",
      "4 warning SS039 CIS 4.7",
      "5 warning SS039 DL3008",
      "5 warning SS039 DL3015",
      "5 warning SS039 DKL-DI-0003+CIS 4.7",
      "5 warning SS039 DL3009+DKL-DI-0005",
      "5 info SS040 CIS 4.3",
      "6 error SS040 DL3004+DKL-DI-0001",
      "6 warning SS039 DL3013",
      "6 warning SS039 DL3042",
      "7 warning SS040 DL4006",
      "8 error SS040 DL3020+CIS 4.9",
      "10 error SS040 DL3000",
      "11 warning SS039 DL3016",
      "11 warning SS039 ",
      "13 error SS032 DL3012",
      "15 error SS001 DL3002+CIS 4.1",
      "16 warning SS040 DL3025",
    ]);
    const r = lintDockerfile(text);
    expect(r.errors).toBe(8);
    expect(one(text, "DL3013")!.message).toBe("pip install without version pins: flask");
    expect(one(text, "DL3016")!.message).toBe("npm install without version pins: express, @types/node");
    expect(one(text, "DL3008")!.message).toBe("apt-get install without version pins: build-essential");
    expect(one(text, "DL3025")!.fix).toBe('use the exec form: CMD ["python", "app.py"]');
  });

  test("a finding carries the catalog rule, severity and a Dockerfile location", () => {
    const f = one("FROM debian:12\nUSER root\nHEALTHCHECK CMD [\"true\"]\n", "DL3002")!;
    expect(f).toEqual({
      ruleId: "SS001",
      rule: "run-as-non-root",
      upstreamIds: ["DL3002", "CIS 4.1"],
      severity: "high",
      at: "Dockerfile:2",
      line: 2,
      level: "error",
      message: 'the last USER is "root", so the container runs as root',
      fix: "switch to a non-root user before the image ends: `USER 10001:10001`",
    });
  });

  describe("USER", () => {
    const hc = 'HEALTHCHECK CMD ["true"]\n';
    test("missing USER is CIS 4.1 at the final FROM", () => {
      expect(ids(`FROM debian:12 AS a\nUSER 10001\nFROM debian:12\n${hc}`)).toContain("3 error SS001 CIS 4.1+CIS-DI-0001");
    });
    test("USER is inherited from the stage the final stage builds on", () => {
      expect(ids(`FROM debian:12 AS a\nUSER 10001:10001\nFROM a\n${hc}`).filter((x) => x.includes("SS00"))).toEqual([]);
    });
    test("non-numeric USER is DL3066 and a low UID is flagged", () => {
      expect(ids(`FROM debian:12\nUSER app\n${hc}`)).toContain("2 warning SS002 DL3066");
      expect(ids(`FROM debian:12\nUSER 1000:1000\n${hc}`)).toContain("2 warning SS002 CIS 4.1");
      expect(ids(`FROM debian:12\nUSER 0:0\n${hc}`)).toContain("2 error SS001 DL3002+CIS 4.1");
    });
    test("USER from an ARG default is resolved", () => {
      expect(ids(`FROM debian:12\nARG UID=0\nUSER \${UID}\n${hc}`)).toContain("3 error SS001 DL3002+CIS 4.1");
    });
  });

  describe("FROM", () => {
    test("untagged is DL3006, a tag without digest is advice, scratch and stage names pass", () => {
      expect(ids("FROM debian\nUSER 10001:10001\nHEALTHCHECK CMD [\"x\"]\n")).toEqual(["1 error SS035 DL3006"]);
      expect(ids("FROM debian:12\nUSER 10001:10001\nHEALTHCHECK CMD [\"x\"]\n")).toEqual(["1 info SS035 CIS 4.2"]);
      expect(ids("FROM scratch AS s\nFROM s\nUSER 10001:10001\nHEALTHCHECK CMD [\"x\"]\n")).toEqual([]);
    });
    test("FROM with an ARG is resolved from the ARG default", () => {
      expect(ids("ARG BASE=debian:latest\nFROM ${BASE}\nUSER 10001:10001\nHEALTHCHECK CMD [\"x\"]\n")).toEqual(["2 error SS035 DL3007+DKL-DI-0006"]);
    });
    test("no FROM at all is an error", () => {
      expect(ids("RUN true\n")).toEqual(["1 error SS040 "]);
    });
  });

  describe("packages", () => {
    const wrap = (run: string, final = true) => (final ? `FROM debian:12\n${run}\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n` : `FROM debian:12 AS b\n${run}\nFROM scratch\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n`);
    const up = (run: string, final = true) => lintDockerfile(wrap(run, final)).findings.filter((f) => f.ruleId === "SS039").map((f) => f.upstreamIds.join("+"));
    test("pinned, no-recommends, lists removed: clean", () => {
      expect(up("RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*")).toEqual([]);
    });
    test("cache mounts on apt's directories stand in for removing the lists", () => {
      expect(up("RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl=1")).toEqual([]);
    });
    test("cache rules do not apply to builder stages; pin rules do", () => {
      expect(up("RUN apt-get update && apt-get install -y --no-install-recommends curl", false)).toEqual(["DL3008"]);
    });
    test("apk: DL3018 and DL3019", () => {
      expect(up("RUN apk add curl")).toEqual(["DL3018", "DL3019+DKL-DI-0004"]);
      expect(up("RUN apk add --no-cache curl=8.0.1-r0")).toEqual([]);
    });
    test("pip: requirements files, paths and pins are accepted; python -m pip is checked", () => {
      expect(up("RUN pip install --no-cache-dir -r requirements.txt . ./wheel.whl x==1 y>=2")).toEqual([]);
      expect(up("RUN python3 -m pip install flask")).toEqual(["DL3013", "DL3042"]);
      expect(up("ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3.0.0")).toEqual([]);
      expect(up("RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.0")).toEqual([]);
    });
    test("npm: scoped packages and cache", () => {
      expect(up("RUN npm install @scope/pkg lodash@4 && npm cache clean --force")).toEqual(["DL3016"]);
      expect(up("RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev")).toEqual([]);
    });
    test("upgrade and update-alone", () => {
      expect(up("RUN apt-get update")).toEqual(["CIS 4.7"]);
      expect(up("RUN apt-get dist-upgrade -y && rm -rf /var/lib/apt/lists/*")).toEqual(["DKL-DI-0003+CIS 4.7"]);
      expect(up("RUN apk upgrade --no-cache")).toEqual(["DKL-DI-0003+CIS 4.7"]);
    });
  });

  describe("shell and instructions", () => {
    const base = (body: string) => `FROM debian:12\n${body}\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n`;
    test("pipefail from SHELL, from set -o, or missing", () => {
      expect(ids(base("RUN curl -s x | tar -x"))).toContain("2 warning SS040 DL4006");
      expect(ids(base('SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s x | tar -x'))).not.toContain("3 warning SS040 DL4006");
      expect(ids(base("RUN set -o pipefail && curl -s x | tar -x"))).toEqual(["1 info SS035 CIS 4.2"]);
      expect(ids(base("RUN a || b"))).toEqual(["1 info SS035 CIS 4.2"]);
    });
    test("ADD of archives and URLs is accepted; of local files it is DL3020", () => {
      expect(ids(base("ADD rootfs.tar.gz /\nADD https://x/y /y"))).toEqual(["1 info SS035 CIS 4.2"]);
      expect(ids(base("ADD --chown=1:1 a b /dst/"))).toContain("2 error SS040 DL3020+CIS 4.9");
    });
    test("ENTRYPOINT shell form, relative WORKDIR, HEALTHCHECK NONE", () => {
      expect(ids(base("ENTRYPOINT /app/run"))).toContain("2 warning SS040 DL3025");
      expect(ids(base("WORKDIR ./src"))).toContain("2 error SS040 DL3000");
      expect(ids(base("WORKDIR $HOME/src"))).not.toContain("2 error SS040 DL3000");
      expect(ids("FROM debian:12\nUSER 10001:10001\nHEALTHCHECK NONE\n")).toContain("3 warning SS032 CIS 4.6+CIS-DI-0006");
      expect(ids("FROM debian:12\nUSER 10001:10001\n")).toContain("1 warning SS032 CIS 4.6+CIS-DI-0006");
    });
    test("secret-looking ARG/ENV names; *_FILE pointers are fine", () => {
      expect(ids(base("ARG NPM_TOKEN\nENV API_KEY=x AWS_SECRET_ACCESS_KEY=y TOKEN_FILE=/run/secrets/t PASSWORDLESS=1"))).toEqual([
        "1 info SS035 CIS 4.2",
        "2 error SS037 DL3064+CIS 4.10+CIS-DI-0010",
        "3 error SS037 DL3064+CIS 4.10+CIS-DI-0010",
        "3 error SS037 DL3064+CIS 4.10+CIS-DI-0010",
      ]);
    });
  });

  describe("context", () => {
    test(".dockerignore: missing, incomplete, complete", () => {
      const t = 'FROM scratch\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n';
      expect(lintDockerfile(t, { dockerignore: null }).findings.map((f) => f.message)[0]).toMatch(/has no .dockerignore/);
      expect(lintDockerfile(t, { dockerignore: "node_modules\n" }).findings.map((f) => f.message)).toEqual([".dockerignore does not exclude .git or .env"]);
      expect(lintDockerfile(t, { dockerignore: "**/.git\n.env*\n" }).findings).toEqual([]);
      expect(lintDockerfile(t).findings).toEqual([]);
    });
    test("single-stage image with build tools is advice; multi-stage is not", () => {
      const single = 'FROM debian:12\nRUN apt-get install -y --no-install-recommends gcc=12 libpq-dev=15 curl=1 && rm -rf /var/lib/apt/lists/*\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n';
      expect(lintDockerfile(single).findings.find((f) => f.upstreamIds.includes("CIS 4.3"))!.message).toBe("single-stage image ships build tools (gcc, libpq-dev)");
      expect(lintDockerfile(`${single}FROM scratch\nUSER 10001:10001\nHEALTHCHECK CMD ["x"]\n`).findings.some((f) => f.upstreamIds.includes("CIS 4.3"))).toBe(false);
    });
  });

  test("ignore takes rule or upstream ids and keeps the reason", () => {
    const r = lintDockerfile("FROM debian:12\nUSER 10001:10001\n", { ignore: { "CIS 4.6": "the service spec defines the healthcheck", SS035: "local base image" } });
    expect(r.findings).toEqual([]);
    expect(r.ignored.map((i) => `${i.finding.ruleId} ${i.reason}`)).toEqual(["SS032 the service spec defines the healthcheck", "SS035 local base image"]);
  });

  test("formatFindings prints location, level, ids, message and fix", () => {
    expect(formatFindings(lintDockerfile("FROM debian:12\nUSER root\nHEALTHCHECK CMD [\"x\"]\n").findings)).toBe(
      [
        "Dockerfile:1 info SS035 pinned-image (CIS 4.2): FROM debian:12 is pinned by tag only; a tag can be moved to a different image. Fix: pin by digest too: debian:12@sha256:<digest> (docker buildx imagetools inspect debian:12)",
        'Dockerfile:2 error SS001 run-as-non-root (DL3002, CIS 4.1): the last USER is "root", so the container runs as root. Fix: switch to a non-root user before the image ends: `USER 10001:10001`',
      ].join("\n"),
    );
  });
});
