export * from "./from-compose";
export * from "./from-image";
export * from "./from-inspect";
export * from "./security-opt";
