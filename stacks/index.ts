/**
 * The root Pulumi program (Pulumi.yaml `main: stacks/`). Config (namespace `shipshape`):
 * - `stack`: the team stack, local-ai | hostinger | galway | erlmcp
 *   (default: the Pulumi stack name, or its part before "-<env>": hostinger-prod → hostinger);
 * - `target`: docker | kubernetes (default docker);
 * - `images`: service → image reference, over the stack's pinned defaults (production: by digest);
 * - `kubernetes`: { namespace, storageClassName, … } for the kubernetes target;
 * - the services' secrets, set with `pulumi config set --secret` (see stacks/README.md).
 */
import { readSettings } from "./config";
import { deploy } from "./deploy";

const settings = readSettings();
const deployment = deploy(settings);

export const teamStack = settings.team.name;
export const target = settings.target;
export const services = deployment.services.map((s) => s.name);
export const endpoints = deployment.endpoints;
