// A tiny HTTP service: GET /healthz for the healthcheck, GET / for a greeting.
const http = require("node:http");

const port = Number(process.env.PORT ?? 8080);
http
  .createServer((req, res) => {
    if (req.url === "/healthz") return res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ hello: "world" }) + "\n");
  })
  .listen(port, "0.0.0.0", () => console.log(`listening on ${port}`));
