/** The Discord bot: answers in the team server through langchain-service. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { HEARTBEAT } from "./bot-heartbeat";

export function discordBot(ctx: ServiceContext): ServiceInput {
  return {
    name: "discord-bot",
    image: imageOf(ctx, "discord-bot"),
    user: "10010:10010",
    env: { HEARTBEAT_FILE: "/tmp/heartbeat", LANGCHAIN_URL: "http://langchain-service:8000" },
    secrets: [{ name: "discord_token", configKey: "discordBotToken", fileEnv: "DISCORD_TOKEN_FILE" }],
    healthcheck: HEARTBEAT,
    resources: { memory: "256Mi", cpus: 0.25, pids: 64, requests: { memory: "128Mi", cpus: 0.05 } },
    dependsOn: ["langchain-service"],
    relax: { egress: "holds the Discord gateway websocket and calls the Discord REST API (discord.com:443)" },
  };
}
