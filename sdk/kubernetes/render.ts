/**
 * `renderKubernetes`: the stack as multi-document YAML, for GitOps hand-off and review,
 * without a cluster. Secrets are references only: the pods mount `<service>-secrets`, and
 * a comment says which config key fills which file; no Secret object or value is written
 * (unlike `renderYamlToDirectory`, which writes Secret values in plaintext).
 */
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { SpecError, StackInput, StackSpec } from "../spec";
import { normalizeStack } from "./inputs";
import { KubernetesObjects, kubernetesObjects, objectList } from "./objects";
import type { KubernetesOptions } from "./options";

/** The YAML of already-built objects; every image must be a string by now. */
export function objectsToYaml(objs: KubernetesObjects): string {
  const docs: string[] = [];
  const header = [`Shipshape stack "${objs.stack}" in namespace "${objs.namespace}" (restricted Pod Security).`];
  for (const s of objs.services)
    if (s.secret) {
      const name = (s.secret.object.metadata as { name: string }).name;
      header.push(
        `Secret ${name} is not rendered (values never leave the Pulumi config store). Create it before the pods start, e.g.:`,
        `  kubectl -n ${objs.namespace} create secret generic ${name} ${s.secret.entries.map((e) => `--from-file=${e.key}=<file holding config ${e.configKey}>`).join(" ")}`,
      );
    }
  objectList(objs, { secrets: false }).forEach((o, i) => {
    const doc = new YAML.Document(o, { aliasDuplicateObjects: false });
    if (i === 0) doc.commentBefore = header.map((l) => ` ${l}`).join("\n");
    docs.push(doc.toString({ lineWidth: 0 }));
  });
  return docs.join("---\n");
}

/**
 * Render a stack as Kubernetes YAML. Images given as Pulumi Outputs (e.g. a SecureImage's
 * digest ref) are not known yet: use `renderKubernetesOutput` for those.
 */
export function renderKubernetes(stack: StackInput | StackSpec, opts: KubernetesOptions = {}): string {
  const spec = normalizeStack(stack);
  const unknown = spec.services.filter((s) => typeof s.image !== "string");
  if (unknown.length)
    throw new SpecError(
      `stack "${spec.name}" on Kubernetes`,
      unknown.map((s) => ({ path: `services.${s.name}.image`, message: "is a Pulumi Output, known only during a deployment; render with renderKubernetesOutput(...), which resolves it, or pass the image reference as a string." })),
    );
  return objectsToYaml(kubernetesObjects(spec, opts));
}

/** Like renderKubernetes, once every image Output has resolved. */
export function renderKubernetesOutput(stack: StackInput | StackSpec, opts: KubernetesOptions = {}): pulumi.Output<string> {
  const spec = normalizeStack(stack);
  return pulumi.all(spec.services.map((s) => pulumi.output(s.image))).apply((images) =>
    renderKubernetes({ ...spec, services: spec.services.map((s, i) => ({ ...s, image: images[i] })) }, opts),
  );
}
