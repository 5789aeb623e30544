/** Two projects: fast tests (pure functions and components under Pulumi mocks) and
 * conformance tests that drive a real Docker engine. `npm test` runs both. */
// Type checking is `tsc --noEmit` in npm test; ts-jest only transpiles (tsconfig isolatedModules).
const tsJest = ["ts-jest", { diagnostics: false }];
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  transform: { "^.+\\.ts$": tsJest },
  moduleFileExtensions: ["ts", "js", "json"],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/sdk/**/*.test.ts", "<rootDir>/test/unit/**/*.test.ts", "<rootDir>/test/policy/**/*.test.ts", "<rootDir>/stacks/**/*.test.ts", "<rootDir>/examples/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "conformance",
      testMatch: ["<rootDir>/test/conformance/**/*.test.ts"],
      // Real engine work is slow; scripts/test.sh runs this project with --runInBand.
      setupFilesAfterEnv: ["<rootDir>/test/conformance/setup.ts"],
    },
  ],
};
