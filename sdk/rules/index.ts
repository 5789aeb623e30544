export * from "./catalog";
export * from "./finding";
