import type { Policies } from "@pulumi/policy";
import type { PolicySettings } from "../policy/config";
import { allPolicies } from "../policy/policies";
import { evaluatePolicies, PolicyReport } from "./evaluate";
import { RunOptions, runProgramUnderMocks } from "./run-program";

export interface CheckProgramOptions extends RunOptions {
  readonly policies?: Policies;
  readonly settings?: PolicySettings;
}

/** Run a stack program under mocks and evaluate the policy pack over it: one call per test. */
export async function checkProgram(program: () => unknown, opts: CheckProgramOptions = {}): Promise<PolicyReport> {
  const run = await runProgramUnderMocks(program, opts);
  return evaluatePolicies(run, opts.policies ?? allPolicies, opts.settings);
}
