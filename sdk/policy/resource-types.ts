/** Pulumi type tokens the pack checks (as CrossGuard reports them in `args.type`). */
export const TYPES = {
  container: "docker:index/container:Container",
  dockerImage: "docker:index/image:Image",
  remoteImage: "docker:index/remoteImage:RemoteImage",
  network: "docker:index/network:Network",
  volume: "docker:index/volume:Volume",
  buildImage: "docker-build:index:Image",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  replicaSet: "kubernetes:apps/v1:ReplicaSet",
  pod: "kubernetes:core/v1:Pod",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  service: "kubernetes:core/v1:Service",
} as const;

export const KUBERNETES_WORKLOADS: readonly string[] = [TYPES.deployment, TYPES.statefulSet, TYPES.daemonSet, TYPES.replicaSet, TYPES.pod, TYPES.job, TYPES.cronJob];
