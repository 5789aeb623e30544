// Three services deployed together: a web front end, an API and its Postgres database.
// DockerStack creates the internal network (no route out), an ingress network for the one
// published port, the retained database volume, and starts each service after the services
// it depends on are healthy. renderCompose prints the same stack as a compose file.
import { DockerStack, renderCompose, ServiceInput } from "../../sdk";

const db: ServiceInput = {
  name: "db",
  image: "postgres:16.4-bookworm@sha256:73b2dc9b0990c6804a7d9b6384807ea4ef33132d21aa5c03da86009be9a33b14",
  user: "10003:10003",
  env: { PGDATA: "/var/lib/postgresql/data/pgdata", POSTGRES_USER: "shop", POSTGRES_DB: "shop" },
  // The official image reads POSTGRES_PASSWORD_FILE.
  secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "POSTGRES_PASSWORD_FILE" }],
  ports: [5432],
  healthcheck: { cmd: ["pg_isready", "-U", "shop", "-d", "shop"], interval: "10s" },
  resources: { memory: "1Gi", cpus: 1, pids: 256 },
  volumes: [
    { kind: "data", name: "db-data", mountPath: "/var/lib/postgresql/data", size: "10Gi" },
    // The server's socket directory.
    { kind: "scratch", mountPath: "/var/run/postgresql", size: "1Mi" },
  ],
};

const api: ServiceInput = {
  name: "api",
  image: "ghcr.io/example/shop-api:3.2.0@sha256:cfef185c6efe3f0a8a979c4a09a1055e2b687ad9522246ed58f1fd1e8e7267af",
  user: "10002:10002",
  env: { DATABASE_HOST: "db", DATABASE_NAME: "shop", DATABASE_USER: "shop" },
  secrets: [{ name: "db_password", configKey: "dbPassword", fileEnv: "DATABASE_PASSWORD_FILE" }],
  ports: [8000],
  healthcheck: { http: { path: "/healthz", port: 8000 }, probe: "python" },
  resources: { memory: "512Mi", cpus: 1 },
  dependsOn: ["db"],
};

const web: ServiceInput = {
  name: "web",
  image: "ghcr.io/example/shop-web:3.2.0@sha256:8f8421d8b81ab107f0c12877c5c85d5fdc64e4a59c7581df5c0872e9f21caaff",
  user: "10001:10001",
  env: { API_URL: "http://api:8000" },
  ports: [{ container: 8080, published: 8080 }],
  healthcheck: { http: { path: "/", port: 8080 } },
  resources: { memory: "128Mi", cpus: 0.5, pids: 64 },
  // nginx writes its cache and pid file here.
  volumes: [{ kind: "scratch", mountPath: "/var/cache/nginx", size: "32Mi" }],
  dependsOn: ["api"],
};

const services = [web, api, db];
const shop = new DockerStack("shop", { services });

export const containers = Object.fromEntries(Object.entries(shop.services).map(([name, s]) => [name, s.container.name]));
/** The same stack as compose-spec YAML (secrets as files under ./secrets, never values). */
export const composeYaml = renderCompose({ name: "shop", services });
