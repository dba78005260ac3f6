"""A small WebSocket client (RFC 6455) on the standard library, for the chat tests.

It speaks exactly what a browser would (masked frames, fragmented messages reassembled, pings
answered) and can also send what a browser would not (binary, oversized and garbage frames),
so the tests can check the server's close codes.

    ws = WebSocket(port, "/api/v1/chat/visitor?key=wk_…", origin="https://shop.example.in")
    ws.status        # 101, or the HTTP status of a refused upgrade (ws.body holds its body)
    ws.send({"type": "hello"})
    frame = ws.recv()            # a dict; raises Closed(code, reason) when the server closed
    frame = ws.expect("event", kind="message")   # skips other frames (kept in ws.skipped)
"""

import base64
import hashlib
import json
import os
import socket
import struct
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class Closed(Exception):
    def __init__(self, code, reason=""):
        super().__init__("closed %s %s" % (code, reason))
        self.code = code
        self.reason = reason


class WebSocket:
    def __init__(self, port, path, origin=None, headers=None, timeout=10.0, rcvbuf=None):
        """`rcvbuf`: a small receive buffer makes a client that stops reading slow at once."""
        self.port = port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(timeout)
        self.sock.connect(("127.0.0.1", port))
        self.timeout = timeout
        self.buf = b""
        self.closed = None
        self.skipped = []
        key = base64.b64encode(os.urandom(16)).decode()
        lines = ["GET %s HTTP/1.1" % path, "Host: 127.0.0.1:%d" % port, "Upgrade: websocket",
                 "Connection: Upgrade", "Sec-WebSocket-Key: " + key,
                 "Sec-WebSocket-Version: 13"]
        if origin:
            lines.append("Origin: " + origin)
        for k, v in (headers or {}).items():
            lines.append("%s: %s" % (k, v))
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("utf-8"))
        head = self._read_until(b"\r\n\r\n")
        text = head.decode("iso-8859-1")
        status_line, _, rest = text.partition("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {}
        for line in rest.split("\r\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                self.headers[k.strip().lower()] = v.strip()
        self.body = b""
        if self.status != 101:
            n = int(self.headers.get("content-length", "0"))
            self.body = self._read_exact(n)
            self.sock.close()
            return
        want = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if self.headers.get("sec-websocket-accept") != want:
            raise AssertionError("bad Sec-WebSocket-Accept: %r" % self.headers)

    @property
    def problem(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None

    # --- bytes ---------------------------------------------------------------------------
    def _fill(self, deadline):
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            raise TimeoutError("no data from the server")
        except OSError as e:  # reset
            raise Closed(1006, str(e))
        if not data:
            raise Closed(1006, "connection closed without a close frame")
        self.buf += data

    def _read_until(self, marker, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while marker not in self.buf:
            self._fill(deadline)
        head, _, self.buf = self.buf.partition(marker)
        return head

    def _read_exact(self, n, deadline=None):
        deadline = deadline or time.monotonic() + self.timeout
        while len(self.buf) < n:
            self._fill(deadline)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    # --- frames --------------------------------------------------------------------------
    def send_frame(self, opcode, payload, fin=True, mask=True):
        head = bytes([(0x80 if fin else 0) | opcode])
        n = len(payload)
        m = 0x80 if mask else 0
        if n < 126:
            head += bytes([m | n])
        elif n < 65536:
            head += bytes([m | 126]) + struct.pack("!H", n)
        else:
            head += bytes([m | 127]) + struct.pack("!Q", n)
        if mask:
            key = os.urandom(4)
            payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
            head += key
        try:
            self.sock.sendall(head + payload)
        except OSError as e:
            raise Closed(1006, str(e))

    def send(self, message):
        """Sends a dict as JSON (not ASCII-escaped), or a str as it is, in one text frame."""
        text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False)
        self.send_frame(0x1, text.encode("utf-8"))

    def recv(self, timeout=None):
        """The next message as a dict. Raises Closed when the server closed (answering its
        close), TimeoutError when nothing came."""
        if self.closed:
            raise self.closed
        deadline = time.monotonic() + (timeout or self.timeout)
        parts = []
        while True:
            b0, b1 = self._read_exact(2, deadline)
            opcode, fin = b0 & 0x0F, b0 & 0x80
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read_exact(2, deadline))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read_exact(8, deadline))[0]
            payload = self._read_exact(n, deadline)
            if opcode == 0x9:  # ping
                self.send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            if opcode == 0x8:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                reason = payload[2:].decode("utf-8", "replace")
                try:
                    self.send_frame(0x8, payload[:2])
                except Closed:
                    pass
                self.sock.close()
                self.closed = Closed(code, reason)
                raise self.closed
            parts.append(payload)
            if fin:
                return json.loads(b"".join(parts).decode("utf-8"))

    def expect(self, type_, kind=None, timeout=None, where=None):
        """Reads until a frame of `type_` (and event `kind`, and `where(frame)`) arrives; the
        frames read before it are appended to self.skipped."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no %s %s frame; skipped: %s" % (type_, kind or "",
                                                                    self.skipped[-10:]))
            try:
                f = self.recv(timeout=left)
            except TimeoutError:
                raise TimeoutError("no %s %s frame; skipped: %s" % (type_, kind or "",
                                                                    self.skipped[-10:]))
            if f.get("type") == type_ and (kind is None or f.get("kind") == kind) and \
                    (where is None or where(f)):
                return f
            self.skipped.append(f)

    def drain(self, seconds=0.3):
        """Every frame that arrives within `seconds`."""
        out = []
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return out
            try:
                out.append(self.recv(timeout=left))
            except TimeoutError:
                return out

    def wait_closed(self, timeout=None):
        """Reads until the server closes; returns its close code."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                self.recv(timeout=max(0.01, deadline - time.monotonic()))
            except Closed as c:
                return c.code
            except TimeoutError:
                raise TimeoutError("the server did not close the socket")

    def close(self, code=1000):
        if self.closed:
            return
        try:
            self.send_frame(0x8, struct.pack("!H", code))
        except Closed:
            pass
        try:
            self.sock.close()
        except OSError:
            pass
        self.closed = Closed(code, "closed by the client")
