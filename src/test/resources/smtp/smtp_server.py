"""A real SMTP server for tests (aiosmtpd): AUTH LOGIN/PLAIN with one user, messages into a Maildir.

Usage: smtp_server.py PORT MAILDIR USER PASSWORD; prints "ready" once it listens and stops when stdin closes.
"""
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

# AUTH without TLS is what this test wants: a server on the loopback interface that checks the password
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")

port, maildir, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False)


controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port, authenticator=authenticator,
                        auth_required=True, auth_require_tls=False)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
