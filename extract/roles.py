"""Read deal frames off a parsed sentence: which deal word an amount belongs to, and who
plays which role in it, from the dependency parse.

A frame is the deal word (verb or noun) that governs a money expression, with its
arguments: subject, object, passive agent, possessor and prepositional objects. The
frame tables in cues.py map each argument to a role. Rules here are about the parse;
names are tidied and resolved later (claims.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .cues import NOT_DEAL_NOUNS, SAY_VERBS

# Dependency labels (ClearNLP, as en_core_web_sm uses), named for what they mean here.
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
PREPOSITIONS = {"prep", "agent", "dative"}
# Links through which a deal verb takes its subject from the verb above it:
# "agreed to acquire", "signed a letter of intent to acquire", "moved to buy".
INHERIT_SUBJECT = {"xcomp", "acl", "advcl", "conj", "pcomp", "relcl", "pobj", "dobj", "prep",
                   "ccomp", "attr"}
# Verbs whose object is the deal noun: "made an offer for", "completed the purchase of".
LIGHT_VERBS = {"make", "submit", "launch", "complete", "announce", "sign", "agree", "reach",
               "propose", "approve", "have", "finalize", "finalise", "close", "enter",
               "raise", "increase", "sweeten", "lift", "boost", "renew", "extend", "file",
               "take", "pursue", "seek", "plan", "consider", "begin", "start", "arrange"}
# Verbs whose subject receives a deal noun: "Calny received a bid from PepsiCo".
RECEIVING_VERBS = {"receive", "accept", "reject", "get", "rebuff", "spurn", "welcome", "win",
                   "land", "secure", "obtain", "weigh", "review", "study", "evaluate"}
# Common nouns that mean "a company": "the company agreed", "the group said".
COMPANY_NOUNS = {"company", "firm", "group", "concern", "corporation", "bank", "startup",
                 "start-up", "maker", "lab", "partnership", "consortium", "insurer",
                 "carrier", "retailer", "operator", "developer", "conglomerate", "utility"}
# Nouns naming a part of a company that changes hands: "its Wilkinson unit", "the mill".
PART_NOUNS = {"unit", "units", "division", "divisions", "subsidiary", "subsidiaries", "business",
              "businesses", "operations", "operation", "assets", "asset", "plant", "plants",
              "mill", "mills", "factory", "factories", "stake", "interest", "shares",
              "share", "stock", "segment", "segments", "arm", "branch", "branches", "property",
              "properties", "stores", "store", "hotel", "hotels", "chain", "brand", "brands",
              "portfolio", "line", "lines", "network", "majority", "pct", "percent", "bonds",
              "notes", "preferred", "common", "rights", "refinery", "mine", "field", "fields",
              "building", "headquarters", "facility", "facilities", "station", "stations"}
ENTITY_LABELS = {"ORG", "PERSON", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC",
                 "EVENT", "LAW"}
PRONOUNS = {"it", "its", "they", "their", "we", "our", "he", "his", "she", "her"}
ANAPHOR = "@it"  # stands for "the company the sentence is about", resolved in claims.py


@dataclass
class Frame:
    """A deal word in a sentence and the parties its arguments name, by role."""

    cue: Token
    kind: str
    roles: dict[str, list[str]] = field(default_factory=dict)
    target_phrase: str | None = None
    via_parse: bool = True  # the amount hangs off the cue in the parse (not just nearby)

    def add(self, role: str, names: list[str]) -> None:
        slot = self.roles.setdefault(role, [])
        for name in names:
            if name and name not in slot:
                slot.append(name)


def governing_cue(money: Span, cues: dict[str, str]) -> tuple[Token | None, bool]:
    """Walk up the parse from an amount to the deal word that governs it.

    Returns the cue token (or None) and whether the way up was blocked by a noun whose
    money is not a deal's ("annual sales of 100 mln dlrs").
    """
    tok = money.root
    came_from: Token | None = None
    for _ in range(12):
        if tok is not money.root or tok.i < money.start or tok.i >= money.end:
            lemma = _lemma(tok)
            if _is_cue(tok, cues) and not _is_sales_figure(tok, came_from):
                return tok, False
            if tok.pos_ in {"NOUN", "PROPN"} and lemma in NOT_DEAL_NOUNS:
                return None, True
        if tok.head is tok:
            break
        came_from, tok = tok, tok.head
    return None, False


def _is_sales_figure(tok: Token, came_from: Token | None) -> bool:
    """"sales of 16 mln dlrs" states turnover; "the sale of its unit for 16 mln" a deal."""
    if tok.lower_ not in {"sales", "sale"} or came_from is None:
        return False
    return came_from.dep_ == "prep" and came_from.lower_ == "of" and tok.lower_ == "sales" or (
        tok.lower_ == "sales" and not any(c.lower_ in {"to", "for"} for c in tok.children))


def _lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _is_cue(tok: Token, cues: dict[str, str]) -> bool:
    return _cue_kind(tok, cues) is not None


def _cue_kind(tok: Token, cues: dict[str, str]) -> str | None:
    if tok.pos_ not in {"VERB", "NOUN", "PROPN", "ADJ", "AUX"} and tok.dep_ != "ROOT":
        return None
    kind = cues.get(_lemma(tok)) or cues.get(tok.lower_)
    if kind == "stake" and tok.lower_ == "interest" and not any(
            c.lower_ == "in" for c in tok.children):
        return None  # "interest payments" are not a stake
    return kind


def sentence_cues(sent: Span, cues: dict[str, str]) -> list[Token]:
    """The deal words of a sentence, in order."""
    return [t for t in sent if _is_cue(t, cues)]


def read_frame(cue: Token, cues: dict[str, str], frames: dict[str, dict[str, str]],
               money: Span | None = None) -> Frame:
    """Read the arguments of a deal word and map them to roles with its frame."""
    kind = _cue_kind(cue, cues) or "value"
    frame = Frame(cue=cue, kind=kind)
    table = frames.get(kind, {})
    for arg, tokens in _arguments(cue, cues, money).items():
        # "Calny received a bid from PepsiCo": who receives a deal is paid.
        role = "seller" if arg == "received" else table.get(
            "subj" if arg == "subj_of_verb" else arg)
        if role is None:
            continue
        for tok in tokens:
            names, part, owner = _names_of(tok)
            if part and role in {"target", "seller"}:
                frame.target_phrase = frame.target_phrase or part
                frame.add("seller", owner)
                continue
            if part and role == "buyer":
                continue  # "shares" cannot pay
            frame.add(role, names)
    return frame


def _arguments(cue: Token, cues: dict[str, str], money: Span | None) -> dict[str, list[Token]]:
    args: dict[str, list[Token]] = {}

    def put(key: str, tok: Token) -> None:
        if money is not None and money.start <= tok.i < money.end:
            return  # the amount itself is no party: "pay 45 billion"
        if tok.like_num or tok.ent_type_ in {"MONEY", "PERCENT", "CARDINAL", "DATE", "TIME"}:
            return
        args.setdefault(key, []).append(tok)

    is_verb = cue.pos_ in {"VERB", "AUX"}
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in cue.children)
    for child in cue.children:
        dep = child.dep_
        if dep in SUBJECTS:
            put("subj", child)
        elif dep in PASSIVE_SUBJECTS:
            put("pass", child)
        elif dep in OBJECTS and is_verb:
            put("obj", child)
            _prepositions_of(child, put)  # "bought a stake in X", "operations of X"
        elif dep == "dative" and child.pos_ != "ADP":
            put("dative", child)
        elif dep in PREPOSITIONS:
            _prepositions(child, put)
        elif dep == "poss":
            put("poss", child)
        elif dep == "compound" and not is_verb:
            put("compound", child)
        elif dep == "acl" and child.lower_ == "led":
            for grand in child.children:  # "a round led by Thrive"
                if grand.dep_ == "agent":
                    for pobj in grand.children:
                        put("led", pobj)
    if is_verb and "subj" not in args and not passive:
        subject = _inherited_subject(cue)
        if subject is not None:
            put("subj", subject)
    if is_verb and passive and "pass" not in args:
        subject = _inherited_subject(cue)
        if subject is not None:
            put("pass", subject)
    if not is_verb:
        _noun_context(cue, cues, put)
    return args


def _prepositions(prep: Token, put) -> None:
    key = "agent" if prep.dep_ == "agent" else prep.lower_
    for pobj in prep.children:
        if pobj.dep_ in {"pobj", "pcomp"}:
            put(key, pobj)
            for conj in pobj.conjuncts:
                put(key, conj)


def _prepositions_of(noun: Token, put) -> None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of", "from"}:
            _prepositions(child, put)


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb takes from the verb above it: "X agreed to acquire Y" -> X."""
    tok = verb
    for _ in range(6):
        if tok.dep_ not in INHERIT_SUBJECT or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            for child in tok.children:
                if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
                    return child
    return None


