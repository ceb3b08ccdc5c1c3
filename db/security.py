"""What the site lets a page, a request and a query do: the links it makes of stored URLs,
the headers it sends and the hosts it answers, and how large one SQL value may grow.

Wired into Datasette by the hooks in db/plugin.py; docs/security.md says what each of
these defends against and which test shows it.
"""

from __future__ import annotations

import base64
import hashlib
import math
import os
import re
import sqlite3
import sys
import threading
from pathlib import Path

from markupsafe import Markup

# --- Links --------------------------------------------------------------------------

# Only absolute http(s) URLs become links: an article's URL comes from front matter, JSONL
# or a feed, and "javascript:alert(document.cookie)" there ran script for a reader who
# clicked "original" (issue 11). No whitespace or control character anywhere: browsers drop
# tabs and newlines inside a URL, so "java\tscript:" is "javascript:" to them.
_LINKABLE = re.compile(r"https?://[^\s/?#\\]+([/?#\\]\S*)?", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def is_linkable_url(url: object) -> bool:
    """True when ``url`` may be a link on the site: an absolute http or https URL.

    >>> is_linkable_url("https://news.example/deal"), is_linkable_url("javascript:alert(1)")
    (True, False)
    """
    return (isinstance(url, str) and _LINKABLE.fullmatch(url) is not None
            and not _CONTROL.search(url))


def url_html(url: str | None, text: str | None = None, **attributes: str) -> Markup:
    """A stored URL as HTML: a link when :func:`is_linkable_url`, escaped text otherwise.

    :param url: the URL as stored.
    :param text: the link's text; None shows the URL itself.
    :param attributes: more attributes of the link (``class_`` for ``class``).

    >>> str(url_html("https://a.example/?q=1&r=2", "original"))
    '<a href="https://a.example/?q=1&amp;r=2" rel="nofollow noopener noreferrer">original</a>'
    >>> str(url_html("javascript:alert('x')", "original"))
    '<span class="unlinked-url" title="not an http(s) URL">javascript:alert(&#39;x&#39;)</span>'
    """
    if url is None:
        return Markup("")
    if not is_linkable_url(url):
        return Markup('<span class="unlinked-url" title="not an http(s) URL">{}</span>').format(
            url)
    extra = Markup("").join(Markup(' {}="{}"').format(name.rstrip("_"), value)
                            for name, value in attributes.items())
    return Markup('<a href="{}"{} rel="nofollow noopener noreferrer">{}</a>').format(
        url, extra, url if text is None else text)


# --- Headers and hosts ----------------------------------------------------------------

# Hosts a request may name besides those in the variable: a web page at another name that
# resolves to 127.0.0.1 (DNS rebinding) would otherwise read the site as its own.
DEFAULT_HOSTS = ("127.0.0.1", "localhost")
# More hosts, separated by commas or blanks; `newsfacts serve --host NAME` adds NAME.
ALLOWED_HOSTS_VARIABLE = "NEWSFACTS_ALLOWED_HOSTS"
HOST_REFUSED = b"Host not allowed: newsfacts serve --host NAME serves NAME\n"


def _normal_host(host: str) -> str:
    """A Host header's name without port, brackets, case or trailing dot."""
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8001
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


def allowed_hosts(environ: dict | None = None) -> frozenset[str]:
    """The host names the site answers: 127.0.0.1, localhost and those the variable names.

    :param environ: the environment to read; None reads the process's.

    >>> sorted(allowed_hosts({"NEWSFACTS_ALLOWED_HOSTS": "News.Example, 10.0.0.5"}))
    ['10.0.0.5', '127.0.0.1', 'localhost', 'news.example']
    """
    environ = os.environ if environ is None else environ
    named = re.split(r"[\s,]+", environ.get(ALLOWED_HOSTS_VARIABLE, ""))
    return frozenset(DEFAULT_HOSTS) | {_normal_host(h) for h in named if h.strip()}


def allow_host(host: str, environ: dict | None = None) -> None:
    """Let a server this process starts answer to ``host`` (``newsfacts serve --host``).

    :param host: the name or address given to ``--host``.
    :param environ: the environment to change; None changes the process's.
    """
    environ = os.environ if environ is None else environ
    environ[ALLOWED_HOSTS_VARIABLE] = " ".join(
        h for h in (environ.get(ALLOWED_HOSTS_VARIABLE, ""), host) if h)


def _datasette_inline_scripts() -> list[str]:
    """The inline scripts Datasette's own pages carry, as a browser receives them.

    Its table page says whether facets may be added (``DATASETTE_ALLOW_FACET = true;``),
    its query pages start the SQL editor, every page closes open menus on a click. They
    are read from the installed templates, so an upgrade that changes them changes this.
    """
    import datasette

    scripts = []
    for template in sorted((Path(datasette.__file__).parent / "templates").glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text("utf-8"), re.S):
            if "{{ datasette_allow_facet }}" in body:
                scripts += [body.replace("{{ datasette_allow_facet }}", allow)
                            for allow in ("true", "false")]
            elif "{{" not in body and "{%" not in body:
                scripts.append(body)
    return scripts


def script_hash(script: str) -> str:
    """The CSP source that allows one inline script: 'sha256-<base64 of its digest>'."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def content_security_policy() -> str:
    """The Content-Security-Policy of every page.

    Scripts only from the site and Datasette's own inline scripts by hash: no other inline
    script, no ``javascript:`` URL, no event-handler attribute runs, whatever a page holds.
    Inline styles stay allowed: Datasette colours each database's header with a ``style``
    attribute, and a style cannot run script.
    """
    scripts = " ".join(sorted({script_hash(s) for s in _datasette_inline_scripts()}))
    return ("default-src 'self'; "
            f"script-src 'self' {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers() -> list[tuple[bytes, bytes]]:
    """The headers every response of the site carries."""
    return [
        (b"content-security-policy", content_security_policy().encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]


def guard_site(app, hosts: frozenset[str] | None = None):
    """Wrap an ASGI app: refuse requests for other hosts, add :func:`security_headers`.

    :param app: the ASGI application (Datasette's).
    :param hosts: the host names to answer; None reads :func:`allowed_hosts` now.
    """
    hosts = allowed_hosts() if hosts is None else hosts
    headers = security_headers()
    ours = {name for name, _ in headers}

    async def guarded(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if _normal_host(host) not in hosts:
            await send({"type": "http.response.start", "status": 400, "headers": [
                (b"content-type", b"text/plain; charset=utf-8"), *headers]})
            await send({"type": "http.response.body", "body": HOST_REFUSED})
            return None

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in ours]
                message = {**message, "headers": kept + headers}
            await send(message)

        return await app(scope, receive, send_with_headers)

    return guarded


# --- SQL ------------------------------------------------------------------------------

# The largest string or blob any SQL value on the site may be. An input is at most 20 MiB
# (newsfacts.sources.text.MAX_BYTES), and 20 MiB of cp1252 is at most 60 MiB of UTF-8
# ("€" is one byte in, three out), so every stored article still reads. A larger value is
# refused by SQLite before it is built: printf('%.*c', 1000000000, 'x') asked for 1 GB in
# one step of SQLite's virtual machine, where Datasette's time limit never gets to check.
MAX_VALUE_BYTES = 64 * 1024 * 1024
# The longest LIKE or GLOB pattern (SQLite's default is 50,000). A match costs up to the
# text's length times the pattern's, in one uninterruptible step: a 10,000-byte pattern
# ('%aaa...ab') against a 1 MB text ran 78 s. The site's patterns are a company's name or
# a phrase; the canned queries' are a few bytes.
MAX_LIKE_PATTERN_BYTES = 128


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound what one SQL value may take on a connection of the site.

    :param conn: a connection Datasette opened (its ``prepare_connection`` hook).
    """
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, MAX_LIKE_PATTERN_BYTES)
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)


