"""The Article record every source produces and the store keeps.

An article's id is stable across runs: a corpus gives its own ("reuters-7497");
anything else is named by the hash of its text, so the same text read twice,
from anywhere, is the same article.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of ``text`` as UTF-8; the identity of an article's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news article: its text and what its source says about it.

    >>> a = Article(text="Anthropic agreed to pay SpaceX $45 billion.", title="Compute deal")
    >>> a.id, a.sha256[:12]
    ('a-84355c215a7d', '84355c215a7d')
    """

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date or datetime as the source gives it
    path: str | None = None  # where it was read from: a file, a URL, "file.jsonl:12"
    id: str = ""
    sha256: str = field(default="", repr=False)
    author: str | None = None
    # Whether the text was fetched from ``url`` (a page or a feed's link), rather than
    # the URL being named by the input (front matter, a JSONL field, a feed entry's text):
    # a named URL does not supersede a fetched text (see db/store.py).
    url_fetched: bool = False

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = text_sha256(self.text)
        if not self.id:
            self.id = f"a-{self.sha256[:12]}"

    @property
    def published_date(self) -> date | None:
        """The publication date, or None when the source gives none or an unreadable one."""
        if not self.published:
            return None
        try:
            return datetime.fromisoformat(self.published[:10]).date()
        except ValueError:
            return None

    def header(self) -> dict:
        """The article's fields without its text, as ``newsfacts extract`` prints them."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "sha256": self.sha256,
        }

    def to_dict(self) -> dict:
        return asdict(self)
