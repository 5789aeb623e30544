/** The Telegram bot: answers chats through langchain-service. */
import type { ServiceInput } from "../../sdk/spec";
import { imageOf, ServiceContext } from "../types";
import { HEARTBEAT } from "./bot-heartbeat";

export function telegramBot(ctx: ServiceContext): ServiceInput {
  return {
    name: "telegram-bot",
    image: imageOf(ctx, "telegram-bot"),
    user: "10011:10011",
    env: { HEARTBEAT_FILE: "/tmp/heartbeat", LANGCHAIN_URL: "http://langchain-service:8000" },
    secrets: [{ name: "telegram_bot_token", configKey: "telegramBotToken", fileEnv: "TELEGRAM_BOT_TOKEN_FILE" }],
    healthcheck: HEARTBEAT,
    resources: { memory: "256Mi", cpus: 0.25, pids: 64, requests: { memory: "128Mi", cpus: 0.05 } },
    dependsOn: ["langchain-service"],
    relax: { egress: "long-polls the Telegram Bot API (api.telegram.org:443) for updates" },
  };
}
