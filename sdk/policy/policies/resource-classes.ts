/** The resource classes policies apply to, grouped the way the rules need them. */
import * as docker from "@pulumi/docker";
import * as dockerBuild from "@pulumi/docker-build";
import * as k8s from "@pulumi/kubernetes";
import type { ResourceClass } from "../rule-policy";

export const CONTAINER: ResourceClass[] = [docker.Container];
export const WORKLOADS: ResourceClass[] = [k8s.apps.v1.Deployment, k8s.apps.v1.StatefulSet, k8s.apps.v1.DaemonSet, k8s.apps.v1.ReplicaSet, k8s.core.v1.Pod, k8s.batch.v1.Job, k8s.batch.v1.CronJob];
export const RUNTIME: ResourceClass[] = [...CONTAINER, ...WORKLOADS];
export const IMAGES: ResourceClass[] = [docker.Image, docker.RemoteImage, dockerBuild.Image];
export const NETWORK: ResourceClass[] = [docker.Network];
export const VOLUME: ResourceClass[] = [docker.Volume];
export const SERVICE: ResourceClass[] = [k8s.core.v1.Service];
