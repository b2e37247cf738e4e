"""A real SMTP server for the mail test: aiosmtpd (from PyPI), STARTTLS
required, AUTH required (PLAIN or LOGIN with the given user and password).
Each message it takes is parsed by Python's own `email` package (not ours,
not lettre's) and written as JSON into the --out folder, one file a
message. Run by backend/tests/api/platform/mail/real_server.rs."""

import argparse
import email
import email.policy
import json
import os
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

p = argparse.ArgumentParser()
for flag in ("--port", "--out", "--cert", "--key", "--user", "--password"):
    p.add_argument(flag, required=True)
args = p.parse_args()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        text = msg.get_body(("plain",))
        html = msg.get_body(("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "auto_submitted": str(msg["Auto-Submitted"]),
            "message_id": str(msg["Message-ID"]),
            "content_type": msg.get_content_type(),
            "text": text.get_content() if text else None,
            "html": html.get_content() if html else None,
            "defects": [repr(d) for d in msg.defects]
            + [repr(d) for part in msg.walk() for d in part.defects],
            "secured": session.ssl is not None,
            "authenticated": bool(session.authenticated),
        }
        name = os.path.join(args.out, f"{time.time_ns()}.json")
        with open(name + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(name + ".part", name)
        return "250 2.0.0 OK"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == args.user.encode()
        and auth_data.password == args.password.encode()
    )
    return AuthResult(success=ok)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(args.cert, args.key)
controller = Controller(
    Handler(),
    hostname="127.0.0.1",
    port=int(args.port),
    server_hostname="localhost",
    tls_context=context,
    require_starttls=True,
    authenticator=authenticator,
    auth_required=True,
)
controller.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
