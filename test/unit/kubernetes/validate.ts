/**
 * Schema validation of rendered objects with kubernetes-models (the Kubernetes OpenAPI
 * schemas compiled to validators), so a wrong type or a missing required field fails a test.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

type Validatable = { validate(): void };
type ModelClass = new (data: unknown) => Validatable;

/** Validate one object by its apiVersion and kind; throws with a JSON-pointer message. */
export function validateObject(obj: unknown): void {
  const o = obj as { apiVersion?: string; kind?: string };
  if (!o.apiVersion || !o.kind) throw new Error(`object without apiVersion/kind: ${JSON.stringify(obj).slice(0, 200)}`);
  // kubernetes-models lays out one module per kind: v1/Service, apps/v1/Deployment, networking.k8s.io/v1/NetworkPolicy …
  const mod = require(`kubernetes-models/${o.apiVersion}/${o.kind}`) as Record<string, ModelClass>;
  const Model = mod[o.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${o.apiVersion} ${o.kind}`);
  new Model(JSON.parse(JSON.stringify(obj))).validate();
}

/** Validate every object; returns the failures (kind/name: message) instead of stopping at the first. */
export function validationErrors(objs: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const obj of objs) {
    try {
      validateObject(obj);
    } catch (e) {
      const o = obj as { kind?: string; metadata?: { name?: string } };
      out.push(`${o.kind}/${o.metadata?.name}: ${(e as Error).message}`);
    }
  }
  return out;
}
