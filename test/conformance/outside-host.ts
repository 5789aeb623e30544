/**
 * A stand-in for "the internet": a network namespace of our own on this machine, reached from
 * the host through a veth pair and routed like any outside address. A container can only
 * reach it if its network forwards traffic off the host, which is what an internal network
 * must never do. All traffic stays on this machine.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";

export interface OutsideHost {
  readonly address: string;
  readonly port: number;
  close(): void;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "pipe", "pipe"] });

export async function startOutsideHost(tag = `${process.pid % 10000}`): Promise<OutsideHost> {
  const ns = `ss-out-${tag}`;
  const hostIf = `ssv${tag}a`;
  const nsIf = `ssv${tag}b`;
  const subnet = `10.231.${Number(tag) % 250}`;
  const cleanup = () => {
    try {
      ip("netns", "del", ns);
    } catch {
      /* already gone */
    }
    try {
      ip("link", "del", hostIf);
    } catch {
      /* removed with the namespace */
    }
  };
  cleanup();
  ip("netns", "add", ns);
  ip("link", "add", hostIf, "type", "veth", "peer", "name", nsIf);
  ip("link", "set", nsIf, "netns", ns);
  ip("addr", "add", `${subnet}.1/24`, "dev", hostIf);
  ip("link", "set", hostIf, "up");
  ip("netns", "exec", ns, "ip", "addr", "add", `${subnet}.2/24`, "dev", nsIf);
  ip("netns", "exec", ns, "ip", "link", "set", nsIf, "up");
  ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
  ip("netns", "exec", ns, "ip", "route", "add", "default", "via", `${subnet}.1`);
  const port = 18099;
  const server: ChildProcess = spawn("ip", ["netns", "exec", ns, process.execPath, "-e", `require("net").createServer(s => s.end("reached\\n")).listen(${port}, "0.0.0.0", () => console.log("listening"))`], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("outside host did not start")), 10_000);
    server.stdout!.on("data", (b) => {
      if (String(b).includes("listening")) {
        clearTimeout(t);
        resolve();
      }
    });
    server.on("exit", (code) => reject(new Error(`outside host exited (${code})`)));
  });
  return {
    address: `${subnet}.2`,
    port,
    close() {
      server.kill("SIGKILL");
      cleanup();
    },
  };
}
