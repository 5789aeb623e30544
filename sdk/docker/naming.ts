/** Engine object names. Fixed names make a stack's objects findable by people and tools. */

export const LABEL_PREFIX = "shipshape.dev";

/** `<stack>-<part>`, e.g. `hostinger-whisperx`. */
export function engineName(stack: string, ...parts: (string | number)[]): string {
  return [stack, ...parts].join("-");
}

/** Labels every engine object of a stack carries, so `shipshape audit` can group them. */
export function baseLabels(stack: string, service?: string): Record<string, string> {
  return {
    [`${LABEL_PREFIX}/managed-by`]: "shipshape",
    [`${LABEL_PREFIX}/stack`]: stack,
    ...(service ? { [`${LABEL_PREFIX}/service`]: service } : {}),
  };
}

/** `{a: "b"}` → `[{label: "a", value: "b"}]`, sorted so diffs stay stable. */
export function labelList(labels: Record<string, string>): { label: string; value: string }[] {
  return Object.keys(labels)
    .sort()
    .map((label) => ({ label, value: labels[label] }));
}
