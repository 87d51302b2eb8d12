"""gunicorn's configuration for production and the demo: `gunicorn -c python:uniondesk.gunicorn`.

Sized from the machine unless the environment says otherwise:
    GUNICORN_BIND       127.0.0.1:8000 (nginx in front); the demo binds 127.0.0.1:PORT
    GUNICORN_WORKERS    2 × cores + 1 processes
    GUNICORN_THREADS    4 threads in each (a page mostly waits on the database)
    GUNICORN_TIMEOUT    120 seconds of silence before a worker is replaced
    GUNICORN_ACCESS_LOG "-" (stdout, the journal); "" turns it off
The access log goes through the product's mask (core.logfilters): a request line carries the
query string, and with it whatever was typed in a search box, 身份证号 included.
"""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from core.logfilters import MaskPersonalData

cores = os.cpu_count() or 1

wsgi_app = "uniondesk.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
# a worker is replaced after this many requests (spread out so they do not all restart at once)
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
# gunicorn's control socket (gunicornc) would be written under $HOME; systemd manages the process
control_socket_disable = True
# the client address is nginx's X-Forwarded-For, which Django reads (BEHIND_PROXY): gunicorn's
# own line shows the address Django will use too
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms'


class MaskedLogger(Logger):
    """gunicorn's logger with the product's mask on its access and error logs."""

    def setup(self, cfg) -> None:  # type: ignore[no-untyped-def]
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, MaskPersonalData) for f in log.filters):
                log.addFilter(MaskPersonalData())


logger_class = MaskedLogger
