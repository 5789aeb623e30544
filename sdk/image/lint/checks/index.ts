import type { CheckContext } from "../hit";
import type { Model } from "../model";
import type { LintFinding } from "../types";
import { checkContext } from "./context";
import { checkFrom } from "./from";
import { checkInstructions } from "./instructions";
import { checkPackages } from "./packages";
import { checkRun } from "./run";
import { checkSecrets } from "./secrets";
import { checkUser } from "./user";

export type Check = (m: Model, ctx: CheckContext) => LintFinding[];

/** Every check the lint runs, in report order. */
export const CHECKS: readonly Check[] = [checkFrom, checkUser, checkSecrets, checkInstructions, checkRun, checkPackages, checkContext];
