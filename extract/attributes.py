"""The model's attribute rules answered from a table: the ``newsfacts_attributes`` component.

The model's ``attribute_ruler`` (spaCy's AttributeRuler) sets each token's POS, MORPH and
LEMMA with a Matcher of 179 patterns run over every token, then one Python call per
match: a tenth of an ingest's CPU (docs/performance.md). Its patterns test tokens for
values (TAG "NN"; LOWER "is" and TAG "VBZ"; LOWER matching "^y'?$"), so which rules fire
on a token depends only on those few values. This component reads the same patterns from
the model and works out once what each combination of values gets, keeping the answer in
a table; a pattern of several tokens is its tokens' answers in a row. Patterns a table
cannot answer (operators, extension attributes) go to a Matcher of their own. The result
is the AttributeRuler's: every rule applies in its order, a later rule's value replacing
an earlier one's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

import numpy
import srsly
from spacy import util
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

from ..errors import ModelNotFound

# The model's component whose patterns are read, and the file AttributeRuler saves them in.
RULER = "attribute_ruler"
PATTERNS_FILE = "patterns"
# What a rule may set for the table to apply it: fields of the token alone (spaCy's
# set_token_attrs sets them on the token and nowhere else).
TOKEN_FIELDS = (POS, TAG, DEP, MORPH, LEMMA)
# What a test may read: attributes Doc.to_array reads as the Matcher does (IS_SENT_START,
# say, it reads apart); a regex only of those that are strings.
STRINGS = frozenset(IDS[name] for name in (
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "TAG", "DEP", "LEMMA"))
TESTABLE = STRINGS | frozenset(IDS[name] for name in (
    "LENGTH", "POS", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE",
    "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"))
# The most combinations of values remembered (a large vocabulary's words and tags).
MAX_SEEN = 100_000


@Language.factory("newsfacts_attributes", default_config={"patterns_from": ""},
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_attributes(nlp: Language, name: str, patterns_from: str) -> Attributes:
    """Build the component with the patterns of the attribute_ruler of the model
    ``patterns_from`` (a package or a folder, as resolve_model names it).

    A saved pipeline carries its own patterns (from_disk): when the model is not
    installed where it loads, the component waits for them.
    """
    found = model_patterns(patterns_from) if patterns_from else []
    return Attributes(nlp.vocab, found or [],
                      waiting_for=patterns_from if found is None else "")


def model_patterns(source: str) -> list[dict] | None:
    """The patterns of a model's attribute_ruler, as spaCy saved them; None when the model
    (a folder, an installed package, or ``PACKAGE:FOLDER``) is not there."""
    path = Path(source)
    if not path.is_dir():
        package, _, folder = source.partition(":")
        try:
            path = util.get_package_path(package.replace("-", "_")) / folder
        except ImportError:
            return None
    found = [p for p in [path / RULER / PATTERNS_FILE, *path.glob(f"*/{RULER}/{PATTERNS_FILE}")]
             if p.is_file()]
    return srsly.read_msgpack(found[0]) if found else None


class Attributes:
    """Set token attributes by AttributeRuler patterns, answered from a table.

    :param patterns: AttributeRuler patterns: dicts of ``patterns`` (Matcher patterns),
        ``attrs`` (what to set) and ``index`` (which token of a match).
    :param waiting_for: the model the patterns were to come from, not installed: from_disk
        must bring them before the component runs.
    """

    def __init__(self, vocab: Vocab, patterns: list[dict], waiting_for: str = ""):
        self.vocab = vocab
        self.waiting_for = waiting_for
        self._load(patterns)

    def _load(self, patterns: list[dict]) -> None:
        self.patterns = [dict(p) for p in patterns]
        self.attrs = [normalize_token_attrs(self.vocab, p["attrs"]) for p in patterns]
        self.indices = [p.get("index", 0) for p in patterns]
        tested = {}  # rule number -> the tests of each token of each of its patterns
        for number, pattern in enumerate(patterns):
            tests = [[_token_tests(spec, self.vocab) for spec in tokens]
                     for tokens in pattern["patterns"]]
            if all(tokens and None not in tokens for tokens in tests):
                tested[number] = tests
        self.matcher = Matcher(self.vocab)
        for number, pattern in enumerate(patterns):
            if number not in tested:
                self.matcher.add(str(number), pattern["patterns"])
        self.table, self.sequences = self._tabled(tested)

    def _tabled(self, tested: dict[int, list]) -> tuple[_Table, list]:
        """The table of the rules it answers, and the patterns of several tokens (or that
        set more than token fields) as the specs of their tokens in a row."""
        specs: list[list] = []  # the tests of each token of each pattern
        rules, sequences = [], []  # (rule number, spec of each token)
        for number, tests in tested.items():
            ids = []
            for tokens in tests:
                ids.append(list(range(len(specs), len(specs) + len(tokens))))
                specs += tokens
            if self._one_token(number, ids):
                rules.append((number, [spec for [spec] in ids]))
            else:
                sequences += [(number, spec_ids) for spec_ids in ids]
        # the table shows which specs of these hold of each token, in this order
        shown = sorted({spec for _, spec_ids in sequences for spec in spec_ids})
        sequences = [(number, [shown.index(spec) for spec in spec_ids])
                     for number, spec_ids in sequences]
        return _Table(self.vocab, specs, rules, self.attrs, shown), sequences

    def _one_token(self, number: int, ids: list[list[int]]) -> bool:
        """Whether a rule sets the one token it tests, and only its fields: the table's."""
        return all(len(spec_ids) == 1 for spec_ids in ids) and set(
            self.attrs[number]) <= set(TOKEN_FIELDS) and self.indices[number] in (0, -1)

    def __call__(self, doc: Doc) -> Doc:
        if self.waiting_for:
            raise ModelNotFound(f"{self.waiting_for}: the model whose attribute rules "
                                "newsfacts_attributes reads is not installed")
        if not len(doc):
            return doc
        values, rule, holds = self.table.lookup(doc)
        matches = self._in_a_row(holds) + [
            (int(self.vocab.strings[key]), start, end)
            for key, start, end in (self.matcher(doc, allow_missing=True) if len(
                self.matcher) else ())]
        later = self._apply(doc, sorted(matches), values, rule)
        doc.from_array(TOKEN_FIELDS, values)
        for token, attrs in later:  # not token fields: spaCy sets them, in rule order
            set_token_attrs(doc[token], attrs)
        return doc

    def _in_a_row(self, holds: numpy.ndarray) -> list[tuple[int, int, int]]:
        """The matches of the patterns of several tokens: each token's spec holds."""
        matches = []
        somewhere = holds.any(axis=0).tolist()
        for number, spec_ids in self.sequences:
            starts = len(holds) - len(spec_ids) + 1
            if starts <= 0 or not all(somewhere[spec] for spec in spec_ids):
                continue
            row = holds[:starts, spec_ids[0]].copy()
            for offset, spec in enumerate(spec_ids[1:], 1):
                row &= holds[offset:offset + starts, spec]
            matches += [(number, start, start + len(spec_ids))
                        for start in numpy.flatnonzero(row).tolist()]
        return matches

    def _apply(self, doc: Doc, matches: list[tuple[int, int, int]], values: numpy.ndarray,
               rule: numpy.ndarray) -> list[tuple[int, dict]]:
        """Set what matched rules set, over the table's values where they come later;
        return the attributes other than token fields, to be set after."""
        later = []
        for number, start, end in matches:
            token = self._target(doc, number, start, end)
            others = {}
            for attr, value in self.attrs[number].items():
                if attr in TOKEN_FIELDS:
                    column = TOKEN_FIELDS.index(attr)
                    if number > rule[token, column]:
                        values[token, column], rule[token, column] = value, number
                else:
                    others[attr] = value
            if others:
                later.append((token, others))
        return later

    def _target(self, doc: Doc, number: int, start: int, end: int) -> int:
        """The token of a match the rule sets, as AttributeRuler finds and checks it."""
        try:
            return Span(doc, start, end)[self.indices[number]].i
        except IndexError:
            raise ValueError(Errors.E1001.format(  # as the Matcher's get() gives them
                patterns=(None, self.patterns[number]["patterns"]),
                span=[t.text for t in doc[start:end]], index=self.indices[number])) from None

    def to_bytes(self, exclude=()) -> bytes:
        return util.to_bytes({PATTERNS_FILE: lambda: srsly.msgpack_dumps(self.patterns)},
                             exclude)

    def from_bytes(self, data: bytes, exclude=()) -> Attributes:
        util.from_bytes(data, {PATTERNS_FILE: lambda b: self._saved(srsly.msgpack_loads(b))},
                        exclude)
        return self

    def to_disk(self, path, exclude=()) -> None:
        """Save the patterns as AttributeRuler does (a ``patterns`` file of msgpack)."""
        util.to_disk(path, {PATTERNS_FILE: lambda p: srsly.write_msgpack(p, self.patterns)},
                     exclude)

    def from_disk(self, path, exclude=()) -> Attributes:
        util.from_disk(path, {PATTERNS_FILE: lambda p: self._saved(srsly.read_msgpack(p))},
                       exclude)
        return self

    def _saved(self, patterns: list[dict]) -> None:
        self.waiting_for = ""
        self._load(patterns)


