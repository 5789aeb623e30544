/**
 * Test helpers for teams: run a stack program under Pulumi mocks, evaluate the policy pack
 * in-process, and assert. Jest matchers live in ./matchers (import it for its side effect).
 */
export * from "./check-program";
export * from "./containers";
export * from "./evaluate";
export * from "./run-program";
