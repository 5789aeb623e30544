/**
 * One CrossGuard policy per runtime rule of the catalog (RULES.md), over raw
 * `@pulumi/docker`, `@pulumi/docker-build` and `@pulumi/kubernetes` resources — whoever
 * wrote them, Shipshape's components or not. No side effects: importing this module never
 * constructs a PolicyPack.
 */
import { rulePolicy } from "../rule-policy";
import { CONTAINER, IMAGES, NETWORK, RUNTIME, SERVICE, VOLUME, WORKLOADS } from "./resource-classes";

/** SS001 · CIS 4.1 · PSS restricted runAsNonRoot · DL3002 */
export const runAsNonRoot = rulePolicy("SS001", RUNTIME);
/** SS002 · CIS 4.1 · PSS restricted runAsUser · DL3066 (config: minimumUid) */
export const numericHighUid = rulePolicy("SS002", RUNTIME);
/** SS003 · CIS 5.5 · PSS baseline privileged */
export const noPrivileged = rulePolicy("SS003", RUNTIME);
/** SS004 · CIS 5.26 · PSS restricted allowPrivilegeEscalation */
export const noPrivilegeEscalation = rulePolicy("SS004", RUNTIME);
/** SS005 · CIS 5.4 · PSS restricted capabilities */
export const dropAllCapabilities = rulePolicy("SS005", RUNTIME);
/** SS006 · CIS 5.4 (config: allowedCapabilities) */
export const onlySafeCapabilities = rulePolicy("SS006", RUNTIME);
/** SS007 · CIS 5.22 · PSS seccompProfile */
export const seccompNotUnconfined = rulePolicy("SS007", RUNTIME);
/** SS008 · CIS 5.2 · PSS baseline appArmorProfile */
export const apparmorNotUnconfined = rulePolicy("SS008", RUNTIME);
/** SS009 · CIS 5.3 · PSS baseline seLinuxOptions */
export const selinuxNotDisabled = rulePolicy("SS009", RUNTIME);
/** SS010 · PSS baseline procMount */
export const defaultProcMount = rulePolicy("SS010", RUNTIME);
/** SS011 · CIS 5.13 */
export const readOnlyRootFilesystem = rulePolicy("SS011", RUNTIME);
/** SS012 · CIS 5.13 · PSS restricted volume types */
export const boundedWritablePaths = rulePolicy("SS012", RUNTIME);
/** SS013 · CIS 5.10 · PSS baseline hostNamespaces (also host-driver networks) */
export const noHostNetwork = rulePolicy("SS013", [...RUNTIME, ...NETWORK]);
/** SS014 · CIS 5.16 */
export const noHostPid = rulePolicy("SS014", RUNTIME);
/** SS015 · CIS 5.17 */
export const noHostIpc = rulePolicy("SS015", RUNTIME);
/** SS016 · CIS 5.21 */
export const noHostUts = rulePolicy("SS016", CONTAINER);
/** SS017 · CIS 5.31 */
export const noHostUserns = rulePolicy("SS017", RUNTIME);
/** SS018 · CIS 5.6 · PSS baseline hostPath · DKL-DI-0002 (also bind-backed volumes) */
export const noSensitiveHostMounts = rulePolicy("SS018", [...RUNTIME, ...VOLUME]);
/** SS019 · CIS 5.32 */
export const noDockerSocket = rulePolicy("SS019", [...RUNTIME, ...VOLUME]);
/** SS020 · CIS 5.20 */
export const readOnlyMounts = rulePolicy("SS020", RUNTIME);
/** SS021 · CIS 5.18 */
export const noHostDevices = rulePolicy("SS021", CONTAINER);
/** SS022 · PSS baseline sysctls */
export const safeSysctls = rulePolicy("SS022", RUNTIME);
/** SS023 · CIS 5.25 */
export const noCgroupOverride = rulePolicy("SS023", CONTAINER);
/** SS024 · CIS 5.14 (also Kubernetes Services: NodePort / LoadBalancer / externalIPs need a reason) */
export const portsBoundToInterface = rulePolicy("SS024", [...CONTAINER, ...SERVICE]);
/** SS025 · CIS 5.8 · PSS baseline hostPorts */
export const noPrivilegedHostPorts = rulePolicy("SS025", RUNTIME);
/** SS026 · CIS 5.7, 5.9 · DL3001 */
export const onlyNeededPorts = rulePolicy("SS026", RUNTIME);
/** SS027 · CIS 5.30 (containers on the default bridge; networks that are not internal) */
export const internalNetwork = rulePolicy("SS027", [...CONTAINER, ...NETWORK]);
/** SS028 · CIS 5.11 */
export const memoryLimit = rulePolicy("SS028", RUNTIME);
/** SS029 · CIS 5.12 */
export const cpuLimit = rulePolicy("SS029", RUNTIME);
/** SS030 · CIS 5.29 (@pulumi/docker has no pidsLimit: the nproc ulimit counts) */
export const pidsLimit = rulePolicy("SS030", CONTAINER);
/** SS031 */
export const boundedEphemeralStorage = rulePolicy("SS031", RUNTIME);
/** SS032 · CIS 4.6, 5.27 · DL3057 */
export const healthcheck = rulePolicy("SS032", RUNTIME);
/** SS033 · CIS 5.15 */
export const boundedRestart = rulePolicy("SS033", CONTAINER);
/** SS034 (Kubernetes workloads with replicas) */
export const availability = rulePolicy("SS034", WORKLOADS);
/** SS035 · CIS 4.2, 5.28 · DL3006, DL3007 (config: requireDigest) */
export const pinnedImage = rulePolicy("SS035", [...RUNTIME, ...IMAGES]);
/** SS036 · CIS 4.2, 4.5, 4.12 · DL3026 (config: allowedRegistries; signatures are checked at admission) */
export const trustedSignedImage = rulePolicy("SS036", [...RUNTIME, ...IMAGES]);
/** SS037 · CIS 4.10 · DL3064 (env of containers, build args of images) */
export const noSecretsInEnvOrLayers = rulePolicy("SS037", [...RUNTIME, ...IMAGES]);
/** SS038 */
export const noServiceAccountToken = rulePolicy("SS038", WORKLOADS);
/** SS040 · CIS 4.8, 4.9 (containers run an init) */
export const buildHygiene = rulePolicy("SS040", CONTAINER);

/** Every resource policy, in rule order. */
export const resourcePolicies = [
  runAsNonRoot, numericHighUid, noPrivileged, noPrivilegeEscalation, dropAllCapabilities, onlySafeCapabilities,
  seccompNotUnconfined, apparmorNotUnconfined, selinuxNotDisabled, defaultProcMount, readOnlyRootFilesystem,
  boundedWritablePaths, noHostNetwork, noHostPid, noHostIpc, noHostUts, noHostUserns, noSensitiveHostMounts,
  noDockerSocket, readOnlyMounts, noHostDevices, safeSysctls, noCgroupOverride, portsBoundToInterface,
  noPrivilegedHostPorts, onlyNeededPorts, internalNetwork, memoryLimit, cpuLimit, pidsLimit, boundedEphemeralStorage,
  healthcheck, boundedRestart, availability, pinnedImage, trustedSignedImage, noSecretsInEnvOrLayers,
  noServiceAccountToken, buildHygiene,
];
