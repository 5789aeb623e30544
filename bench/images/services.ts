import * as path from "node:path";
import { repoRoot } from "./paths";
import { nodeRecipe, pythonRecipe, Recipe } from "../../sdk/image/recipes";

/** A sample service of the benchmark: its source, the naive Dockerfile and the recipe. */
export interface BenchService {
  readonly name: "python" | "node";
  readonly dir: string;
  readonly naiveDockerfile: string;
  readonly recipe: (cacheId: string) => Recipe;
  /** The one-line source change for the rebuild measurement. */
  readonly edit: { readonly file: string; readonly from: string; readonly to: string };
  /** Command that runs the service (for the floor trace) and the port it serves. */
  readonly command: readonly string[];
  readonly port: number;
  /** Requests that exercise the service while its file accesses are traced. */
  readonly exercise: readonly { readonly method: "GET" | "POST"; readonly path: string; readonly body?: string }[];
}

const ROOT = repoRoot();
const FIXTURES = path.join(ROOT, "test/fixtures/bench");
export const BASE_IMAGE = process.env.SHIPSHAPE_BASE_IMAGE ?? "shipshape/debian:bookworm";

export const SERVICES: readonly BenchService[] = [
  {
    name: "python",
    dir: path.join(FIXTURES, "python-svc"),
    naiveDockerfile: "Dockerfile.naive",
    recipe: (cacheId) => pythonRecipe({ name: "notes", baseImage: BASE_IMAGE, command: ["python", "app.py"], requirements: "requirements.txt", source: ["app.py"], cacheId }),
    edit: { file: "app.py", from: 'VERSION = "1.0.0"', to: 'VERSION = "1.0.1"' },
    command: ["python", "app.py"],
    port: 8080,
    exercise: [
      { method: "GET", path: "/healthz" },
      { method: "POST", path: "/notes", body: '{"text":"hello"}' },
      { method: "GET", path: "/notes" },
      { method: "GET", path: "/missing" },
    ],
  },
  {
    name: "node",
    dir: path.join(FIXTURES, "node-svc"),
    naiveDockerfile: "Dockerfile.naive",
    recipe: (cacheId) => nodeRecipe({ name: "counters", baseImage: BASE_IMAGE, command: ["node", "server.js"], source: ["server.js"], cacheId }),
    edit: { file: "server.js", from: 'const VERSION = "1.0.0";', to: 'const VERSION = "1.0.1";' },
    command: ["node", "server.js"],
    port: 8080,
    exercise: [
      { method: "GET", path: "/healthz" },
      { method: "POST", path: "/counters/a" },
      { method: "GET", path: "/counters/a" },
      { method: "GET", path: "/missing" },
    ],
  },
];
