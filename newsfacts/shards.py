"""Claim shards: extraction's results written to files, and their merge into the store.

A run over a large archive (``newsfacts extract --out shards/``, newsfacts/engine.py)
splits its inputs into shards, each a few files, and writes for each shard one JSON
Lines file of claims, ``<name>.claims.jsonl``: a header line, then one line per article
with the article (text included) and its claims. A shard file appears whole or not at
all (written aside, then renamed), so a run that stops is resumed by running it again:
shards already written are skipped.

``newsfacts ingest shards/`` merges them without extracting again. The merge is
idempotent (a shard merged twice changes nothing: articles are written as ``ingest``
writes them, keyed by their text) and resumable (a merge stopped half-way leaves whole
batches; the shard is recorded as merged only at its end).

>>> name = shard_name(["archive/2024-01.jsonl"])  # the stem, and a hash of the full path
>>> name[:8], len(name)
('2024-01-', 18)
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from . import __version__
from .articles import Article
from .db import Outcome, Store, queries
from .errors import ArticleNotFound, BadInput
from .extract.records import Claim
from .sources.items import Failure

SUFFIX = ".claims.jsonl"
HEADER_KEY = "newsfacts_claim_shard"
FORMAT = 1
# A folder's files are grouped into shards of about this many bytes: a large file (a
# Reuters .sgm, a JSON Lines export) is a shard of its own, small ones go together.
SHARD_BYTES = 1 << 20
MERGE_BATCH = 256  # articles per transaction when merging
_GLOB_MAGIC = re.compile(r"[*?[]")


@dataclass(frozen=True)
class Shard:
    """Some inputs extracted together, and the claim shard file they make."""

    name: str
    inputs: tuple[str, ...]

    def out(self, folder: Path) -> Path:
        return folder / f"{self.name}{SUFFIX}"


def shard_name(inputs: list[str]) -> str:
    """A file name for a shard: its first input's stem and a hash of all its inputs'
    absolute paths (two archives with the same file names do not collide)."""
    digest = hashlib.sha256("\n".join(str(Path(i).resolve()) for i in inputs).encode())
    stem = Path(inputs[0]).name.split(".")[0] or "shard"
    return f"{stem}-{digest.hexdigest()[:10]}"


def plan_shards(inputs: Iterable[str | Path], shard_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Split inputs into shards: each named file (a JSON Lines export, a Reuters .sgm
    file) is one, a folder's files are grouped into shards of about ``shard_bytes``, a
    glob is expanded.

    Raise ArticleNotFound for an input that names nothing, BadInput for a URL (the
    workers read the inputs from a file system they share).

    :param inputs: files, folders and globs, as for ``newsfacts ingest``.
    :param shard_bytes: the size a shard of a folder's small files grows to.
    """
    from .sources import _is_article_file  # the files a folder is read for, as ingest reads

    shards: list[Shard] = []
    for raw in inputs:
        name = str(raw)
        if name.lower().startswith(("http://", "https://")) or name == "-":
            raise BadInput(f"{name}: a sharded run reads files and folders only")
        path = Path(name)
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*"))
                     if p.is_file() and _is_article_file(p.relative_to(path))]
            if not files:
                raise ArticleNotFound(f"{name}: no article files in this folder")
            group: list[str] = []
            size = 0
            for file in files:
                group.append(str(file))
                size += file.stat().st_size
                if size >= shard_bytes:
                    shards.append(Shard(shard_name(group), tuple(group)))
                    group, size = [], 0
            if group:
                shards.append(Shard(shard_name(group), tuple(group)))
        elif path.is_file():
            shards.append(Shard(shard_name([name]), (name,)))
        elif _GLOB_MAGIC.search(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise ArticleNotFound(f"{name}: no files match this pattern")
            shards.extend(plan_shards(matches, shard_bytes))
        else:
            raise ArticleNotFound(f"{name}: no such file or folder")
    return shards


@dataclass
class ShardResult:
    """What extracting one shard gave: its file, articles, claims and failures."""

    shard: Shard
    path: str
    articles: int = 0
    claims: int = 0
    failures: tuple[Failure, ...] = ()
    skipped: bool = False  # written by an earlier run

    def line(self) -> str:
        if self.skipped:
            return f"{self.path}: already written"
        failed = f", {len(self.failures)} failed" if self.failures else ""
        return f"{self.path}: {self.articles} articles, {self.claims} claims{failed}"


def write_shard(shard: Shard, folder: Path, extractor, batch_size: int = 256) -> ShardResult:
    """Read a shard's inputs, extract their claims and write its claim shard file whole.

    :param shard: the inputs.
    :param folder: where the file goes (made if missing).
    :param extractor: an Extractor (anything with ``pipe``).
    :param batch_size: articles given to the extractor at a time (as many as a
        one-process ingest reads at a time: the model reads wider batches).
    """
    from .sources import read_inputs

    folder.mkdir(parents=True, exist_ok=True)
    out = shard.out(folder)
    # Written aside under a name no other attempt uses, then renamed: a worker killed
    # half-way leaves a stray .tmp file, never a partial shard.
    tmp = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    result = ShardResult(shard, str(out))
    failures: list[Failure] = []
    with open(tmp, "w", encoding="utf-8") as f:
        header = {HEADER_KEY: FORMAT, "extractor_version": __version__,
                  "inputs": list(shard.inputs)}
        f.write(json.dumps(header, ensure_ascii=False) + "\n")
        items = read_inputs(shard.inputs)
        while batch := list(islice(items, batch_size)):
            articles = [item for item in batch if isinstance(item, Article)]
            failures += [item for item in batch if isinstance(item, Failure)]
            for article, claims in extractor.pipe(articles):
                f.write(shard_line(article, claims) + "\n")
                result.articles += 1
                result.claims += len(claims)
        for failure in failures:
            f.write(json.dumps({"failure": {"input": failure.input, "reason": failure.reason}},
                               ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    result.failures = tuple(failures)
    return result


def shard_line(article: Article, claims: list[Claim]) -> str:
    """One article of a claim shard, as its JSON line (keys in a fixed order)."""
    return json.dumps({"article": article.to_dict(), "claims": [c.to_dict() for c in claims]},
                      ensure_ascii=False)


def is_claim_shard(path: Path) -> bool:
    """Whether a file is a claim shard: its first line is a claim shard header."""
    try:
        with open(path, "rb") as f:
            head = f.read(256)
    except OSError:
        return False
    return head.startswith(b'{"' + HEADER_KEY.encode() + b'"')


def find_claim_shards(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Split ``ingest``'s inputs into claim shards (files, or every ``*.claims.jsonl`` of
    a folder that has any) and the other inputs, read as articles."""
    shards: list[Path] = []
    others: list[str] = []
    for raw in inputs:
        name = str(raw)
        path = Path(name)
        if name.lower().startswith(("http://", "https://")) or name == "-":
            others.append(name)
        elif path.is_dir():
            found = [p for p in sorted(path.rglob(f"*{SUFFIX}")) if is_claim_shard(p)]
            if found:
                shards.extend(found)
            else:
                others.append(name)
        elif path.is_file():
            (shards.append(path) if is_claim_shard(path) else others.append(name))
        elif _GLOB_MAGIC.search(name) and (matches := sorted(glob.glob(name, recursive=True))):
            found, rest = find_claim_shards(matches)
            if found:
                shards.extend(found)
                others.extend(rest)
            else:
                others.append(name)  # read_inputs expands it and names a bad match
        else:
            others.append(name)
    return shards, others


def merge_shard(path: Path, store: Store, batch_size: int = MERGE_BATCH
                ) -> Iterator[tuple[Outcome, list[Claim]] | Failure]:
    """Write a claim shard's articles and claims into the store, a batch per transaction;
    yield what each write did. A shard merged before (same bytes) is not read again: each
    of its articles is unchanged.

    Raise BadInput for a file that is no claim shard of this newsfacts version.

    :param path: the ``.claims.jsonl`` file.
    :param store: the fact store.
    :param batch_size: articles per transaction.
    """
    digest = _file_sha256(path)
    merged = next(store.db.query(queries.MERGED_SHARD, [digest]), None)
    if merged:  # its articles are in the store as they were then
        for _ in range(merged["articles"]):
            yield Outcome.UNCHANGED, []
        return
    with open(path, encoding="utf-8") as f:
        _check_header(f.readline(), path, store)
        articles = claims = 0
        for batch in iter(lambda: list(islice(f, batch_size)), []):
            pairs = []
            for number, line in enumerate(batch, articles + 2):
                record = _record(line, path, number)
                if record is not None:
                    pairs.append(record)
            for (_, found), outcome in zip(pairs, store.write(pairs), strict=True):
                yield outcome, found
                claims += len(found)
            articles += len(pairs)
    with store.db.atomic():
        store.db["claim_shards"].insert(
            {"sha256": digest, "path": str(path), "articles": articles, "claims": claims,
             "merged_at": datetime.now(UTC).isoformat(timespec="seconds")},
            pk="sha256", replace=True)


def _check_header(line: str, path: Path, store: Store) -> None:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get(HEADER_KEY) != FORMAT:
        raise BadInput(f"{path}: not a newsfacts claim shard (no header line)")
    version = header.get("extractor_version")
    if version != store.extractor_version:
        raise BadInput(f"{path}: claims made by newsfacts {version}, and this is "
                       f"{store.extractor_version} (extract the shard's inputs again)")


def _record(line: str, path: Path, number: int) -> tuple[Article, list[Claim]] | None:
    """An article line as (Article, claims); None for a failure line (reported when the
    shard was written)."""
    try:
        record = json.loads(line)
        if "failure" in record:
            return None
        article = Article(**record["article"])
        return article, [Claim.from_dict(c) for c in record["claims"]]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise BadInput(f"{path}:{number}: not a claim shard line ({type(err).__name__}: "
                       f"{err})") from None


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

