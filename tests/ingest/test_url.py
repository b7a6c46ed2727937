from __future__ import annotations

import socket

import httpx
import pytest

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest.url import check_url, fetch, is_public_address

ADDRESSES = {"news.example": "93.184.216.34", "inside.example": "10.1.2.3", "loop.example": "127.0.0.1"}
PAGE = b"<html><body><article><p>" + b"The council met on Monday to discuss the budget. " * 20 + b"</p></article></body></html>"


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch):
    """Resolve the test hosts without a network; unknown names fail as DNS would."""
    def getaddrinfo(host, port, *args, **kwargs):
        address = ADDRESSES.get(host, host)
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in address else socket.AF_INET, address)
        except OSError:
            raise socket.gaierror(f"unknown host {host}") from None
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def code_of(url: str, transport: httpx.BaseTransport | None = None, **options) -> Code:
    with pytest.raises(NewsprobeError) as caught:
        fetch(url, Options(**options), transport)
    return caught.value.code


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "192.168.1.1", "172.16.0.5", "169.254.169.254",
                                     "224.0.0.1", "::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"])
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(address)
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(NewsprobeError) as caught:
        check_url(f"http://{host}/")
    assert caught.value.code is Code.URL_ADDRESS


def test_public_address_is_allowed():
    assert is_public_address("93.184.216.34")
    check_url("https://news.example/story")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/a", "gopher://x", "news.example"])
def test_only_http_and_https(url):
    with pytest.raises(NewsprobeError) as caught:
        check_url(url)
    assert caught.value.code is Code.URL_SCHEME


def test_redirect_to_a_private_address_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://inside.example/admin"})

    assert code_of("http://news.example/a", httpx.MockTransport(handler)) is Code.URL_ADDRESS


def test_redirects_are_followed_and_checked():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})

    page = fetch("http://news.example/old", Options(), httpx.MockTransport(handler))
    assert page.url == "http://news.example/new" and page.content == PAGE


def test_redirect_loop_is_cut():
    handler = lambda request: httpx.Response(302, headers={"location": "/again"})  # noqa: E731
    assert code_of("http://news.example/", httpx.MockTransport(handler), url_max_redirects=3) is Code.URL_REDIRECTS


def test_size_limit():
    handler = lambda request: httpx.Response(200, content=b"x" * 5000)  # noqa: E731
    assert code_of("http://news.example/", httpx.MockTransport(handler), url_max_bytes=1000) is Code.URL_TOO_LARGE


def test_timeout():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    assert code_of("http://news.example/", httpx.MockTransport(handler)) is Code.URL_TIMEOUT


def test_http_error_status():
    handler = lambda request: httpx.Response(404)  # noqa: E731
    assert code_of("http://news.example/", httpx.MockTransport(handler)) is Code.URL_FAILED


def test_unresolvable_host():
    with pytest.raises(NewsprobeError) as caught:
        check_url("http://no-such-host.invalid/")
    assert caught.value.code is Code.URL_FAILED


@pytest.mark.parametrize("url", ["http://[/]/", "http://[::1/x", "http://example.org:99999/"])
def test_a_malformed_address_is_a_coded_url_error(url):
    with pytest.raises(NewsprobeError) as caught:
        check_url(url)
    assert caught.value.code is Code.URL_FAILED and "not a valid address" in caught.value.reason
