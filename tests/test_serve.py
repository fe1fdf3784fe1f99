"""``meetingtool serve`` as a real process on a free loopback port, spoken to with aiohttp.

The page and the app's websocket (one ``meetingtool`` process per connection, as a browser
tab gets) are fetched as a browser would; with ``--host`` other than 127.0.0.1 both are
refused without the key, and the key is printed once and written to no log.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import make_mocked_request

from meetingtool.store import open_store
from meetingtool.web.server import COOKIE, KEY_PARAMETER, UNENCRYPTED, MeetingServer, new_key

ROOT = Path(__file__).resolve().parent.parent
START_LIMIT = 20.0
"""Seconds a server or an app process may take to come up on a busy two-core machine."""
ANSI = re.compile(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class Served:
    """A running ``meetingtool serve``; its stdout and stderr go to files."""

    def __init__(self, data_dir: Path, tmp_path: Path, host: str, *extra: str) -> None:
        self.host = host
        self.port = free_port(host)
        self.out, self.err = tmp_path / "serve.out", tmp_path / "serve.err"
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        arguments = [sys.executable, "-m", "meetingtool", "--data", str(data_dir), "serve",
                     "--port", str(self.port), *extra]
        if host != "127.0.0.1":
            arguments += ["--host", host]
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.process = subprocess.Popen(arguments, stdout=out, stderr=err, env=env,
                                            cwd=tmp_path)
        self.url = f"http://{host}:{self.port}"

    def wait_until_listening(self) -> None:
        began = time.monotonic()
        while True:
            try:
                socket.create_connection((self.host, self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, self.err.read_text()
                assert time.monotonic() - began < START_LIMIT, "serve startede ikke"
                time.sleep(0.05)

    def stop(self) -> tuple[str, str]:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.out.read_text(), self.err.read_text()


@pytest.fixture
def council_data(data_dir):
    store = open_store(data_dir)
    store.ensure_council("Bruger- og pårørenderåd Kildebo", "bruger-og-paaroerenderaad")
    return data_dir


async def app_text(session: aiohttp.ClientSession, url: str, wanted: str, **options) -> str:
    """Open the app's websocket and collect its screen as text until ``wanted`` shows."""
    ws_url = url.replace("http://", "ws://") + "/ws?width=100&height=30"
    received = ""
    async with session.ws_connect(ws_url, **options) as socket_:
        async with asyncio.timeout(START_LIMIT):
            async for message in socket_:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data.decode("utf-8", "replace")
                elif message.type == aiohttp.WSMsgType.TEXT:
                    received += message.data
                else:
                    break
                if wanted in ANSI.sub("", received):
                    break
    return ANSI.sub("", received)


async def test_the_home_screen_in_the_browser_on_this_machine(council_data, tmp_path):
    served = Served(council_data, tmp_path, "127.0.0.1")
    try:
        served.wait_until_listening()
        async with aiohttp.ClientSession() as session:
            async with session.get(served.url + "/") as page:
                assert page.status == 200
                html = await page.text()
            assert '<html lang="da">' in html and "starter …" in html
            # Everything the page loads comes from this server.
            for address in re.findall(r'(?:src|href)="([^"]+)"', html):
                assert not re.match(r"[a-z]+:|//", address), address
            assert "googleapis" not in html and UNENCRYPTED not in html
            for asset in re.findall(r'(?:src|href|url)\(?"(static/[^"]+)"', html):
                async with session.get(f"{served.url}/{asset}") as response:
                    assert response.status == 200, asset
            text = await app_text(session, served.url, "Bruger- og pårørenderåd Kildebo")
            assert "Råd og udvalg" in text
            async with session.get(served.url + "/findes-ikke") as missing:
                assert missing.status == 404 and "Siden findes ikke" in await missing.text()
    finally:
        out, err = served.stop()
    assert "kun fra denne maskine" in out
    assert "Traceback" not in out + err


async def test_another_host_needs_the_key_on_page_and_websocket(council_data, tmp_path):
    served = Served(council_data, tmp_path, "127.0.0.2")  # not 127.0.0.1: a key is needed
    try:
        served.wait_until_listening()
        out = served.out.read_text()
        key = re.search(rf"{KEY_PARAMETER}=(\S+)", out).group(1)
        assert "ikke krypteret" in out and "HTTPS-proxy" in out
        async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
            async with session.get(served.url + "/") as page:
                assert page.status == 403 and "nøglen" in await page.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await app_text(session, served.url, "Råd og udvalg")
            assert refused.value.status == 403
            async with session.get(f"{served.url}/?{KEY_PARAMETER}=gaet") as wrong:
                assert wrong.status == 403
            async with session.get(f"{served.url}/?{KEY_PARAMETER}={key}",
                                   allow_redirects=False) as opened:
                assert opened.status == 303 and opened.headers["Location"] == "./"
                cookie = opened.headers["Set-Cookie"]
                assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            with_key = {"Cookie": f"{COOKIE}={key}"}
            async with session.get(served.url + "/", headers=with_key) as page:
                assert page.status == 200 and "ikke krypteret" in await page.text()
            # Another web page in the same browser may not drive the app.
            with pytest.raises(aiohttp.WSServerHandshakeError) as foreign:
                await app_text(session, served.url, "Råd og udvalg",
                               headers={**with_key, "Origin": "http://ondsindet.example"})
            assert foreign.value.status == 403
            text = await app_text(session, served.url, "Bruger- og pårørenderåd Kildebo",
                                  headers={**with_key, "Origin": served.url})
            assert "Råd og udvalg" in text
    finally:
        out, err = served.stop()
    assert out.count(key) == 1  # the start line, once
    assert key not in err
    assert "Traceback" not in out + err


def test_a_key_whenever_others_can_connect():
    assert new_key("127.0.0.1", None) is None
    assert new_key("localhost", None) is None
    assert new_key("0.0.0.0", None) and new_key("127.0.0.2", None)
    assert new_key("127.0.0.1", "https://moeder.kommune.dk")  # behind the proxy
    assert new_key("0.0.0.0", None) != new_key("0.0.0.0", None)


def test_behind_the_proxy_its_https_origin_is_accepted():
    server = MeetingServer("true", host="127.0.0.1", port=8000,
                           public_url="https://moeder.kommune.dk", key="k")
    through_proxy = make_mocked_request("GET", "/ws", headers={
        "Host": "moeder.kommune.dk", "Origin": "https://moeder.kommune.dk"})
    assert server.same_origin(through_proxy)
    foreign = make_mocked_request("GET", "/ws", headers={
        "Host": "moeder.kommune.dk", "Origin": "https://moeder.kommune.dk.ondsindet.example"})
    assert not server.same_origin(foreign)
    assert UNENCRYPTED not in " ".join(server.start_lines())  # HTTPS: no warning
