/** The package version, read once from package.json (works from sdk/ and from dist/sdk/). */
import * as fs from "fs";
import * as path from "path";

function findVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const p = path.join(dir, "package.json");
    if (fs.existsSync(p)) {
      const pkg = JSON.parse(fs.readFileSync(p, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "shipshape" && pkg.version) return pkg.version;
    }
  }
  return "0.0.0";
}

export const VERSION = findVersion();
