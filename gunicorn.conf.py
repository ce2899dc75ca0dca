"""gunicorn's settings for the web container (`gunicorn -c gunicorn.conf.py ...`; gunicorn also
reads this file by itself when started from the repository root). Flags given on the command
line win over what is set here.

gunicorn sets the request's scheme from `X-Forwarded-Proto` when the connection comes from
`forwarded_allow_ips`, which by default is the loopback address: a client on the machine
could claim HTTPS even with TRUSTED_PROXY_COUNT=0, where the app believes no proxy header
(platform_site/settings.py). So the same setting decides here: with no proxy of ours in
front nothing is believed; with one it is believed from any address, since the proxy is
another container whose address is not fixed and gunicorn is not published outside the
compose network (docker-compose.yml).
"""

from pathlib import Path

import environ

environ.Env.read_env(Path(__file__).resolve().parent / ".env", overwrite=False)
_env = environ.Env()

forwarded_allow_ips = "*" if _env.int("TRUSTED_PROXY_COUNT", default=0) > 0 else ""

bind = "0.0.0.0:8000"
workers = 3
# Seconds a request may run before its worker is replaced (as the compose file had it).
timeout = 60
accesslog = "-"
# One JSON record per request, with the path only: a query string (the directory's ?q= search
# for a name or an address) never reaches the logs; the same shape as LOG_FORMAT=json lines.
access_log_format = (
    '{"event": "request", "logger": "gunicorn.access", "method": "%(m)s", '
    '"path": "%(U)s", "status": "%(s)s", "ms": "%(M)s"}'
)