# printf('%.*c', 1000000000, 'x') repeats its character one append at a time: with the
# length bounded it asks for no memory past 64 MiB, but SQLite 3.40 still loops a billion
# times (32 s) before it returns. So printf and format (its other name) check every width
# and precision first, then run SQLite's own printf on a private connection.
_PRINTF_SPEC = re.compile(r"%(?:%|[-+ 0#,!]*(\*|\d*)(?:\.(\*|\d*))?l{0,2}[a-zA-Z])")
_printf_connections = threading.local()


def bounded_printf(*args):
    """SQLite's printf, refusing a width or precision over :data:`MAX_VALUE_BYTES`.

    >>> bounded_printf("%s is %.2f%%", "rate", 4.567)
    'rate is 4.57%'
    >>> bounded_printf("%.*c", 1000000000, "x")
    Traceback (most recent call last):
    ...
    OverflowError: printf: width or precision 1000000000 over 67108864
    """
    if not args:
        return None
    spec, values = args[0], list(args[1:])
    if isinstance(spec, str):
        for match in _PRINTF_SPEC.finditer(spec):
            for size in match.groups():
                if size == "*":
                    size = values.pop(0) if values else 0
                size = abs(_printf_int(size or 0))
                if size > MAX_VALUE_BYTES:
                    # An OverflowError is SQLite's "string or blob too big" to the caller.
                    raise OverflowError(f"printf: width or precision {size} over "
                                        f"{MAX_VALUE_BYTES}")
            if match.group(0) != "%%" and values:
                values.pop(0)
    conn = getattr(_printf_connections, "conn", None)
    if conn is None:
        conn = _printf_connections.conn = sqlite3.connect(":memory:")
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    placeholders = ", ".join("?" * len(args))
    return conn.execute(f"select printf({placeholders})", args).fetchone()[0]


def _printf_int(value) -> int:
    """A width or precision as SQLite's printf reads it: a number's whole part, or the
    digits a text starts with ('1000abc' is 1000, '1e9' is 1); anything else 0.

    >>> [_printf_int(v) for v in [7, 2.9, " 1000abc", b"12", "1e9", None, float("inf")]]
    [7, 2, 1000, 12, 1, 0, 9223372036854775807]
    """
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else sys.maxsize
    if isinstance(value, int):
        return value
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    digits = re.match(r"\s*([+-]?\d+)", value) if isinstance(value, str) else None
    return int(digits[1]) if digits else 0
