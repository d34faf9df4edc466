"""A small real SMTP server for the mail tests: Django's SMTP backend talks to it over TCP, so
a refused recipient is the real ``SMTPRecipientsRefused`` and a dropped connection the real
``SMTPServerDisconnected``.

It speaks what ``smtplib`` needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every
message it accepted, and follows a policy: ``refuse`` maps an address to the reply its RCPT gets
(e.g. ``(550, "5.1.1 Onbekende gebruiker")``), ``hang_up_after`` closes the connection instead of
answering the MAIL command after that many accepted messages (once), and ``on_rcpt`` is called
with each address while the conversation is open (to look at the database meanwhile).
"""

import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Policy:
    refuse: dict = field(default_factory=dict)
    hang_up_after: int | None = None
    on_rcpt: object = None


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):  # noqa: C901 - one branch per SMTP command
        server = self.server.smtp
        self.reply("220 test.smtp ESMTP")
        sender, recipients = None, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            command = line[:4].upper()
            if command in ("EHLO", "HELO"):
                self.reply("250 test.smtp")
            elif command == "MAIL":
                with server.lock:
                    hang_up = server.policy.hang_up_after is not None and (
                        len(server.received) >= server.policy.hang_up_after
                    )
                    if hang_up:
                        server.policy.hang_up_after = None  # once
                if hang_up:
                    return  # the connection closes without an answer
                sender, recipients = _address(line), []
                self.reply("250 OK")
            elif command == "RCPT":
                address = _address(line)
                with server.lock:
                    server.rcpt_attempts.append(address)
                if server.policy.on_rcpt:
                    server.policy.on_rcpt(address)
                if address in server.policy.refuse:
                    code, text = server.policy.refuse[address]
                    self.reply(f"{code} {text}")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                with server.lock:
                    server.received.append(Received(sender, recipients, b"".join(lines)))
                self.reply("250 OK: queued")
            elif command == "RSET":
                sender, recipients = None, []
                self.reply("250 OK")
            elif command == "NOOP":
                self.reply("250 OK")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


def _address(line: str) -> str:
    start, end = line.find("<"), line.find(">")
    return line[start + 1 : end].lower() if start != -1 and end > start else ""


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPServer:
    """``with SMTPServer() as smtp:`` — listening on ``smtp.port`` of 127.0.0.1."""

    def __init__(self, policy: Policy | None = None):
        self.policy = policy or Policy()
        self.received: list[Received] = []
        self.rcpt_attempts: list[str] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.smtp = self
        self.port = self._server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def delivered_to(self) -> list[str]:
        with self.lock:
            return [address for message in self.received for address in message.recipients]
