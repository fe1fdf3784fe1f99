"""``meetingtool serve``: the app in a browser, through textual-serve.

textual-serve's ``Server`` starts one app process per websocket and relays the terminal;
what it lacks is decided here, with its public handlers reused and the aiohttp application
built by us:

- **Who may connect.** Only this machine (127.0.0.1) unless ``--host`` or ``--public-url``
  (a proxy in front) is given. Then a secret key (printed once at start) is required on
  every request but the static files:
  ``/?noegle=KEY`` sets an HttpOnly, SameSite=Strict cookie and redirects to ``/`` (so the
  key leaves the address bar), and the page, the websocket ``/ws`` and downloads are refused
  (403) without that cookie. textual-serve has no hook for this, so the guard is an aiohttp
  middleware in front of all routes. The websocket also refuses an ``Origin`` that is not
  this server, so another web page open in the same browser cannot drive the app.
- **Nothing in a log.** No access log (it would hold the key on the first request); our
  log lines name a path without its query; no Rich tracebacks with local variables.
- **Danish, and no tracebacks in the browser.** Our own page (``templates/index.html``,
  which loads no web fonts from the internet: textual-serve's page does) and Danish error
  texts; an unexpected error answers "500" with a Danish sentence.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import web
from textual_serve.server import Server

from meetingtool.core.errors import MeetingToolError

log = logging.getLogger("meetingtool.web")

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
"""Addresses only this machine can reach: no key needed."""
KEY_PARAMETER = "noegle"
COOKIE = "meetingtool_noegle"
TEMPLATES = Path(__file__).resolve().parent / "templates"

REFUSED = ("Adgang nægtet. Åbn adressen med nøglen, som meetingtool serve skrev, da den "
           "startede (…/?noegle=…).")
FOREIGN_PAGE = "Adgang nægtet: forbindelsen kom fra en anden hjemmeside."
NOT_FOUND = "Siden findes ikke."
SERVER_ERROR = "Der skete en fejl på serveren. Prøv igen, eller kontakt den, der driver den."
UNENCRYPTED = ("Advarsel: forbindelsen er ikke krypteret. Alt, hvad der vises og skrives "
               "(også nøglen), kan ses af andre på netværket, medmindre serveren står bag "
               "kommunens HTTPS-proxy (se README, og brug --public-url).")


def needs_key(host: str) -> bool:
    """Whether other machines may reach ``host``, so a key is required."""
    return host.strip("[]") not in LOCAL_HOSTS


def new_key(host: str, public_url: str | None) -> str | None:
    """A fresh secret key when others can connect, else None. Behind a proxy
    (``public_url``) others reach the server even when it listens on 127.0.0.1."""
    if needs_key(host) or public_url:
        return secrets.token_urlsafe(24)
    return None


def app_command(location: Path | str, projector: int | None) -> str:
    """The shell command textual-serve runs for each browser tab (no key in it)."""
    parts = [sys.executable, "-m", "meetingtool", "--data", str(location)]
    if projector is not None:
        parts += ["projector", str(projector)]
    return " ".join(shlex.quote(part) for part in parts)


def text_response(status: int, text: str) -> web.Response:
    return web.Response(status=status, text=text + "\n", content_type="text/plain",
                        charset="utf-8")


class MeetingServer(Server):
    """textual-serve's server with a key guard, Danish pages and no access log."""

    def __init__(self, command: str, *, host: str, port: int, public_url: str | None,
                 key: str | None, title: str = "meetingtool") -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.key = key
        self.secure = bool(public_url and public_url.lower().startswith("https://"))
        self.own_origins = set()
        if public_url:
            parts = urlsplit(public_url)
            self.own_origins.add(f"{parts.scheme}://{parts.netloc}".lower())
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                        autoescape=True)

    # --- The application ---------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_page, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        return app

    def key_matches(self, given: str | None) -> bool:
        return self.key is None or (
            given is not None and hmac.compare_digest(given.encode(), self.key.encode()))

    def same_origin(self, request: web.Request) -> bool:
        """No Origin (not a browser), or the server's own address (as asked, or public)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        origin = origin.lower()
        scheme = "https" if self.secure else request.scheme
        return origin == f"{scheme}://{request.host}".lower() or origin in self.own_origins

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """The key and the origin checks, and Danish answers instead of aiohttp's."""
        try:
            if request.path.startswith("/static/"):
                return await handler(request)
            if request.path == "/" and KEY_PARAMETER in request.query:
                return self.take_key(request)
            if not self.key_matches(request.cookies.get(COOKIE)):
                return text_response(403, REFUSED)
            if request.path == "/ws" and not self.same_origin(request):
                return text_response(403, FOREIGN_PAGE)
            return await handler(request)
        except web.HTTPNotFound:
            return text_response(404, NOT_FOUND)
        except web.HTTPException as answer:
            return text_response(answer.status, answer.reason)
        except Exception as error:  # noqa: BLE001 - no traceback to the browser, no query
            log.error("Fejl ved %s %s: %s", request.method, request.path, type(error).__name__)
            return text_response(500, SERVER_ERROR)

    def take_key(self, request: web.Request) -> web.StreamResponse:
        """``/?noegle=KEY``: the key into a cookie, and back to ``/`` without it."""
        given = request.query.get(KEY_PARAMETER)
        if not self.key_matches(given):
            return text_response(403, REFUSED)
        # "./": back to this page without the key, also under a proxy's path prefix.
        answer = web.Response(status=303, headers={"Location": "./"})
        if self.key is not None:
            answer.set_cookie(COOKIE, self.key, httponly=True, samesite="Strict",
                              secure=self.secure, path="/")
        return answer

    async def handle_page(self, request: web.Request) -> web.Response:
        size = request.query.get("fontsize", "16")
        page = self.pages.get_template("index.html").render(
            title=self.title,
            font_size=int(size) if size.isdigit() and 8 <= int(size) <= 48 else 16,
            warning=UNENCRYPTED if self.key is not None and not self.secure else "",
        )
        response = web.Response(text=page, content_type="text/html", charset="utf-8")
        response.headers["Cache-Control"] = "no-store"
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Nothing printed here: ``serve`` prints the Danish lines itself."""

    # --- Running -----------------------------------------------------------------------

    def start_lines(self) -> list[str]:
        """What is printed once at start (the only place the key ever appears)."""
        base = self.public_url.rstrip("/")
        if self.key is None:
            return [f"meetingtool kører i browseren på {base}/ (kun fra denne maskine).",
                    "Stop med Ctrl+C."]
        return [f"meetingtool kører i browseren på {base}/",
                (f"Åbn denne adresse (den indeholder den hemmelige nøgle; del den kun med "
                 f"dem, der skal bruge meetingtool): {base}/?{KEY_PARAMETER}={self.key}"),
                "" if self.secure else UNENCRYPTED,
                "Stop med Ctrl+C."]

    def run(self) -> None:
        quiet_logging()
        for line in self.start_lines():
            if line:
                print(line, flush=True)
        web.run_app(self.make_app(), host=self.host, port=self.port, access_log=None,
                    print=None, handle_signals=True)


def quiet_logging() -> None:
    """Warnings and errors to stderr as plain lines (no Rich tracebacks with locals), and
    no access log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    for name in ("meetingtool.web", "textual-serve", "aiohttp"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    logging.getLogger("aiohttp.access").disabled = True


def serve(location: Path | str, *, host: str = "127.0.0.1", port: int = 8000,
          public_url: str | None = None, projector: int | None = None) -> int:
    """Run the web server until Ctrl+C; the exit status."""
    if public_url and not public_url.lower().startswith(("http://", "https://")):
        raise MeetingToolError("--public-url skal begynde med https:// (eller http://).")
    key = new_key(host, public_url)
    display_host = f"[{host}]" if ":" in host else host
    server = MeetingServer(
        app_command(location, projector), host=host, port=port,
        public_url=public_url or f"http://{display_host}:{port}", key=key,
        title="meetingtool – projektor" if projector is not None else "meetingtool",
    )
    try:
        server.run()
    except OSError as error:
        raise MeetingToolError(
            f"Kunne ikke lytte på {host}:{port}: {error.strerror or error}") from None
    return 0
