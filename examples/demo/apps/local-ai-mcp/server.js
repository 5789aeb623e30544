// A stand-in for the local-ai-mcp server: Node standard library only. It reads its shared
// secret from the file Shipshape mounts (MCP_SECRET_FILE), never from the environment.
"use strict";
const http = require("http");
const fs = require("fs");

const port = Number(process.env.PORT || 8080);
const secretFile = process.env.MCP_SECRET_FILE;
const secret = secretFile ? fs.readFileSync(secretFile, "utf8").trim() : "";

const server = http.createServer((req, res) => {
  if (req.url === "/health") return res.end("ok\n");
  if (req.url === "/mcp" && req.method === "POST") {
    if (!secret || req.headers.authorization !== `Bearer ${secret}`) {
      res.statusCode = 401;
      return res.end("unauthorized\n");
    }
    res.setHeader("content-type", "application/json");
    return res.end(JSON.stringify({ jsonrpc: "2.0", result: { tools: ["summarize", "embed"] }, id: 1 }) + "\n");
  }
  res.statusCode = 404;
  res.end("not found\n");
});
server.listen(port, "0.0.0.0", () => console.log(`local-ai-mcp listening on ${port}`));
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)));
