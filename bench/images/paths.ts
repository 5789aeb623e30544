import * as fs from "node:fs";
import * as path from "node:path";

const isRoot = (d: string) => fs.existsSync(path.join(d, "package.json")) && fs.existsSync(path.join(d, "sdk"));

/** The repository root: the nearest parent with package.json and sdk/, from this file or else the working directory. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let d = start; ; d = path.dirname(d)) {
      if (isRoot(d)) return d;
      if (path.dirname(d) === d) break;
    }
  }
  throw new Error(`cannot find the repository root (package.json + sdk/) above ${__dirname} or ${process.cwd()}`);
}
