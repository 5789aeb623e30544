/**
 * The chat bots: no ports (they connect out), so the healthcheck is a command that checks the
 * bot's heartbeat file, touched on every gateway heartbeat / long-poll round trip.
 */
import type { ServiceInput } from "../../sdk/spec";

/** Healthy when /tmp/heartbeat was touched in the last two minutes. */
export const HEARTBEAT: NonNullable<ServiceInput["healthcheck"]> = {
  cmd: ["python3", "-c", "import os,sys,time;sys.exit(0 if time.time()-os.path.getmtime('/tmp/heartbeat')<120 else 1)"],
  interval: "30s",
  startPeriod: "30s",
};
