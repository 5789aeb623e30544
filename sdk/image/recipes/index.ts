export { dockerignoreFor } from "./dockerignore";
export { nodeRecipe } from "./node";
export type { NodeRecipeOptions } from "./node";
export { pythonRecipe } from "./python";
export type { PythonRecipeOptions } from "./python";
export { staticRecipe } from "./static";
export type { StaticRecipeOptions } from "./static";
export { DEFAULT_BASE_IMAGE } from "./types";
export type { Recipe, RecipeCommon } from "./types";