def _token_tests(spec: dict, vocab: Vocab) -> list[tuple] | None:
    """One token's pattern as tests (attribute, "in", "out" or "regex", the values hashed
    as the Matcher hashes them, or the regex); None if the table cannot answer it (an
    operator, an extension attribute, an attribute read otherwise)."""
    tests = []
    for key, value in spec.items():
        attr = IDS.get({"TEXT": "ORTH"}.get(key.upper(), key.upper())) if isinstance(
            key, str) else None
        if attr not in TESTABLE:
            return None
        if isinstance(value, dict):
            found = [_predicate(attr, op, values) for op, values in value.items()]
            if not found or None in found:
                return None
            tests += found
        elif isinstance(value, bool):
            tests.append((attr, "in", frozenset([int(value)])))
        elif isinstance(value, int | str):
            exact = vocab.strings.add(value) if isinstance(value, str) else value
            tests.append((attr, "in", frozenset([exact])))
        else:
            return None
    return tests


def _predicate(attr: int, op: str, values) -> tuple | None:
    if op == "REGEX" and isinstance(values, str) and attr in STRINGS:
        return attr, "regex", re.compile(values)
    if op in ("IN", "NOT_IN") and isinstance(values, list | tuple) and all(
            isinstance(v, str | int) for v in values):
        return attr, "in" if op == "IN" else "out", frozenset(get_string_id(v) for v in values)
    return None


