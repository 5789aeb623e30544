/**
 * The input schema of a service, in zod. Structure and ranges live here; rules that look at
 * several fields at once (relaxations, secrets in env, mount conflicts) live in normalize.ts.
 * Every object is strict, so a misspelt field is an error that suggests the right name.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MIN_REASON_LENGTH } from "./defaults";

export const RELAXATIONS = {
  rootUser: "SS001",
  lowUid: "SS002",
  addedCapabilities: "SS006",
  writableRootFilesystem: "SS011",
  writableBindMounts: "SS020",
  publicPorts: "SS024",
  privilegedPorts: "SS025",
  egress: "SS027",
  unboundedResources: "SS028",
  noHealthcheck: "SS032",
  unboundedRestart: "SS033",
  unpinnedImage: "SS035",
} as const;
export type RelaxationKey = keyof typeof RELAXATIONS;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const reason = z
  .string({ error: "a relaxation takes a reason: a sentence a reviewer can judge" })
  .trim()
  .min(MIN_REASON_LENGTH, { error: `the reason is too short; say why this service needs it (${MIN_REASON_LENGTH} characters or more)` });

const dnsName = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(63, { error: `${what} is longer than 63 characters; shorten it` })
    .regex(DNS_LABEL, { error: `${what} must be lower-case letters, digits and '-' (a DNS label), e.g. "model-api"` });

const absPath = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .refine((p) => p.startsWith("/"), { error: `${what} must be an absolute path starting with "/", e.g. "/data"` })
    .refine((p) => !p.split("/").includes(".."), { error: `${what} must not contain ".."; give the resolved path` });

const port = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number` })
    .min(1, { error: `${what} must be between 1 and 65535` })
    .max(65535, { error: `${what} must be between 1 and 65535` });

const quantity = z.union([z.number(), z.string()], { error: 'expected a size such as "512Mi" or a number of bytes' });
const duration = z.union([z.number(), z.string()], { error: 'expected a duration such as "30s" or a number of seconds' });

/** An image reference known now (a string) or later (a Pulumi Output, e.g. a SecureImage's digest ref). */
export const outputOfString = z.custom<pulumi.Output<string>>((v) => pulumi.Output.isInstance(v), {
  error: "expected an image reference string or a Pulumi Output<string>",
});
const imageSchema = z.union([z.string().min(1, { error: "image must not be empty" }), outputOfString, z.looseObject({ ref: z.union([z.string(), outputOfString]) })], {
  error: 'image must be a reference such as "registry.example.com/team/api:1.4.2@sha256:…", a Pulumi Output<string>, or an object with a `ref` (a SecureImage)',
});

const probe = z.union([z.enum(["wget", "curl", "node", "python", "nc", "busybox"]), z.array(z.string().min(1)).min(1)], {
  error: 'probe must be one of "wget", "curl", "node", "python", "nc", "busybox" or an argv prefix such as ["/app/probe"]',
});

export const healthcheckSchema = z.strictObject({
  cmd: z.array(z.string().min(1, { error: "healthcheck commands must not contain empty arguments" })).min(1, { error: "healthcheck.cmd is empty; give a command such as [\"/app/healthcheck\"]" }).optional(),
  http: z.strictObject({ path: z.string().regex(/^\//, { error: 'the HTTP path must start with "/", e.g. "/health"' }).default("/health"), port: port("healthcheck port"), scheme: z.enum(["http", "https"]).default("http") }).optional(),
  tcp: z.strictObject({ port: port("healthcheck port") }).optional(),
  probe: probe.optional(),
  interval: duration.optional(),
  timeout: duration.optional(),
  retries: z.number().int().min(1, { error: "retries must be at least 1" }).max(20, { error: "retries above 20 hide a broken service; use 20 or fewer" }).optional(),
  startPeriod: duration.optional(),
});

const portSchema = z.union([
  port("port"),
  z.strictObject({
    name: dnsName("port name").optional(),
    container: port("container port"),
    published: port("published port").optional(),
    hostIp: z.ipv4({ error: 'hostIp must be an IPv4 address such as "127.0.0.1"' }).or(z.ipv6()).optional(),
    protocol: z.enum(["tcp", "udp"], { error: 'protocol must be "tcp" or "udp"' }).default("tcp"),
  }),
]);

const secretSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'a secret name is letters, digits, ".", "_" or "-", e.g. "mcp_secret"' }),
  /** Pulumi config key holding the secret; defaults to the secret name. */
  configKey: z.string().min(1).optional(),
  /** Name of an env var that receives the secret's *file path* (the `_FILE` convention). */
  fileEnv: z.string().regex(ENV_NAME, { error: "fileEnv must be an environment variable name such as MCP_SECRET_FILE" }).optional(),
  mode: z.number().int().min(0).max(0o777).optional(),
});

const volumeSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("models"), name: dnsName("volume name"), mountPath: absPath("mountPath"), size: quantity.optional() }),
    z.strictObject({
      kind: z.literal("data"),
      name: dnsName("volume name"),
      mountPath: absPath("mountPath"),
      size: quantity.optional(),
      readOnly: z.boolean().optional(),
      deleteOnDestroy: z.boolean().optional(),
    }),
    z.strictObject({ kind: z.literal("scratch"), mountPath: absPath("mountPath"), size: quantity.optional(), exec: z.boolean().optional() }),
    z.strictObject({ kind: z.literal("bind"), hostPath: absPath("hostPath"), mountPath: absPath("mountPath"), readOnly: z.boolean().optional() }),
  ],
  { error: 'volume kind must be "models", "data", "scratch" or "bind"' },
);

const resourcesSchema = z.strictObject({
  memory: z.union([quantity, z.literal("unlimited")]).optional(),
  cpus: z.union([z.number({ error: "cpus must be a number such as 0.5" }), z.literal("unlimited")]).optional(),
  pids: z.union([z.number({ error: "pids must be a number such as 256" }).int({ error: "pids must be a whole number" }), z.literal("unlimited")]).optional(),
  ephemeralStorage: quantity.optional(),
  requests: z.strictObject({ memory: quantity.optional(), cpus: z.number().optional() }).optional(),
});

const restartSchema = z.union([
  z.enum(["no", "on-failure", "unless-stopped", "always"], { error: 'restart must be "on-failure", "no", "unless-stopped" or "always"' }),
  z.strictObject({ policy: z.literal("on-failure"), maxRetries: z.number().int().min(1, { error: "maxRetries must be at least 1" }).max(100, { error: "maxRetries above 100 is a crash loop; use 100 or fewer" }) }),
]);

const gpuSchema = z.strictObject({
  count: z.union([z.number().int().min(1, { error: "gpus.count must be at least 1" }).max(16, { error: "gpus.count above 16 is not a real host; use 16 or fewer" }), z.literal("all")]),
  driver: z.string().min(1).default("nvidia"),
  capabilities: z.array(z.string().min(1)).min(1).default(["gpu"]),
  resourceName: z.string().min(1).optional(),
});

const relaxSchema = z.strictObject(
  Object.fromEntries(Object.keys(RELAXATIONS).map((k) => [k, reason.optional()])) as Record<RelaxationKey, z.ZodOptional<typeof reason>>,
);

export const serviceSchema = z.strictObject({
  name: dnsName("name"),
  image: imageSchema,
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  workdir: absPath("workdir").optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: "env takes plain strings, numbers or booleans; put secret values in `secrets`" })).optional(),
  secrets: z.array(secretSchema).optional(),
  ports: z.array(portSchema).optional(),
  healthcheck: healthcheckSchema.optional(),
  resources: resourcesSchema.optional(),
  volumes: z.array(volumeSchema).optional(),
  user: z.union([z.string(), z.strictObject({ uid: z.number().int(), gid: z.number().int() })]).optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  capAdd: z.array(z.string()).optional(),
  init: z.boolean().optional(),
  restart: restartSchema.optional(),
  logging: z.strictObject({ maxSize: quantity.optional(), maxFiles: z.number().int().min(1).max(100).optional() }).optional(),
  gpus: gpuSchema.optional(),
  labels: z.record(z.string(), z.string({ error: "label values must be strings" })).optional(),
  networks: z.array(dnsName("network name")).optional(),
  dependsOn: z.array(dnsName("dependsOn entry")).optional(),
  replicas: z.number().int().min(1, { error: "replicas must be at least 1" }).max(100, { error: "replicas above 100 on one spec is almost surely a typo; use 100 or fewer" }).optional(),
  relax: relaxSchema.optional(),
  /** Escape hatches: raw provider args merged last (user wins); the policy pack still checks the result. */
  raw: z
    .strictObject({
      docker: z.record(z.string(), z.unknown()).optional(),
      compose: z.record(z.string(), z.unknown()).optional(),
      kubernetes: z.strictObject({ container: z.record(z.string(), z.unknown()).optional(), pod: z.record(z.string(), z.unknown()).optional() }).optional(),
    })
    .optional(),
});

export type ServiceInput = z.input<typeof serviceSchema>;
export type ParsedService = z.output<typeof serviceSchema>;
export type VolumeInput = z.input<typeof volumeSchema>;
