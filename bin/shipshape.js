#!/usr/bin/env node
// The `shipshape` package bin: runs the compiled CLI (sdk/cli/main.ts → dist/sdk/cli/main.js).
"use strict";
const fs = require("fs");
const path = require("path");

const main = path.join(__dirname, "..", "dist", "sdk", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write(`shipshape: the CLI is not built (${path.relative(process.cwd(), main) || main} is missing): run \`npm run build\` first.\n`);
  process.exit(2);
}
require(main)
  .run(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`shipshape: ${(err && err.stack) || err}\n`);
      process.exitCode = 2;
    },
  );
