#!/usr/bin/env python3
"""A real SMTP server on loopback for LeafSyncMail's tests (aiosmtpd), and a parser for .eml files.

  smtp-test-server.py serve --dir DIR [--port 0] [--tls CERT KEY [--implicit-tls]]
                            [--auth USER:PASSWORD [--auth-only PLAIN|LOGIN]]
                            [--reply-rcpt "550 ..."] [--reply-data "451 ..."]
      Listens on 127.0.0.1 (port 0: any free port) and prints "PORT <n>" once it accepts
      connections. Each accepted message is written to DIR as <n>.eml (the bytes received) and
      <n>.json (the envelope and the message as Python's email parser reads it), the .json last
      and atomically, so a test that sees it sees both. --tls offers STARTTLS with that
      certificate and requires it (--implicit-tls: TLS from the first byte instead); --auth
      requires AUTH (PLAIN or LOGIN, or only the --auth-only one) with those credentials, over
      TLS when --tls is given. --reply-rcpt / --reply-data answer RCPT TO / DATA with that
      reply instead of accepting. Runs until killed.
  smtp-test-server.py stall
      Listens, accepts and never says a word (for timeout tests); prints "PORT <n>".
  smtp-test-server.py parse FILE
      Prints the .eml FILE as the same JSON (no envelope).

The tests start this with the virtual environment's Python (see ensure_aiosmtpd in Tools/lib/setup.sh).
"""
import argparse
import asyncio
import email
import email.policy
import itertools
import json
import logging
import os
import socket
import ssl
import sys
import warnings

# aiosmtpd warns that AUTH without TLS is unsafe (the plain-relay tests mean it) and about its
# own deprecations: keep the test output to what the tests say.
warnings.simplefilter("ignore")
logging.disable(logging.WARNING)


def parsed(raw: bytes) -> dict:
    """The message as Python's standard email parser reads it: decoded headers, body, defects."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(d).__name__ for d in message.defects]
    for name, value in message.items():
        defects += [type(d).__name__ for d in getattr(value, "defects", ())]
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    return {
        "headers": {name: str(value) for name, value in message.items()},
        "body": message.get_content().replace("\r\n", "\n"),
        "content_type": message.get_content_type(),
        "charset": message.get_content_charset(),
        "defects": defects,
        "longest_header_line": max(len(line) for line in header_block.split(b"\r\n")),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }


def write_atomically(path: str, data: bytes) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


class Recorder:
    def __init__(self, directory, reply_rcpt, reply_data):
        self.directory = directory
        self.reply_rcpt = reply_rcpt
        self.reply_data = reply_data
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reply_rcpt:
            return self.reply_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reply_data:
            return self.reply_data
        number = next(self.counter)
        raw = envelope.original_content or envelope.content
        base = os.path.join(self.directory, str(number))
        write_atomically(base + ".eml", raw)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "authenticated_as": session.auth_data if session.authenticated else None,
            "message": parsed(raw),
        }
        write_atomically(base + ".json", json.dumps(record, indent=2).encode())
        return "250 Message accepted for delivery"


def authenticator_for(credentials):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    return authenticate


async def serve(args) -> None:
    from aiosmtpd.smtp import SMTP

    os.makedirs(args.dir, exist_ok=True)
    handler = Recorder(args.dir, args.reply_rcpt, args.reply_data)
    options = {"hostname": "leafsync-test-smtp"}
    context = None
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
        if not args.implicit_tls:
            options.update(tls_context=context, require_starttls=True)
    if args.auth:
        options.update(
            authenticator=authenticator_for(args.auth), auth_required=True, auth_require_tls=bool(args.tls) and not args.implicit_tls
        )
        if args.auth_only:
            options.update(auth_exclude_mechanism={"PLAIN", "LOGIN"} - {args.auth_only})
    loop = asyncio.get_running_loop()
    implicit = context if args.implicit_tls else None
    server = await loop.create_server(lambda: SMTP(handler, **options), host="127.0.0.1", port=args.port, ssl=implicit)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


def stall() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    held = []
    while True:
        connection, _ = listener.accept()
        held.append(connection)  # kept open, never written to


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve")
    serve_parser.add_argument("--dir", required=True)
    serve_parser.add_argument("--port", type=int, default=0)
    serve_parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    serve_parser.add_argument("--implicit-tls", action="store_true")
    serve_parser.add_argument("--auth", metavar="USER:PASSWORD")
    serve_parser.add_argument("--auth-only", choices=["PLAIN", "LOGIN"])
    serve_parser.add_argument("--reply-rcpt")
    serve_parser.add_argument("--reply-data")
    commands.add_parser("stall")
    parse_parser = commands.add_parser("parse")
    parse_parser.add_argument("file")
    args = parser.parse_args()
    if args.command == "serve":
        asyncio.run(serve(args))
    elif args.command == "stall":
        stall()
    else:
        with open(args.file, "rb") as f:
            json.dump(parsed(f.read()), sys.stdout, indent=2)


if __name__ == "__main__":
    main()
