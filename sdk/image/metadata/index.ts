export { readGitInfo, readPackageInfo } from "./git";
export type { GitInfo, PackageInfo } from "./git";
export { normalizeGitUrl, ociLabels } from "./labels";
export type { BuildMetadata } from "./labels";
export { imageTags } from "./tags";
export type { TagOptions } from "./tags";
