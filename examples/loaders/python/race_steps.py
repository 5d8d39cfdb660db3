"""Step events for a loader under redis-race-chaos (docs/your-loader.md, "Step events").

steps = Steps(); steps("rows-read", chunk, rows=20) reports a step and waits for the harness's
"go". Without REDIS_RACE_CONTROL in the environment every call does nothing.
"""
import os
import socket
import sys


class Steps:
    def __init__(self):
        self.f = None
        address = os.environ.get("REDIS_RACE_CONTROL")
        if address:
            host, port = address.rsplit(":", 1)
            self.f = socket.create_connection((host, int(port))).makefile("rw", encoding="utf-8", newline="\n")
            self._send("hello %s %d" % (os.environ["REDIS_RACE_LOADER_ID"], os.getpid()))

    def _send(self, line):
        try:
            self.f.write(line + "\n")
            self.f.flush()
            if self.f.readline().strip() == "go":
                return
        except OSError:
            pass
        sys.stderr.write("loader: the harness closed the control channel; stopping.\n")
        os._exit(4)

    def __call__(self, step, chunk=-1, **fields):
        if self.f:
            words = ["%s=%s" % (k, str(v).lower() if isinstance(v, bool) else v) for k, v in fields.items()]
            self._send(" ".join(["step", step, str(chunk)] + words))
