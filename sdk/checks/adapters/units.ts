/** Quantity parsing for adapters: Docker's `64m` sizes and Kubernetes CPU quantities. */
import { parseBytes } from "../../spec/units";

/** Docker size strings (`64m`, `1g`, `512k`, `1048576`, `64MiB`); undefined when unreadable. */
export function parseDockerSize(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(value.trim());
  if (!m) return undefined;
  const pow = { "": 0, k: 1, m: 2, g: 3, t: 4 }[m[2].toLowerCase() as "" | "k" | "m" | "g" | "t"];
  return Math.floor(Number(m[1]) * 1024 ** pow);
}

/** Kubernetes memory / storage quantity (`512Mi`, `1G`, bytes). */
export function parseQuantityBytes(value: unknown): number | undefined {
  if (typeof value === "string" && /^\d+(\.\d+)?[eE]\d+$/.test(value.trim())) return Math.floor(Number(value));
  return parseBytes(value);
}

/** Kubernetes CPU quantity (`500m` → 0.5, `2` → 2). */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(value.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 1000 : Number(m[1]);
}

/** Parse Docker tmpfs options (`size=64m,mode=1777,noexec`) for the size. */
export function tmpfsSize(options: unknown): number | undefined {
  if (typeof options !== "string") return undefined;
  for (const part of options.split(",")) {
    const [k, v] = part.split("=");
    if (k.trim() === "size" && v !== undefined) return parseDockerSize(v.trim());
  }
  return undefined;
}