class _Table:
    """What the table's rules set on a token, and which specs of the patterns of several
    tokens hold of it, by the values its tests read, worked out once for each
    combination. A value no test names stands for all of them (with what each regex says
    of it), so the combinations are few (hundreds for the medium model) however much text
    goes through."""

    def __init__(self, vocab: Vocab, specs: list[list[tuple]], rules: list, attrs: list[dict],
                 shown: list[int]):
        self.vocab = vocab
        self.rules, self.attrs, self.shown = rules, attrs, shown
        tests = list({(a, kind, id(values)): (a, kind, values)
                      for spec in specs for a, kind, values in spec}.values())
        self.columns = sorted({attr for attr, _, _ in tests})
        # per column: the values its tests name (a token's value is read as its place
        # among them, or len() for any other), and its regexes, each a bit
        self.named = [sorted({v for a, kind, vs in tests if a == attr and kind != "regex"
                              for v in vs}) for attr in self.columns]
        self.regexes = [[t[2] for t in tests if t[:2] == (attr, "regex")]
                        for attr in self.columns]
        # each test a bit; a spec holds when all its tests pass
        self.tests = [(self.columns.index(attr), kind, values) for attr, kind, values in tests]
        bit = {(attr, kind, id(values)): n for n, (attr, kind, values) in enumerate(tests)}
        self.specs = [sum(1 << bit[attr, kind, id(values)] for attr, kind, values in spec)
                      for spec in specs]
        self.seen: dict[tuple[int, ...], int] = {}  # a token's values -> row of the answers
        self.found: dict[tuple[int, ...], int] = {}  # their classes -> row of the answers
        self.rows: list[tuple[list, list, list]] = []  # values, rules, holds
        self.answers = self._arrays([])

    def lookup(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Each token's token fields after the table's rules, the rule that set each (-1:
        none, the value the Doc had), and which shown specs hold of each token."""
        values = doc.to_array(TOKEN_FIELDS)
        read = doc.to_array(self.columns).reshape(len(doc), -1).tolist() if (
            self.columns) else [[]] * len(doc)
        seen = self.seen
        rows = numpy.array([seen[t] if t in seen else self._seen(t) for t in map(tuple, read)],
                           dtype=numpy.int64)
        if len(self.answers[0]) < len(self.rows):  # new combinations: their rows added
            self.answers = tuple(numpy.concatenate(pair) for pair in zip(
                self.answers, self._arrays(self.rows[len(self.answers[0]):]), strict=True))
        set_values, rule, holds = (answer[rows] for answer in self.answers)
        values[rule >= 0] = set_values[rule >= 0]
        return values, rule, holds

    def _arrays(self, rows: list) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Rows of answers as arrays: the values, the rules that set them, the specs."""
        shapes = (len(TOKEN_FIELDS), len(TOKEN_FIELDS), len(self.shown))
        return tuple(numpy.array([row[n] for row in rows], dtype=dtype).reshape(
            len(rows), width) for n, (dtype, width) in enumerate(
            zip((numpy.uint64, numpy.int64, bool), shapes, strict=True)))

    def _seen(self, values: tuple[int, ...]) -> int:
        """The row of a token's values, remembered (up to a large vocabulary's worth)."""
        classes = tuple(self._class(column, value) for column, value in enumerate(values))
        if classes not in self.found:
            self.found[classes] = len(self.rows)
            self.rows.append(self._answer(classes))
        if len(self.seen) >= MAX_SEEN:
            self.seen.clear()
        self.seen[values] = self.found[classes]
        return self.seen[values]

    def _class(self, column: int, value: int) -> tuple[int, int]:
        """A value's place among the values the column's tests name (len() for any
        other), and what each of its regexes says of it (the Matcher's search), as bits."""
        named, regexes = self.named[column], self.regexes[column]
        place = bisect_left(named, value)
        if place == len(named) or named[place] != value:
            place = len(named)
        text = self.vocab.strings[value] if regexes else ""
        return place, sum(1 << n for n, regex in enumerate(regexes) if regex.search(text))

    def _answer(self, classes: tuple[tuple[int, int], ...]) -> tuple[list, list, list]:
        """Which specs hold of a token of these values, and what the rules set, in order."""
        passing = 0
        for n, (column, kind, values) in enumerate(self.tests):
            place, bits = classes[column]
            named = self.named[column]
            if kind == "regex":
                passed = bool(bits >> self.regexes[column].index(values) & 1)
            else:
                passed = (named[place] in values if place < len(named) else False) is (
                    kind == "in")
            passing |= passed << n
        holds = [spec & passing == spec for spec in self.specs]
        held = {n for n, spec in enumerate(holds) if spec}
        values, rule = [0] * len(TOKEN_FIELDS), [-1] * len(TOKEN_FIELDS)
        for number, spec_ids in self.rules:
            if not held.isdisjoint(spec_ids):
                for attr, set_to in self.attrs[number].items():
                    values[TOKEN_FIELDS.index(attr)] = set_to
                    rule[TOKEN_FIELDS.index(attr)] = number
        return values, rule, [holds[spec] for spec in self.shown]
