import type { TeamStack } from "../types";
import { discordBot } from "./discord-bot";
import { documentConverter } from "./document-converter";
import { langchainService } from "./langchain-service";
import { n8n } from "./n8n";
import { paperflow } from "./paperflow";
import { photosChantier } from "./photos-chantier";
import { ragAnything } from "./rag-anything";
import { downto40 } from "./downto40";
import { supportDashboard } from "./support-dashboard";
import { telegramBot } from "./telegram-bot";
import { whisperx } from "./whisperx";
import { whisperxRedis } from "./whisperx-redis";
import { whisperxWorker } from "./whisperx-worker";

export const hostinger: TeamStack = {
  name: "hostinger",
  description: "The audited Hostinger server: RAG, transcription, document intake, automation, dashboards and bots.",
  services: [ragAnything, documentConverter, whisperx, whisperxWorker, whisperxRedis, paperflow, n8n, downto40, supportDashboard, discordBot, telegramBot, langchainService, photosChantier],
  // Pinned by tag for development; production (Pulumi.hostinger-prod.yaml) pins every image by digest.
  images: {
    "rag-anything": "ghcr.io/shipshape-teams/rag-anything:0.4.2",
    "document-converter": "gotenberg/gotenberg:8.11.1",
    whisperx: "ghcr.io/shipshape-teams/whisperx-api:3.1.5",
    "whisperx-redis": "redis:7.2.5-alpine",
    paperflow: "ghcr.io/shipshape-teams/paperflow:2.3.0",
    n8n: "n8nio/n8n:1.64.3",
    downto40: "ghcr.io/shipshape-teams/downto40:1.0.7",
    "support-dashboard": "ghcr.io/shipshape-teams/support-dashboard:0.9.1",
    "discord-bot": "ghcr.io/shipshape-teams/discord-bot:1.2.0",
    "telegram-bot": "ghcr.io/shipshape-teams/telegram-bot:1.1.4",
    "langchain-service": "ghcr.io/shipshape-teams/langchain-service:0.6.0",
    "photos-chantier": "ghcr.io/shipshape-teams/photos-chantier:1.5.2",
  },
};
