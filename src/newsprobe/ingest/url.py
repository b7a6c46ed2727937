"""Fetch a URL the user asked for: http(s) only, public addresses only (after every redirect), bounded."""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsprobe.version import __version__
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError

if TYPE_CHECKING:  # httpx is imported when a URL is fetched: reading files never pays for it
    import httpx

USER_AGENT = f"newsprobe/{__version__} (+https://pypi.org/project/newsprobe/)"


@dataclass(frozen=True)
class Page:
    url: str
    content: bytes
    content_type: str


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> None:
    """Refuse anything but http(s) to a host whose every address is public."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # "http://[/]/": an unbalanced IPv6 bracket, a port out of range
        raise NewsprobeError(Code.URL_FAILED, f"not a valid address: {exc}") from exc
    if parts.scheme not in {"http", "https"}:
        raise NewsprobeError(Code.URL_SCHEME, parts.scheme or "no scheme")
    if not host:
        raise NewsprobeError(Code.URL_FAILED, "no host name")
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise NewsprobeError(Code.URL_FAILED, f"cannot resolve {host}: {exc}") from exc
    for *_, sockaddr in infos:
        address = str(sockaddr[0])  # an IP address string for the inet families getaddrinfo gives here
        if not is_public_address(address):
            raise NewsprobeError(Code.URL_ADDRESS, address if address == host else f"{host} is {address}")


def fetch(url: str, options: Options, transport: httpx.BaseTransport | None = None) -> Page:
    """GET `url`, following redirects by hand so that each hop is checked."""
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
    with httpx.Client(timeout=options.url_timeout_s, follow_redirects=False, headers=headers,
                      transport=transport) as client:
        for _ in range(options.url_max_redirects + 1):
            check_url(url)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise NewsprobeError(Code.URL_FAILED, f"HTTP {response.status_code}")
                    return Page(url, _read_limited(response, options.url_max_bytes),
                                response.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                raise NewsprobeError(Code.URL_TIMEOUT, f"{options.url_timeout_s:g} s") from exc
            except httpx.HTTPError as exc:
                raise NewsprobeError(Code.URL_FAILED, str(exc) or type(exc).__name__) from exc
            except (httpx.InvalidURL, ValueError) as exc:  # a redirect to an address httpx cannot parse
                raise NewsprobeError(Code.URL_FAILED, f"not a valid address: {exc}") from exc
    raise NewsprobeError(Code.URL_REDIRECTS, options.url_max_redirects)


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise NewsprobeError(Code.URL_TOO_LARGE, max_bytes)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise NewsprobeError(Code.URL_TOO_LARGE, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
