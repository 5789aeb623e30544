"""A small notes API (Python standard library only): notes live on the data volume at /data."""
import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATA = os.environ.get("DATA_DIR", "/data")
PORT = int(os.environ.get("PORT", "8000"))


class Handler(BaseHTTPRequestHandler):
    def _send(self, code, body, kind="application/json"):
        data = body.encode()
        self.send_response(code)
        self.send_header("content-type", kind)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/health":
            return self._send(200, "ok\n", "text/plain")
        if self.path == "/notes":
            try:
                with open(os.path.join(DATA, "notes.json")) as f:
                    return self._send(200, f.read())
            except FileNotFoundError:
                return self._send(200, "[]")
        self._send(404, '{"error": "not found"}')

    def do_POST(self):
        if self.path != "/notes":
            return self._send(404, '{"error": "not found"}')
        body = self.rfile.read(int(self.headers.get("content-length", "0")) or 0).decode()
        path = os.path.join(DATA, "notes.json")
        try:
            with open(path) as f:
                notes = json.load(f)
        except FileNotFoundError:
            notes = []
        notes.append(body)
        with open(path + ".tmp", "w") as f:
            json.dump(notes, f)
        os.replace(path + ".tmp", path)
        self._send(201, json.dumps({"count": len(notes)}))

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("0.0.0.0", PORT), Handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"notes-api listening on {PORT}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