def _noun_context(noun: Token, cues: dict[str, str], put) -> None:
    """Arguments a deal noun takes from its verb: "X made an offer for Y" -> subj X."""
    head = noun.head
    if noun.dep_ in OBJECTS | {"nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        lemma = _lemma(head)
        for child in head.children:
            if child.dep_ in SUBJECTS:
                put("received" if lemma in RECEIVING_VERBS else "subj", child)
            elif child.dep_ in PREPOSITIONS and child.lower_ in {"from", "with", "to", "by"}:
                _prepositions(child, put)
        if not any(c.dep_ in SUBJECTS for c in head.children):
            subject = _inherited_subject(head)
            if subject is not None:
                put("received" if lemma in RECEIVING_VERBS else "subj", subject)
    elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
        # "agreed to a buyout from First Boston": the verb's subject is the noun's.
        verb = head.head
        for child in verb.children:
            if child.dep_ in SUBJECTS:
                put("subj_of_verb", child)


def _names_of(tok: Token) -> tuple[list[str], str | None, list[str]]:
    """The party names an argument token stands for.

    Returns (names, part, owner): names of companies or people; for a part of a company
    ("its Wilkinson Sword unit", "the operations of Allis-Chalmers"), the part's phrase
    and the names of its owner.
    """
    ent = _entity(tok)
    if ent is not None:
        return [_entity_text(ent)] + _conjunct_names(tok), None, []
    lower = tok.lower_
    if lower in PRONOUNS:
        return [ANAPHOR], None, []
    if tok.pos_ in {"NOUN", "PROPN", "NUM"}:
        led = _led_by(tok)
        if led:
            return led, None, []
        if lower in PART_NOUNS or tok.lemma_ in PART_NOUNS:
            return [], _part_phrase(tok), _owner_names(tok)
        if lower in COMPANY_NOUNS and any(c.lower_ in {"the", "this"} for c in tok.children):
            return [ANAPHOR], None, []
        if tok.pos_ == "PROPN":
            return [_proper_phrase(tok)] + _conjunct_names(tok), None, []
        inner = _inner_entity(tok)
        if inner:
            return inner, None, []
    return [], None, []


def _entity(tok: Token) -> Span | None:
    if tok.ent_type_ in ENTITY_LABELS:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    return None


def _entity_text(ent: Span) -> str:
    words = [t for t in ent if t.lower_ not in {"the"} and t.dep_ != "case"]
    return ent.doc[words[0].i:words[-1].i + 1].text if words else ent.text


def _conjunct_names(tok: Token) -> list[str]:
    names = []
    for conj in tok.conjuncts:
        ent = _entity(conj)
        if ent is not None:
            names.append(_entity_text(ent))
        elif conj.pos_ == "PROPN":
            names.append(_proper_phrase(conj))
    return names


def _proper_phrase(tok: Token) -> str:
    """"Houston Endowment Inc" from its head token "Inc": the compound chain."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.pos_ in {"PROPN", "ADJ"}:
            left = min(left, child.left_edge.i if child.dep_ == "compound" else child.i)
    return tok.doc[left:tok.i + 1].text


def _led_by(tok: Token) -> list[str]:
    """"a group led by Audio/Video Affiliates" -> the leader; "investors including X"."""
    names = []
    for child in tok.children:
        if child.dep_ == "acl" and child.lower_ in {"led", "headed", "controlled"}:
            for grand in child.children:
                if grand.dep_ == "agent":
                    for pobj in grand.children:
                        names.extend(_names_of(pobj)[0])
        if child.dep_ == "prep" and child.lower_ in {"including", "led"}:
            for pobj in child.children:
                names.extend(_names_of(pobj)[0])
    return [n for n in names if n != ANAPHOR]


def _part_phrase(tok: Token) -> str:
    """The words naming a part of a company: "Wilkinson Sword Consumer Group unit"."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in {"det", "poss", "case"}
             and not t.like_num and t.ent_type_ not in {"PERCENT", "CARDINAL"}]
    for child in tok.rights:  # "the operations of Allis-Chalmers" -> keep "of ..." out
        if child.dep_ == "prep" and child.lower_ in {"in", "of"}:
            break
    if not words:
        return tok.text
    return tok.doc[words[0].i:tok.i + 1].text


def _owner_names(tok: Token) -> list[str]:
    """Who owns a part: "its unit" -> the company, "operations of Allis-Chalmers"."""
    owners = []
    for child in tok.children:
        if child.dep_ == "poss":
            owners.extend(_names_of(child)[0])
        elif child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            for pobj in child.children:
                owners.extend(_names_of(pobj)[0])
        elif child.dep_ == "compound" and _entity(child) is not None and tok.lower_ in {
                "stake", "shares", "share", "stock", "interest"}:
            owners.append(_entity_text(_entity(child)))
    return owners


def _inner_entity(tok: Token) -> list[str]:
    """An organisation inside a common-noun phrase: "holders of USAir common" -> USAir."""
    for t in tok.subtree:
        ent = _entity(t)
        if ent is not None and ent.label_ == "ORG" and t.i != tok.i:
            return [_entity_text(ent)]
    return []


def speaker(sent: Span) -> Token | None:
    """The subject of the sentence's reporting verb: "Dixons said ..." -> Dixons."""
    for tok in sent:
        if tok.dep_ == "ROOT" and _lemma(tok) in SAY_VERBS:
            for child in tok.children:
                if child.dep_ in SUBJECTS:
                    return child
    return None
