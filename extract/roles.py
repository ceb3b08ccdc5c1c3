"""Read deal frames off a parsed sentence: which deal word an amount belongs to, and who
plays which role in it, from the dependency parse.

A frame is the deal word (verb or noun) that governs a money expression, with its
arguments: subject, object, passive agent, possessor and prepositional objects. The
frame tables in cues.py map each argument to a role. Rules here are about the parse;
names are tidied and resolved against the article later (claims.py).
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from .arguments import ArgumentPatterns
from .cast import is_generic, is_place
from .cues import (
    AGREEING_VERBS,
    ARRANGING_VERBS,
    ASSET_WORDS,
    BASE_FORMS,
    BEING_VERBS,
    COMPANY_NOUNS,
    DEAL_NOUNS,
    DEAL_VERBS,
    ENTITY_LABELS,
    LEADING_VERBS,
    LENDING_VERBS,
    MAIN_COMPANY_NOUNS,
    MARKET_WORDS,
    NOT_DEAL_HEADS,
    NOT_DEAL_NOUNS,
    NOT_DEAL_VERBS,
    NOT_PARTY_WORDS,
    OFFER_NOUNS,
    OPTION_WORDS,
    ORDERED_GOODS,
    OVERSEEING_VERBS,
    PART_NOUNS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    PICKING_UP,
    PRONOUNS,
    QUANTIFIERS,
    RAISED_FIGURES,
    RAISING_VERBS,
    RECEIVING_VERBS,
    SAY_VERBS,
    SECURITY_NOUNS,
    SIGNING_VERBS,
    SIZE_UNITS,
    STAKE_NOUNS,
    STATE_SIGNERS,
    SUPPLY_VERBS,
    SUPPLY_WORDS,
    VERB_FORMS,
    VERB_ONLY_CUES,
    WINNING_VERBS,
)
from .lexicon import MONTHS
from .namekeys import strip_suffixes
from .wholewords import has_whole_word

# Dependency labels (ClearNLP, as en_core_web_sm uses), named for what they mean here.
SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
PREPOSITIONS = {"prep", "agent", "dative"}
# Links through which a deal verb takes its subject from the verb above it:
# "agreed to acquire", "signed a letter of intent to acquire", "moved to buy".
INHERIT_SUBJECT = {"xcomp", "acl", "advcl", "conj", "pcomp", "relcl", "pobj", "dobj", "prep",
                   "attr", "npadvmod", "amod"}
ANAPHOR = "@it"  # stands for "the company the article is about", resolved in claims.py
DESCRIBED = "@the:"  # "@the:railroad": the company the article calls "the railroad"


@dataclass
class Frame:
    """A deal word in a sentence and the parties its arguments name, by role."""

    cue: Token
    kind: str
    roles: dict[str, list[str]] = field(default_factory=dict)
    target_phrase: str | None = None
    # what changes hands as the sentence words it ("42,300 Brisco common shares", "19.9
    # pct"), kept when the target is named by its owner: it tells a stake from a company
    part: str | None = None
    via_parse: bool = True  # the amount hangs off the cue in the parse (not just nearby)
    light_verb: str | None = None  # the verb a deal noun is the object of ("have", "sign")
    # roles an argument filled without naming anyone: "to a group of Russian investors"
    unnamed: set[str] = field(default_factory=set)
    # the rules that made this frame, in order: {"rule": id, "says": what it decided}
    trace: list[dict] = field(default_factory=list)

    def note(self, rule: str, says: str) -> None:
        """Record a rule that decided something about this frame."""
        self.trace.append({"rule": rule, "says": says})

    def add(self, role: str, names: list[str]) -> None:
        slot = self.roles.setdefault(role, [])
        for name in names:
            if name and name not in slot:
                slot.append(name)

    def has_parties(self) -> bool:
        return bool(self.roles.get("buyer") or self.roles.get("seller"))


def _lemma(tok: Token) -> str:
    """The base form of a word, from our own tables (the pipeline runs no lemmatizer)."""
    if tok.pos_ == "VERB" and tok.lower_ in VERB_FORMS:
        return VERB_FORMS[tok.lower_]  # "is lending Nvidia $40 million"
    return BASE_FORMS.get(tok.lower_) or (tok.lemma_ or tok.text).lower()


def _kind_of_other_word(tok: Token) -> str | None:
    """Words no frame lists that are deal words in some places."""
    if _lemma(tok) == "take" and any(c.dep_ == "prt" and c.lower_ == "over"
                                     for c in tok.children):
        return "acquire"  # "agreed to take over VCA"
    if _lemma(tok) in {"take", "gain", "acquire", "assume", "win"} and any(
            c.dep_ == "dobj" and c.lower_ == "control" for c in tok.children):
        return "acquire"  # "agreed to take full control of Delray"
    if tok.lower_ in PICKING_UP and any(c.dep_ == "prt" and c.lower_ == "up"
                                      for c in tok.children):
        return "acquire"  # "Chevron picked up PDC Energy for $6.3bn"
    if _lemma(tok) == "take" and any(c.lower_ == "private" and c.dep_ in {
            "oprd", "acomp", "advmod", "xcomp", "ccomp", "amod", "dobj"} for c in tok.children):
        return "acquire"  # "agreed to take Dunlow Media private in a deal worth $3.4 billion"
    if tok.lower_ == "series" and tok.i + 1 < len(tok.doc) and re.fullmatch(
            r"[A-K]\d?", tok.doc[tok.i + 1].text):
        return "raise"  # "its $85m Series B"
    if tok.lower_ in {"debt", "borrowings"} and _borrowed(tok):
        return "lend"  # "$5.25 billion of debt from five Wall Street banks"
    return None


def cue_kind(tok: Token, cues: dict[str, str]) -> str | None:
    """The frame a token's deal word belongs to, or None when it is no deal word here."""
    if tok.pos_ not in {"VERB", "NOUN", "PROPN", "ADJ", "AUX", "ADP"} and tok.dep_ != "ROOT":
        return None
    if tok.ent_type_ == "MONEY":
        return None  # a word of an amount: "2.4 trillion won" names Korea's currency
    kind = cues.get(tok.lower_) or cues.get(_lemma(tok))
    if kind is None:
        return _kind_of_other_word(tok)
    if tok.lower_ == "combined" and tok.dep_ in {"acl", "amod", "advmod", "advcl"}:
        return None  # "spend more than $400 billion combined": in total, no merger
    if tok.dep_ == "amod" and tok.tag_ in {"VBN", "VBG"}:
        return None  # "the proposed deal", "the agreed terms": a participle describing one
    if tok.lower_ in VERB_ONLY_CUES and tok.pos_ not in {"VERB", "AUX"}:
        return None  # "European equity funds", "its financial backers"
    if kind == "raise" and tok.lower_ == "financing" and (
            tok.head.lower_ in {"line", "facility", "package", "loan", "agreement"}
            or any(c.lower_ in {"debt", "bank", "equipment", "bridge", "mortgage"}
                   for c in tok.children)):
        return "lend"  # "a $60m equipment financing line with Keystone Commerce Bank"
    if kind == "stake" and tok.lower_ in {"interest", "holding"} and not any(
            c.lower_ == "in" for c in tok.children):
        return None  # "interest payments", "a holding company" are not stakes
    if kind == "value" and tok.lower_ in {"value", "values"} and tok.pos_ == "NOUN" and any(
            c.lower_ in _FIGURE_VALUES for c in tok.children):
        return None  # "a market value of 910 mln dlrs"
    if tok.lower_ == "sales":
        return None  # "sales of 16 mln dlrs" is turnover; "the sale of its unit" a deal
    if kind == "raise" or _lemma(tok) in RAISING_VERBS:
        raised = _what_is_raised(tok, kind)
        if raised != "raise":
            return raised
    if kind == "lend" and any(c.lower_ in {"tax", "extraordinary", "investment"}
                              for c in tok.children):
        return None  # "a 12.2 mln dlr tax credit"
    if kind == "lend" and tok.lower_ == "credit" and tok.head.lower_ in {"including",
                                                                        "includes"}:
        return None  # "net income of 28,000 dlrs, including a 103,000 dlrs credit"
    if tok.dep_ == "compound" and tok.head.lower_ in SECURITY_NOUNS:
        return None  # "205p in loan notes", "convertible loan stock"
    if tok.dep_ in {"compound", "amod"} and tok.head.lower_ in NOT_DEAL_HEADS:
        return None  # "a bidding war", "deal activity"
    return kind


def _what_is_raised(tok: Token, kind: str) -> str | None:
    """What a raising verb raises: an offer ("bid"), debt ("borrow"), a stake or a
    figure (None: no deal), else money ("raise")."""
    objects = {c.lower_ for c in tok.children if c.dep_ in OBJECTS}
    if objects & {"offer", "bid", "price", "proposal"} or ("it" in objects and any(
            c.dep_ in OBJECTS and c.lower_ in OFFER_NOUNS
            for c in tok.head.children)) or _offer_in_amount(tok) or _price_raised(tok):
        # "Cyacq raised its tender offer to 92.50 dlrs a share", "amends its offer,
        # raising it to 35 dlrs a share"
        return "bid"
    if kind == "raise" and _raises_debt(tok):
        return "borrow"  # "raised $6 billion of debt from lenders"
    raised = objects | {c.lower_ for c in tok.children if c.dep_ in {"dative", "ccomp"}}
    if raised & (STAKE_NOUNS | RAISED_FIGURES):
        # "raised its Taft stake to 16.2 pct", "raised its price target"; "raises crude
        # postings", "raises qtly dividend" as headlines parse them
        return None
    return "raise"


def _offer_in_amount(verb: Token) -> bool:
    """"raising its 35 dlr per share offer": the parser makes the amount the object and
    hangs the offer inside it."""
    return any(t.lower_ in OFFER_NOUNS and t.head.ent_type_ == "MONEY"
               for obj in verb.children if obj.dep_ in OBJECTS and obj.ent_type_ == "MONEY"
               for t in obj.subtree)


def _price_raised(verb: Token) -> bool:
    """"had raised that figure from an initial $14.86 a share": a price a share raised
    from is a bid's earlier one."""
    return any(prep.dep_ == "prep" and prep.lower_ == "from" and any(
        t.lower_ in {"share", "shares"} and t.ent_type_ == "MONEY" for t in prep.subtree)
        for prep in verb.children)


def _raises_debt(verb: Token) -> bool:
    """"raised $6 billion of debt", "raised $500 million in loans": money borrowed."""
    return any(g.lower_ in {"debt", "loans", "borrowings"} for obj in verb.children
               if obj.dep_ in OBJECTS for prep in obj.children
               if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}
               for g in prep.children if g.dep_ == "pobj")


def sentence_cues(sent: Span, cues: dict[str, str]) -> list[Token]:
    """The deal words of a sentence, in order."""
    return [t for t in sent if cue_kind(t, cues)]


def outer_cue(cue: Token, money: Span, cues: dict[str, str]) -> Token | None:
    """The deal verb of the main clause, for an amount the parser hung on a relative
    clause it is past: "agreed to sell Soundloom, the podcast division it bought for
    $190 million in 2019, to Kinsale for $92 million" ($92 million is the sale's)."""
    if cue.dep_ not in {"relcl", "acl"} or not any(
            t.text == "," for t in money.doc[cue.i + 1:money.start]):
        return None
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return None  # "a letter of intent to sell its unit, Halden Freight, for $54m": no
        # relative clause but the deal itself
    tok = cue.head
    for _ in range(6):
        if cue_kind(tok, cues) in _DEAL_OBJECT_KINDS and tok.pos_ == "VERB":
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def governing_cue(money: Span, cues: dict[str, str]) -> tuple[Token | None, bool]:
    """Walk up the parse from an amount to the deal word that governs it.

    Returns the cue token (or None) and whether the amount is a company figure or a
    market price instead ("annual sales of 100 mln dlrs", "2.3 mln dlrs in damages",
    "Cyclops earned 21.3 mln dlrs").
    """
    assumed = _assumed_debt(money)
    if not assumed and _figure_nearby(money):
        return None, True
    following = None if assumed else _deal_noun_after(money, cues) or _cue_below(money, cues)
    if following is not None:
        return following, False
    tok = money.root
    for _ in range(12):
        if tok.dep_ == "conj" and tok.i >= money.start and tok.head.i < money.start:
            tok = tok.head.head if tok.head.head != tok.head else tok.head  # skip the sibling
            continue
        if not money.start <= tok.i < money.end and not (assumed and (
                tok.lower_ in _DEBT_WORDS or tok.lower_ == "assumption")):
            found = _governs(tok, cues)
            if found is not None:
                return found
        if tok.head == tok:
            break
        tok = tok.head
    return None, False


# Debt a buyer takes over, part of the price (GUIDELINES.md): "will assume about 12 mln
# dlrs of the unit's debt", "and the assumption of 15 mln dlrs in debt".
_ASSUMING = {"assume", "assumes", "assumed", "assuming", "assumption"}
_DEBT_WORDS = {"debt", "debts", "liabilities", "liability", "loan", "loans", "obligations",
               "borrowings", "mortgage", "mortgages", "including", "of", "in"}


def _assumed_debt(money: Span) -> Token | None:
    """The "assume" or "assumption" whose object holds the amount as debt taken over: the
    words between are debt words (or none), and a debt word is among them or after the
    amount. Its governing deal word is then read past the debt and the assuming."""
    tok, debt = money.root, False
    for child in money.root.children:
        after = [t.lower_ for t in child.subtree if t.i >= money.end]
        if "pension" in after:
            return None  # "332 mln dlrs in unfunded pension liabilities": no part of a price
        debt = debt or any(t in _DEBT_WORDS - {"including", "of", "in"} for t in after)
    for _ in range(8):
        if tok.head == tok:
            return None
        tok = tok.head
        if tok.lower_ in _ASSUMING:
            return tok if debt else None
        if not money.start <= tok.i < money.end:
            if tok.lower_ not in _DEBT_WORDS | QUANTIFIERS and tok.dep_ not in {
                    "prep", "compound"}:
                return None
            debt = debt or tok.lower_ in _DEBT_WORDS - {"including", "of", "in"}
    return None


def _governs(tok: Token, cues: dict[str, str]) -> tuple[Token | None, bool] | None:
    """What a word above an amount says of it: (the deal word, False), (None, True) for a
    company figure, a market price or a valuation, or None: look further up."""
    kind = cue_kind(tok, cues)
    # "securities worth over 85 mln dlrs" paid for a purchase: the purchase
    # governs; "a market value", "the round values Mistral at": nothing does.
    if kind and (kind != "value" or values_a_deal(tok)):
        if _figure_of(tok) or _under_option(tok):
            return None, True  # "a loss on disposal of 55 mln", "repay a $150m loan"
        return tok, False
    if kind == "value" and tok.lower_ == "worth" and _worth_of_a_company(tok):
        return None, True  # "the company was worth at least $42 a share"
    if kind == "value" and tok.pos_ in {"VERB", "AUX"} and _lemma(tok) == "value" and not (
            _paid_in_shares(tok)):
        return None, True  # a valuation: "valuing the company at $183 billion"
    if tok.pos_ == "VERB" and tok.lower_ in {"priced", "pricing", "prices"}:
        return None, True  # "which priced the company at about $640m"
    compound = _compound_cue(tok, cues)
    if compound is not None:  # "the three mln dlr financing package"
        return (None, True) if _figure_of(compound) else (compound, False)
    if _price_paid(tok):
        return None  # "bought shares at an average price of": the verb's price
    if _not_deal_token(tok) or (tok.pos_ in {"VERB", "AUX"} and _reports_figure(tok)):
        return None, True
    if tok.pos_ in {"VERB", "AUX"}:
        deal = _deal_under_verb(tok, cues) or _loan_of_lending_clause(tok, cues)
        if deal is not None:
            # "consumer credit outstanding totaled 576 billion dlrs": a stock, not a loan
            return (None, True) if _figure_of(deal) else (deal, False)
    return None


def _loan_of_lending_clause(verb: Token, cues: dict[str, str]) -> Token | None:
    """The loan a lending verb's clause hangs from: "entered into a credit agreement with
    a group of banks to provide up to 300 mln dlrs" (the money is the credit's, not the
    price of the acquisition it pays for)."""
    if _lemma(verb) not in LENDING_VERBS or verb.dep_ not in {"advcl", "xcomp", "relcl",
                                                             "acl"}:
        return None
    head = verb.head
    nouns = [c for c in head.children if c.dep_ == "dobj"] + [
        g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if head.pos_ in {"NOUN", "PROPN"}:
        nouns.append(head)
    for noun in nouns:
        for word in [noun, *(c for c in noun.children if c.dep_ == "compound")]:
            if cue_kind(word, cues) == "lend":
                return word
    return None


def _deal_under_verb(verb: Token, cues: dict[str, str]) -> Token | None:
    """The deal a verb above an amount is about: its subject ("Advent's agreed terms were
    37.63p a share") or its object ("completed the purchase of X ... worth 85 mln dlrs")."""
    if _lemma(verb) in BEING_VERBS:
        for child in verb.children:
            if child.dep_ in SUBJECTS and cue_kind(child, cues) and (
                    cue_kind(child, cues) != "value" or values_a_deal(child)
                    or child.lower_ == "terms"):
                return child
    for child in verb.children:
        if child.dep_ in OBJECTS | PASSIVE_SUBJECTS and (
                cue_kind(child, cues) in _DEAL_OBJECT_KINDS | {"bid"}):
            return child  # "its buyout has been completed for 28.50"
    return None


_DEAL_OBJECT_KINDS = {"acquire", "sell", "bid", "merge", "contract", "lend", "invest"}
# Words between an amount and the deal noun it prices: "a 40 dlr per share cash offer".
_BEFORE_DEAL_NOUN = {"cash", "all-cash", "tender", "stock", "cash-and-stock", "takeover",
                     "hostile", "revised", "sweetened", "increased", "initial", "new", "firm",
                     "friendly", "unsolicited", "merger", "buyout", "leveraged", "debt",
                     "credit", "loan", "equity", "-", "acquisition", "investment", "bridge",
                     "term", "revolving", "bank", "syndicated", "secured", "unsecured", "senior",
                     "committed", "euro", "dollar", "sterling"}


def _deal_noun_after(money: Span, cues: dict[str, str]) -> Token | None:
    """The deal noun an amount modifies: "a 2.3 billion dlr takeover bid", "Emery's 40
    dlr per share offer" (which the parser sometimes fails to attach)."""
    doc = money.doc
    start = _after_parenthesis(money)
    for i in range(start, min(start + 4, money.sent.end)):
        tok = doc[i]
        kind = cue_kind(tok, cues)
        if kind in _DEAL_OBJECT_KINDS | {"bid", "pay", "raise"} and tok.pos_ in {"NOUN", "PROPN"}:
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "NOUN" and cue_kind(nxt, cues):
                continue  # "takeover bid": the last noun is the head
            return tok
        if tok.lower_ not in _BEFORE_DEAL_NOUN and not cue_kind(tok, cues) and not (
                tok.dep_ == "compound" and tok.head.i > tok.i):
            return None  # "a chip supply contract": compounds lead on to their noun
    return None


def _after_parenthesis(money: Span) -> int:
    """Where the words after an amount start, past the same amount in another currency:
    "2.4 trillion won ($1.7 billion) chip supply contract"."""
    doc, end = money.doc, money.end
    if end < len(doc) and doc[end].text == "(":
        for i in range(end + 1, min(end + 8, len(doc))):
            if doc[i].text == ")":
                return i + 1
    if money.start > 0 and doc[money.start - 1].text == "(" and end < len(doc) and \
            doc[end].text == ")":
        return end + 1  # the amount in brackets itself: "($1.7 billion) chip contract"
    return end


def _compound_cue(noun: Token, cues: dict[str, str]) -> Token | None:
    """A deal word modifying the noun an amount hangs off: "financing package"."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    for child in noun.children:
        if child.dep_ == "compound" and cue_kind(child, cues) in _DEAL_OBJECT_KINDS | {"raise"}:
            return child
        if child.dep_ == "compound" and child.lower_ == "debt" and noun.lower_ in {
                "package", "financing", "facility"}:
            return child  # "a £600m debt package provided by Barclays and NatWest"
    return None


def _borrowed(debt: Token) -> bool:
    """Debt taken on in a deal: "debt from five banks", "a debt package provided by",
    "lined up $5.25 billion of debt", not "its debt of 2 billion"."""
    if any(c.dep_ == "prep" and c.lower_ in {"from", "with"} for c in debt.children):
        return True
    if debt.dep_ == "compound" and debt.head.lower_ in {"package", "financing", "facility"}:
        return True
    verb = debt.head.head if debt.head.lower_ == "of" else debt.head
    if verb.pos_ == "NUM":  # "raised $6 billion of debt from lenders": the amount's verb
        verb = verb.head
    return verb.pos_ == "VERB" and _lemma(verb) in {
        "secure", "raise", "obtain", "arrange", "line", "borrow", "take", "get", "provide"}


def _figure_of(cue: Token) -> bool:
    """A deal word inside a company figure, a repayment or a settlement: "a loss on
    disposal of", "the proceeds will repay a $150 million bank loan", "replaces its C$200m
    revolver", "a settlement that provided for a payment"."""
    if any(c.lower_ == "outstanding" for c in cue.children) or (
            cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].lower_ == "outstanding"):
        return True  # "consumer credit outstanding totaled 576 billion dlrs": a stock
    before = cue.doc[max(cue.sent.start, cue.i - 3):cue.i]
    if any(t.lower_ in {"loss", "gain", "profit", "charge", "writedown", "write-off"}
           for t in before) and any(t.lower_ in {"on", "from"} for t in before):
        return True  # "a non-cash loss on disposal of about £55 million"
    tok = cue
    for _ in range(3):
        if tok.head == tok:
            return False
        clause, tok = tok, tok.head
        if clause.dep_ == "ccomp" and _lemma(tok) in _REPORTING:
            return False  # "X will buy Y for $2 billion, Bloomberg reported": reported speech
        if _not_deal_token(tok) or (tok.pos_ == "VERB" and _lemma(tok) in NOT_DEAL_VERBS):
            return True
        if tok.pos_ == "VERB":
            # "a settlement that provided for a 1.3 mln dlrs payment": the clause's noun
            return tok.dep_ in {"relcl", "acl"} and _not_deal_token(tok.head)
    return False


# Verbs that report a figure, or report news: "reported a loss on the sale", "the Journal
# reported that X will buy Y" (a clause: the news, not a figure).
_REPORTING = {"report"}


def _under_option(cue: Token) -> bool:
    """A deal verb for shares an option or a right holds: "an option to buy 2.6 mln shares
    at 1.25 dlrs", "the right to require Royal to repurchase the shares at 4.50 dlrs".
    The exercise price is no price of a deal made."""
    if not any(t.lower_ in {"shares", "stock", "share"} for t in cue.subtree):
        return False  # an option to buy a company or a unit is a deal
    if any(c.dep_ == "nsubj" and c.lower_ in OPTION_WORDS for c in cue.children):
        return True  # "options to buy ... at 65 cts" parsed as the verb's subject
    tok = cue
    for _ in range(3):
        if tok.dep_ not in {"acl", "xcomp", "relcl"} or tok.head == tok:
            return False
        tok = tok.head
        if tok.lower_ in OPTION_WORDS:
            return True
    return False


def _paid_in_shares(valued: Token) -> bool:
    """"through an exchange of stock valued at about 12 mln dlrs", "paid in shares valued
    at $40 million": what the shares paid are worth is the price, no valuation."""
    shares = valued.head
    return valued.dep_ == "acl" and shares.lower_ in {"stock", "shares", "securities"} and (
        shares.dep_ == "pobj" and shares.head.lower_ in {"of", "in"})


def _worth_of_a_company(worth: Token) -> bool:
    """"the company was worth $42 a share", "the market is worth £250bn": a valuation."""
    subject = value_subject(worth)
    if subject is not None and worth.dep_ == "amod" and subject.dep_ in OBJECTS and (
            subject.head.pos_ == "VERB" and _lemma(subject.head) in SUPPLY_VERBS | {
            "buy", "purchase", "order", "sell", "deliver", "provide"}):
        return False  # "will supply rails worth $300 million": the goods of the deal
    return subject is not None and not is_deal_noun(subject) and (
        subject.lower_ not in PART_NOUNS | _BID_NOUNS | {
            "securities", "cash", "stock", "notes", "exchange", "swap", "consideration"})


# Bids that deal-noun lists leave out: "rebuffed an approach worth about $1.1 billion".
_BID_NOUNS = {"approach", "approaches", "counterbid", "counteroffer", "buyout", "buy-out"}


def _cue_below(money: Span, cues: dict[str, str]) -> Token | None:
    """A deal word hanging off the amount itself: "the 90.25 dlrs a share price offered
    by Dixons", "92 dlrs a share, paid in cash"."""
    for child in money.root.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            for pobj in child.children:  # "$1.6 billion of committed debt financing"
                if pobj.dep_ == "pobj" and cue_kind(pobj, cues) in {"lend", "raise", "borrow"}:
                    return pobj
        # "the $6.6 billion OpenAI raised", "the $26.2 billion it spent on LinkedIn"
        if child.dep_ in {"acl", "relcl"} and cue_kind(child, cues) in (
                _DEAL_OBJECT_KINDS | {"raise", "pay"}):
            return child
        if child.dep_ == "appos":
            for grand in child.children:
                if grand.dep_ in {"acl", "relcl"} and cue_kind(grand, cues) in (
                        _DEAL_OBJECT_KINDS | {"bid"}):
                    return grand
    return None


# What makes a value a company's figure, not a deal's: "a market value", "its book value".
_FIGURE_VALUES = {"market", "book", "net", "face", "par", "asset"}


def _not_deal_token(tok: Token) -> bool:
    if tok.pos_ not in {"NOUN", "PROPN", "ADJ"}:
        return False
    if tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN"
                                   for c in tok.children):
        return False  # "Norvane Capital said": a company's name (read off the parse alone,
        # as Claims.may_claim reads it before the entity recogniser)
    if tok.lower_ in {"debt", "borrowings"} and _borrowed(tok):
        return False  # "debt from five banks" is a loan
    if tok.lower_ in {"price", "prices", "close"} and tok.pos_ == "NOUN" and (
            tok.lower_ == "close" or any(c.lower_ in MARKET_WORDS for c in tok.children)):
        return True  # "pushed Williams share price down to 733p from last night's close"
    if tok.lower_ in {"value", "values"} and tok.pos_ == "NOUN" and any(
            c.lower_ in _FIGURE_VALUES for c in tok.children):
        return True  # "Vexon, which had a market value of about $8.9 billion"
    return tok.lower_ in NOT_DEAL_NOUNS or (_lemma(tok) in NOT_DEAL_NOUNS and tok.lower_ != "sale")


def _figure_nearby(money: Span) -> bool:
    """"2.3 mln dlrs in damages", "11.2 mln dlrs in sales", "sales of 16 mln dlrs"."""
    for child in money.root.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of"} and any(
                _not_deal_token(g) for g in child.children if g.dep_ == "pobj"):
            return True
    # The words just before the amount: "a loss of", "revenue to", "earnings of".
    doc = money.doc
    i = money.start - 1
    skipped = 0
    while i >= money.sent.start and skipped < 4:
        tok = doc[i]
        if tok.lower_ in {"of", "to", "from", "at", "was", "were", "is", "totalled",
                          "totaled", "about", "around", "by", "rose", "fell", "the", "a",
                          "annual", "net", "total"}:
            i -= 1
            skipped += 1
            continue
        if _price_paid(tok):
            return False
        return (_not_deal_token(tok) and tok.lower_ not in {"credit", "capital"}) or (
            tok.lower_ == "credit" and i > 0 and doc[i - 1].lower_ in {"extraordinary", "tax"})
    return False


def _price_paid(tok: Token) -> bool:
    """"bought 5.2 million shares at an average price of 40.30 euros": the price a deal
    verb was done at, not a market's."""
    return tok.lower_ in {"price", "prices"} and tok.head.lower_ == "at" and (
        tok.head.head.pos_ == "VERB" and _lemma(tok.head.head) in _PRICED_VERBS)


_PRICED_VERBS = {"buy", "acquire", "purchase", "sell", "bid", "offer", "pay"}


def _reports_figure(verb: Token) -> bool:
    """A verb that reports a company figure: "Cook reported a loss", "sales were"."""
    if _lemma(verb) in NOT_DEAL_VERBS:
        return True
    return any(c.dep_ in SUBJECTS | OBJECTS | PASSIVE_SUBJECTS and _not_deal_token(c)
               for c in verb.children)


def read_frame(cue: Token, cues: dict[str, str], frames: dict[str, dict[str, str]],
               money: Span | None = None, inner: Token | None = None, *,
               patterns: ArgumentPatterns) -> Frame:
    """Read the arguments of a deal word and map them to roles with its frame.

    :param inner: a relative clause's verb whose arguments past the amount's comma
        belong to ``cue`` (see outer_cue).
    :param patterns: the argument patterns (rules/arguments.jsonl), compiled.
    """
    kind = cue_kind(cue, cues) or "value"
    frame = Frame(cue=cue, kind=kind)
    frame.note(f"cue.{kind}", f"{cue.text!r} ({cue.pos_.lower()}) is a deal word of frame {kind}")
    found, frame.light_verb = _arguments(cue, kind, money, patterns)
    if inner is not None:
        _past_relative_clause(inner, money, found)
    _rename_merger_arguments(found.args, kind)
    _assign_roles(frame, found, frames.get(kind, {}))
    return frame


def _past_relative_clause(inner: Token, money: Span, found: _Found) -> None:
    """"agreed to sell Soundloom, the division it bought in 2019, to Kinsale for $92
    million": the prepositions past the amount's comma are the outer deal word's."""
    comma = max(t.i for t in inner.doc[inner.i:money.start] if t.text == ",")
    for child in inner.children:
        if child.i > comma and child.dep_ in PREPOSITIONS:
            _prepositions(child, found.by("arg.past-relative-clause", filtered=False))


def _rename_merger_arguments(args: dict[str, list[Token]], kind: str) -> None:
    """Who is merged into whom, from the merger's prepositions."""
    if kind != "merge":
        return
    if any(_is_vehicle(t) for t in args.get("with", [])):
        # "agreed to merge with a First Boston affiliate": the affiliate's owner buys.
        args["subj_merged"] = args.pop("subj", []) + args.pop("subj_of_verb", [])
        args["with_vehicle"] = args.pop("with")
    if "of" in args and "with" not in args:
        # "the affiliation of First Tuskaloosa Corp with Amsouth": "with" hangs off the
        # first company
        for tok in args["of"]:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "with":
                    args.setdefault("with", []).extend(
                        g for g in child.children if g.dep_ == "pobj")
    if "of" in args and "with" in args and not (
            args.get("subj") or args.get("subj_of_verb") or args.get("poss")):
        args["into"] = args.pop("with")  # "the affiliation of First Tuskaloosa with AmSouth"


# Who acts comes before whose part.
_ACTING = ("subj", "subj_of_verb", "pass", "agent")


def _assign_roles(frame: Frame, found: _Found, table: dict[str, str]) -> None:
    """Give each argument's names the role the frame's table (or a rule in code) says."""
    args, kind = found.args, frame.kind
    by_buyer = bool(args.get("by") or args.get("agent")) and kind in {"acquire", "bid", "merge"}
    merged_into = kind == "merge" and "into" in args
    supplier = kind in {"contract", "pay"} and frame.light_verb in SIGNING_VERBS and \
        _supplies(frame.cue)
    for arg, tokens in sorted(args.items(), key=lambda kv: kv[0] not in _ACTING):
        if by_buyer and frame.cue.pos_ == "NOUN" and arg in {"subj_of_verb", "poss"}:
            # "Hargreaves agreed to a takeover by a consortium", "its buyout by AQ Corp":
            # whose the deal is, is bought.
            role, rule = "seller", "role.taken-over-by"
        elif merged_into and arg in {"subj", "subj_of_verb", "poss"}:
            # "First Federal agreed to merge into BankEast"
            role, rule = "seller", "role.merged-into"
        elif supplier and arg in _WON:
            # "Kallio signed a chip supply contract with Ferro": Kallio supplies, Ferro pays
            role, rule = _WON[arg], "role.signed-to-supply"
        else:
            role, rule = _role(arg, kind, table, frame.light_verb)
        if role is None:
            continue
        for tok in tokens:
            if rule == "value.obj" and tok.pos_ != "PROPN":
                continue  # "values the producer at": whom, the deal before tells
            _assign(frame, role, tok, rule, found.via.get((arg, tok.i)))


def _supplies(cue: Token) -> bool:
    """A contract its signer supplies under: "a chip supply contract", "an agreement ...
    to supply modules", "a services deal"."""
    if any(c.dep_ in {"compound", "amod", "nmod"} and c.lower_ in SUPPLY_WORDS
           for c in cue.subtree if c.i < cue.i):
        return True
    return any(t.dep_ in {"acl", "relcl", "advcl", "xcomp"} and t.lower_ in SUPPLY_VERBS
               for t in cue.head.subtree)


def _common_word(tok: Token) -> bool:
    """A word in lower case, or capitalised only as a sentence's first ("Banks and funds
    provided $60bn"), no name."""
    return tok.text.islower() or (tok.i == tok.sent.start and tok.text[1:].islower() and (
        not tok.ent_type_))


def _assign(frame: Frame, role: str, tok: Token, rule: str, via: str | None) -> None:
    """Give the names an argument stands for their role in the frame, and say why."""
    names, part, owner = names_of(tok)
    if not names and not part and tok.pos_ == "NOUN" and _common_word(tok) and (
            tok.lower_ not in PART_NOUNS and not is_deal_noun(tok)):
        frame.unnamed.add(role)
    how = f" via {via}" if via else ""
    if part:
        if role == "buyer":
            frame.add("buyer", owner)  # "sold to a unit of Alleghany Corp"
            if owner:
                frame.note(rule, f"buyer = {', '.join(owner)} (owner of {part!r}{how})")
            return
        stake = part.split()[-1].lower() in STAKE_NOUNS
        frame.part = frame.part or part
        frame.target_phrase = frame.target_phrase or (None if stake and owner else part)
        frame.add("target" if stake else "seller", owner)
        if owner:
            frame.note(rule, f"{'target' if stake else 'seller'} = {', '.join(owner)} "
                             f"(owner of {part!r}{how})")
        else:
            frame.note(rule, f"what changes hands = {part!r}{how}")
        return
    asset = _asset_noun(tok)
    if role == "seller" and names and asset is not None:
        # "buy radio stations WKLM and WKLN from Osprey": the names are the assets'
        frame.part = frame.part or asset.lower_
        frame.add("target", names)
        frame.note("role.named-assets", f"target = {', '.join(names)} ({tok.text!r}{how})")
        return
    frame.add(role, names)
    if names:
        frame.note(rule, f"{role} = {', '.join(names)} ({tok.text!r}{how})")
    parents = _vehicle_parents(tok) if role == "buyer" and names else []
    if parents:
        frame.add("buyer", parents)
        frame.note("role.vehicle-parents", f"buyer = {', '.join(parents)} (owners of "
                                           f"{tok.text!r}, who pay through it)")


_VEHICLE_NOUNS = {"vehicle", "entity", "consortium", "affiliate", "subsidiary", "venture",
                  "partnership"}
_OWNING_VERBS = {"owned", "controlled", "backed", "formed", "created"}


def _vehicle_parents(tok: Token) -> list[str]:
    """"Tessaro Bidco, owned by Harbourline and Norrvik", "Lakeview Bidco, a vehicle of
    Corran Capital and the Alder family office": the owners a bidding vehicle pays for
    (GUIDELINES.md lists the vehicle and its parents)."""
    found = []
    for child in tok.children:
        if child.dep_ == "acl" and child.lower_ in _OWNING_VERBS:
            found += [p for agent in child.children if agent.dep_ == "agent"
                      for p in agent.children if p.dep_ == "pobj"]
        elif child.dep_ == "appos" and child.lower_ in _VEHICLE_NOUNS:
            found += [p for prep in child.children if prep.dep_ == "prep" and prep.lower_ in {
                "of", "between"} for p in prep.children if p.dep_ == "pobj"]
    return [n for p in found for n in names_of(p, 1)[0] if n != ANAPHOR]


def _asset_noun(tok: Token) -> Token | None:
    """The asset word an argument is, or is named with: "stations" in "the stations",
    "radio stations WKLM" (the name's compound), "the Kestrel mill"."""
    if tok.pos_ == "NOUN" and tok.lower_ in ASSET_WORDS:
        return tok
    return next((c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                 and c.lower_ in ASSET_WORDS), None)


def _is_vehicle(tok: Token) -> bool:
    return tok.lower_ in {"affiliate", "unit", "subsidiary", "vehicle", "entity", "partnership"}


_WON = {"subj_of_verb": "seller", "received": "seller", "subj": "seller",
        "from": "buyer", "by": "buyer", "agent": "buyer", "with": "buyer"}


# Verbs that give a stake away: their subject sells it.
_SELLING = {"sell", "sold", "sells", "selling", "divest", "divested", "offload", "offloaded",
            "dispose", "disposed", "unload", "unloaded", "cut", "trim", "trimmed", "reduce",
            "reduced"}
_PAID = {"paid_from": "buyer", "paid_to": "seller", "offer_for": "seller",
         "paid_in_stock": "buyer", "work_for": "buyer"}


def _role(arg: str, kind: str, table: dict[str, str], light_verb: str | None
          ) -> tuple[str | None, str]:
    """The role of an argument, given the frame and the verb a deal noun hangs from, and
    the id of the rule that says so (``<frame>.<argument>`` for the frame's own table)."""
    if kind in {"contract", "pay", "invest"} and light_verb in WINNING_VERBS and arg in _WON:
        # "Alstom secured a $1 billion contract from Amtrak": the provider wins it; "Quillon
        # landed a $45 million investment from Arbor": the investee
        return _WON[arg], f"role.won-{kind}.{arg}"
    if arg == "subj_merged":
        return "seller", "role.merged-with-vehicle"
    if arg == "with_vehicle":
        return "buyer", "role.merged-with-vehicle"
    if arg == "received":
        return "seller", "role.received-bid"  # "Calny received a bid from PepsiCo"
    if arg == "holders_of":
        return "seller", "role.holders-approve"
    if arg in _PAID:  # "the 400,000 dlrs received from Searle": whatever the deal word
        return _PAID[arg], f"role.{arg.replace('_', '-')}"
    if kind == "stake" and arg in {"subj", "subj_of_verb"} and light_verb in _SELLING:
        return "seller", "role.sold-stake"  # "Intel sold a 49% stake in the venture"
    if kind in {"lend", "borrow"} and arg in {"subj", "subj_of_verb"} and light_verb:
        # "Sanwa extended a credit line" / "Telecast obtained a loan"
        lends = light_verb in LENDING_VERBS
        return ("buyer", "role.lending-verb") if lends else ("seller", "role.borrowing-verb")
    key = "subj" if arg == "subj_of_verb" else arg
    return table.get(key), f"{kind}.{key}"


class _Found:
    """The argument tokens of a deal word by argument name, and the rule that found each."""

    def __init__(self, cue: Token, money: Span | None):
        self.cue = cue
        self.money = money
        self.args: dict[str, list[Token]] = {}
        self.via: dict[tuple[str, int], str] = {}

    def put(self, key: str, tok: Token, rule: str | None = None) -> None:
        """Add an argument, unless it is the amount, the deal word or a number."""
        if not self._is_party_token(tok):
            return
        self.add(key, tok, rule)

    def add(self, key: str, tok: Token, rule: str | None = None) -> None:
        self.args.setdefault(key, []).append(tok)
        if rule:
            self.via.setdefault((key, tok.i), rule)

    def by(self, rule: str, filtered: bool = True):
        """A ``put(key, tok)`` that says which rule found the argument."""
        add = self.put if filtered else self.add
        return lambda key, tok: add(key, tok, rule)

    def _is_party_token(self, tok: Token) -> bool:
        money = self.money
        if money is not None and money.start <= tok.i < money.end:
            return False  # the amount itself is no party: "pay 45 billion"
        if tok == self.cue or tok.like_num or (
                tok.ent_type_ in {"MONEY", "DATE", "TIME"} and not _misread_name(tok)):
            return False
        # "for half of Brandt's stock": a quantifier the model reads as a number
        return not (tok.ent_type_ in {"PERCENT", "CARDINAL"} and tok.lower_ not in PART_NOUNS
                    and tok.lower_ not in QUANTIFIERS)


def _arguments(cue: Token, kind: str, money: Span | None, patterns: ArgumentPatterns
               ) -> tuple[_Found, str | None]:
    """The arguments of a deal word, and the verb a deal noun hangs from: first what the
    patterns find (rules/arguments.jsonl), then what only code can say."""
    found = _Found(cue, money)
    for arg in patterns.of(cue, kind, money.root if money is not None else None):
        if arg.unless is None or arg.unless not in found.args:
            found.put(arg.name, arg.token, arg.rule)
    if _modifies_a_noun(cue):  # "the financing package was provided by Sanwa"
        return found, _noun_context(cue.head, kind, found.by("arg.noun-verb"))
    if cue.pos_ in {"VERB", "AUX"}:
        _inherit_subject(cue, found)
        _relative_clause_head(cue, found)
        if cue.dep_ in {"acl", "xcomp", "advcl", "relcl"}:
            _counterparty(cue, found.by("arg.counterparty-with"))
    if cue.pos_ in {"VERB", "AUX"}:
        _on_behalf_of(cue, found)
        return found, None
    light_verb = _noun_context(cue, kind, found.by("arg.noun-verb"))
    _on_behalf_of(cue, found)  # after the verb's subject, which it replaces
    return found, light_verb


def _modifies_a_noun(cue: Token) -> bool:
    """A deal noun modifying another noun: "the financing package"."""
    return cue.pos_ not in {"VERB", "AUX"} and cue.dep_ == "compound" and (
        cue.head.pos_ in {"NOUN", "PROPN"})


def _inherit_subject(verb: Token, found: _Found) -> None:
    """"X agreed to acquire Y": a deal verb with no subject of its own takes its clause's.
    A past participle modifying a noun has that noun for subject: in "ChemLawn could
    attract more than the 27 dlrs offered by Waste", ChemLawn offers nothing."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return
    if verb.dep_ == "relcl" and "subj" not in found.args and any(
            c.dep_ == "mark" and c.lower_ in {"that", "which", "who"} for c in verb.children):
        # "a mutual insurer that on March 31 acquired 3.6 mln shares" ("that" parsed as a
        # marker): the noun the clause describes acts
        found.put("subj", verb.head, "arg.relative-subject")
        return
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)
    key = "pass" if passive else "subj"
    if key not in found.args:
        subject = inherited_subject(verb)
        if subject is not None:
            found.put(key, subject, "arg.inherited-subject")


def _relative_clause_head(verb: Token, found: _Found) -> None:
    """"Soundloom, the division it bought": the noun a relative clause describes is
    what its deal verb bought, unless the clause's subject is "which" or "who"."""
    if verb.dep_ == "relcl" and "obj" not in found.args and "subj" in found.args and not any(
            c.lower_ in {"which", "who", "that"} for c in verb.children if c.dep_ in SUBJECTS):
        found.put("obj", verb.head, "arg.relative-clause-head")


def _on_behalf_of(cue: Token, found: _Found) -> None:
    """"County Bank bought shares on its behalf": whose behalf it is, buys; "the minister
    signed a loan on behalf of Kenya": Kenya signs (the verb's subject acts for it)."""
    noun_verb = cue.pos_ not in {"VERB", "AUX"} and cue.dep_ in OBJECTS
    key = "subj_of_verb" if noun_verb else "subj"
    for child in (cue.head if noun_verb else cue).children:
        if child.dep_ == "prep" and child.lower_ == "on":
            for pobj in child.children:
                if pobj.lower_ != "behalf":
                    continue
                owners = [o for o in pobj.children if o.dep_ == "poss"] + [
                    g for of in pobj.children if of.dep_ == "prep" and of.lower_ == "of"
                    for g in of.children if g.dep_ == "pobj"]
                for owner in owners[:1]:
                    found.args[key] = [owner]
                    found.via[(key, owner.i)] = "arg.on-behalf-of"


def _prepositions(prep: Token, put) -> None:
    key = "agent" if prep.dep_ == "agent" else prep.lower_
    for pobj in prep.children:
        if pobj.dep_ in {"pobj", "pcomp"}:
            put(key, pobj)
            for conj in pobj.conjuncts:
                put(key, conj)


def _counterparty(verb: Token, put) -> None:
    """"an understanding with Nippon Life to sell a stake": the noun's "with" partner."""
    head = verb.head
    # "has an understanding with X to sell": the verb hangs off "has", the partner off
    # its object.
    nouns = [head] if head.pos_ in {"NOUN", "PROPN"} else [
        c for c in head.children if c.dep_ in OBJECTS and c.pos_ in {"NOUN", "PROPN"}]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "with":
                for pobj in child.children:
                    put("with_partner", pobj)


def _then_verb(tok: Token) -> bool:
    """"X paid $13 billion for Y in 2020, then bought Z's assets": a verb the parser hangs
    loosely off the one before, sharing its subject."""
    return tok.dep_ == "dep" and tok.pos_ == "VERB" and tok.head.pos_ == "VERB" and any(
        c.lower_ in {"then", "later", "subsequently"} for c in tok.children)


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb takes from the verb above it: "X agreed to acquire Y" -> X."""
    tok = verb
    for _ in range(6):
        if tok.head == tok or (tok.dep_ not in INHERIT_SUBJECT and not _then_verb(tok)):
            return None
        tok = tok.head
        if tok.pos_ in {"NOUN", "PROPN"}:
            for child in tok.children:  # "Trans World Airlines' offer to acquire USAir"
                if child.dep_ == "poss":
                    return child
                # "a proposal from chairman Philip D. Kaltenbacher to acquire Seton"
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by"} and \
                        tok.lower_ in DEAL_NOUNS | {"plan", "group"}:
                    for pobj in child.children:
                        return pobj
        if tok.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in tok.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
            # "Swedish packaging group Norrpak agreed to buy", parsed with two subjects:
            # the name, not the description before it
            named = [c for c in subjects if c.pos_ == "PROPN"]
            if subjects:
                return (named or subjects)[0]
    return None


def _lender_verb(verb: Token) -> Token:
    """"The facility was arranged by Halvard and provided by Keystone Bank to Brisk": the
    bank that provides it lends, not the one that arranges it (GUIDELINES.md)."""
    if _lemma(verb) not in ARRANGING_VERBS:
        return verb
    return next((c for c in verb.conjuncts if c.pos_ == "VERB" and c.i > verb.i and (
        _lemma(c) in LENDING_VERBS)), verb)


def _noun_context(noun: Token, kind: str, put) -> str | None:
    """Arguments a deal noun takes from its verb: "X made an offer for Y" -> subj X.

    Returns the verb's lemma, which decides some roles ("Telecast obtained a loan").
    """
    first = noun  # "through the acquisition of X and a 40 mln stg bid for Y": the list's
    while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN"}:  # verb
        first = first.head
    head = first.head
    if first.dep_ in OBJECTS | {"nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        verb = head
    elif first.dep_ == "pobj" and head.dep_ in {"prep", "agent"} and head.head.pos_ in {
            "VERB", "AUX"} and head.lower_ in {"to", "into", "in", "under", "through", "with",
                                               "for"}:
        verb = head.head  # "agreed to a buyout", "entered into a credit agreement"
    elif kind in {"lend", "raise", "borrow"} and (
            amount_verb := _verb_of_amount(noun)) is not None:
        verb = amount_verb  # "committed up to 340 mln dlrs in debt financing"
    elif _apposed_to_amount(noun):
        verb = head.head  # "signed a 2.4 trillion won ($1.7 billion) chip supply contract"
    elif noun.dep_ in SUBJECTS and head.pos_ in {"VERB", "AUX"}:
        return _lemma(head)  # "the offer tops ...": no subject of its own
    else:
        return None
    verb = _lender_verb(verb) if kind == "lend" else verb
    lemma = _lemma(verb)
    _parties_beside(verb, lemma, kind, noun, put)
    if lemma in OVERSEEING_VERBS | BEING_VERBS and not _approves_own_loan(lemma, kind):
        # "the Federal Reserve Board approved the affiliation", "It comprises a $2.5
        # billion credit facility": the subject is no party
        return lemma
    receives = lemma in RECEIVING_VERBS or (kind == "bid" and lemma in AGREEING_VERBS)
    subject_key = "received" if receives else "subj_of_verb"
    if lemma in {"award", "grant", "give", "hand"}:
        _awarded(verb, put)
    if kind == "raise" and lemma in _PUTTING_IN_VERBS:
        subject_key = "led"  # "Halcyon led a $1.2bn round", "supplied $28m in financing"
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects:
        inherited = inherited_subject(verb)
        subjects = [inherited] if inherited is not None else []
    for subject in subjects:
        put(subject_key, subject)
    verb_preps = {"from", "with", "to", "by"} | ({"for"} if kind == "bid" else set())
    for child in verb.children:  # "make a tender offer ... for the 45 pct of Standard Oil"
        if child.dep_ in PREPOSITIONS and child.lower_ in verb_preps:
            _prepositions(child, put)
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            put("dative", child)
    return lemma


# Verbs whose subject puts money into a round or financing rather than raising it.
_PUTTING_IN_VERBS = LEADING_VERBS | (LENDING_VERBS - {"make", "approve", "sanction"})


def _awarded(verb: Token, put) -> None:
    """"Dunmore has been awarded a contract by the council": who gets it, who gives it."""
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECTS:
            put("received", child)
        elif child.dep_ == "agent":
            _prepositions(child, lambda key, tok: put("by", tok))


def _parties_beside(verb: Token, lemma: str, kind: str, noun: Token, put) -> None:
    """Parties a deal noun's verb names outside its subject: holders approving a merger
    ("Shareholders of X approved a merger": X is taken over), the one "provided with" a
    loan or financing ("Erly provided Hanson Foods with a credit line": Hanson borrows)."""
    if lemma in OVERSEEING_VERBS and kind in {"merge", "acquire", "bid"}:
        _holders_approve(verb, put)
    if kind in {"lend", "raise"} and lemma in LENDING_VERBS and _provided_with(noun):
        for child in verb.children:  # the one financed: "to" a lender, "for" a round
            if child.dep_ in OBJECTS:
                put("to" if kind == "lend" else "for", child)


def _provided_with(noun: Token) -> bool:
    """"provided Hanson with a credit line", "provide the company with 90 mln dlrs of
    private financing": the deal noun, or the amount it says what it is, after "with"."""
    head = noun.head
    if head.lower_ in {"of", "in"} and head.head.ent_type_ == "MONEY":
        head = head.head.head
    return head.lower_ == "with"


def _verb_of_amount(noun: Token) -> Token | None:
    """The verb whose amount a deal noun says what it is: "<verb> 340 mln dlrs in
    financing", "provide the company with 90 mln dlrs of private financing"."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in {"in", "of"} or (
            head.head.ent_type_ != "MONEY"):
        return None
    amount = head.head
    if amount.dep_ in OBJECTS and amount.head.pos_ in {"VERB", "AUX"}:
        return amount.head
    if amount.dep_ == "pobj" and amount.head.lower_ == "with" and (
            amount.head.head.pos_ == "VERB"):
        return amount.head.head
    return None


def _holders_approve(verb: Token, put) -> None:
    """"Shareholders of Granite Valley approved a merger into Granite Savings": whose
    holders vote on a takeover is the company taken over. "X said shareholders of Y have
    approved" is often parsed with the holders as the object of "said"."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects and verb.dep_ == "ccomp":
        subjects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    for subject in subjects:
        if subject.lower_ in _HOLDERS:
            for prep in subject.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for owner in prep.children:
                        put("holders_of", owner)


_HOLDERS = {"shareholders", "stockholders", "holders", "unitholders", "shareowners"}


def _holders_company(holders: Token, depth: int) -> list[str]:
    """"Tamsin shareholders will receive $31.50 a share", "shareholders of Tamsin":
    GUIDELINES.md's side is the company whose holders are paid or sell (none when the
    sentence does not say whose)."""
    owners = [c for c in holders.children if c.dep_ in {"compound", "poss"}
              and c.pos_ == "PROPN"] + [
        g for p in holders.children if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children if g.dep_ == "pobj"]
    found = [names_of(owner, depth + 1) for owner in owners]
    # "holders of remaining Instinet shares": the shares' owner
    named = [name for names, _, owner in found for name in (names or owner)]
    # "Corvane shareholders" with the name read as a common noun (first in its sentence)
    return named or [_proper_phrase(c) for c in holders.children if c.dep_ == "compound" and (
        c.pos_ == "NOUN" and c.text.istitle() and c.lower_ not in _HOLDER_KINDS)][:1]


# Holders of a company's shares: a name before them is the company ("Tamsin shareholders").
_HOLDER_NOUNS = {"shareholders", "stockholders", "holders", "investors", "owners"}
# Kinds of holders a capitalised word may say, which are no company's name.
_HOLDER_KINDS = {"class", "common", "preferred", "minority", "majority", "institutional",
                 "retail", "public", "bond", "unit", "share", "stock"}


def _apposed_to_amount(noun: Token) -> bool:
    """A deal noun the parser hung beside the amount a verb takes: "signed a 2.4 trillion
    won ($1.7 billion) chip supply contract"."""
    head = noun.head
    return noun.dep_ == "appos" and head.ent_type_ == "MONEY" and head.dep_ in OBJECTS and (
        head.head.pos_ in {"VERB", "AUX"})


def _approves_own_loan(lemma: str, kind: str) -> bool:
    """"The World Bank approved a $100 million loan to ...": a lender approves the loans it
    makes (a regulator approves deals, not loans)."""
    return kind == "lend" and lemma in {"approve", "sanction"}


def names_of(tok: Token, depth: int = 0) -> tuple[list[str], str | None, list[str]]:
    """The party names an argument token stands for.

    Returns (names, part, owner): names of companies or people; for a part of a company
    ("its Wilkinson Sword unit", "the operations of Allis-Chalmers", "a stake in
    Shearson"), the part's phrase and the names of its owner. ``depth`` bounds the
    lookups through owners and antecedents, which can point back at each other.
    """
    if _misread_name(tok):
        return [_proper_phrase(tok), *_conjunct_names(tok)], None, []
    ent = _entity(tok)
    if ent is not None:  # a name needs no lookup: at any depth
        return [entity_text(ent), *_conjunct_names(tok)], None, []
    if depth > 3 or tok.ent_type_ in {"MONEY", "DATE", "TIME", "QUANTITY"}:
        return [], None, []
    lower = tok.lower_
    if lower in PRONOUNS:
        return [antecedent(tok, depth + 1)], None, []
    if lower in QUANTIFIERS:  # "for all of Clarostat's stock", "the rest of the shares"
        return _quantified(tok, depth)
    if tok.pos_ not in {"NOUN", "PROPN", "NUM", "ADJ"} or tok.ent_type_ in {"NORP", "GPE"}:
        return [], None, []  # "Americans spend", "a group of Russian investors"
    appos = [c for c in tok.children if c.dep_ == "appos" and _entity(c) is not None]
    if appos and lower in _PORTION_WORDS:
        # "a 30% stake in its solar subsidiary, Larch Solar": the parse hangs the name on
        # the stake, which is a part of that company, never the company itself
        return [], _part_phrase(tok), [entity_text(_entity(appos[0]))]
    if appos:  # "Their publisher's parent, ZeniMax Media, was bought"
        return [entity_text(_entity(appos[0]))], None, []
    members = _members(tok, depth + 1)
    if members:
        return members, None, []
    if lower in PART_NOUNS or _lemma(tok) in PART_NOUNS:
        return [], _part_phrase(tok), _owner_names(tok, depth + 1)
    proxied = _holders_company(tok, depth) if lower in _HOLDERS else _state_signing(tok)
    if proxied:  # "Tamsin shareholders", "Kenya's finance minister"
        return proxied, None, []
    if tok.lower_ in PEOPLE_NOUNS:
        # "a proposal from chairman and chief executive Martin Olsen": the titles and the
        # name parsed as a list; else "a payment to a U.S. Lawyer" names no party
        return [entity_text(e) for e in map(_entity, tok.conjuncts)
                if e is not None and e.label_ == "PERSON"][:1], None, []
    if tok.text in NOT_PARTY_WORDS and not any(c.dep_ == "compound" for c in tok.children):
        return [], None, []  # "US", "EV": no party's name
    if tok.pos_ == "PROPN":
        joined = _and_name(tok)
        if joined:
            return [joined], None, []
        return [_proper_phrase(tok), *_conjunct_names(tok)], None, []
    return _common_noun_names(tok, depth), None, []


def _state_signing(tok: Token) -> list[str]:
    """"Kenya's finance minister signed a $500 million loan agreement": the country signs."""
    if tok.lower_ not in STATE_SIGNERS:
        return []
    return [entity_text(_entity(c)) for c in tok.children
            if c.dep_ == "poss" and c.ent_type_ == "GPE"][:1]


# Words for a portion of a company's shares: a name in apposition to one is its owner's.
_PORTION_WORDS = {"stake", "interest", "holding", "pct", "percent", "%", "majority", "minority"}


def _common_noun_names(tok: Token, depth: int) -> list[str]:
    """Who a common noun stands for: "Union Central Co, an insurer", "the brokerage firm
    of Spear, Leeds and Kellogg", "the railroad" (the article's company), a name inside."""
    if tok.lower_ in COMPANY_NOUNS and tok.dep_ == "appos" and _entity(tok.head) is not None:
        return [entity_text(_entity(tok.head))]
    if tok.lower_ in COMPANY_NOUNS:
        named = _company_noun_names(tok, depth)
        if named:
            return named
    if _is_anaphoric(tok):  # "the Leverkusen-based company", "the railroad"
        return [antecedent(tok, depth + 1)]
    if is_deal_noun(tok):
        return []  # "The offer for Norcros shares offers ...": the deal, no party
    if tok.lower_ in _HOLDER_NOUNS:  # "offers Mediobanca investors €0.90 a share"
        holders = _holders_company(tok, depth)
        if holders:
            return holders
    if tok.lower_ in ORDERED_GOODS:  # "buy 103 Boeing jets ...": their maker, or no one
        return [entity_text(e) for e in (_entity(t) for t in tok.lefts) if e is not None
                and e.label_ == "ORG" and e.text not in SIZE_UNITS][:1]
    return _inner_entity(tok) or []


# Words the model tags NORP or DATE that name a people, a party of politics or faith, or a
# day: "the Soviets bought", "Democrats", "in March". Peoples end like "American",
# "Japanese", "British", "Iraqi", "French", "Swiss", "Soviet".
_PEOPLE_ENDING = re.compile(r"(?:an|ese|ish|i|ch|ss|et)s?\Z")
_NAMED_SLOTS = {"pobj", "nsubj", "nsubjpass", "dobj", "conj"}
_VERB_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "ccomp", "xcomp"}
_NO_COMPANY_WORDS = frozenset(
    "Democrat Republican Conservative Socialist Communist Liberal Labour Tory Muslim Moslem "
    "Arab Catholic Christian Protestant Jewish Gulf Western Eastern Northern Southern "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter "
    "Thanksgiving Qtr".split())


def _company_read_as_people(tok: Token) -> bool:
    """A name of two or more capitalised words the model tagged NORP, the last no people
    nor faith: "awarded Halden Shipyards a contract" (not "South Koreans", "Social
    Democrats")."""
    ent = entity_at(tok) if tok.ent_type_ == "NORP" else None
    if ent is None or len(ent) < 2 or not all(t.pos_ == "PROPN" and t.text.istitle()
                                               for t in ent):
        return False
    last = ent[-1].text
    return not _PEOPLE_ENDING.search(last) and last.rstrip("s") not in _NO_COMPANY_WORDS


def _misread_name(tok: Token) -> bool:
    """A company's one-word name the model took for a people, a date or a word, standing
    where a party stands: "Corvid lent $40 million" (NORP), "Anduril agreed to buy"
    (DATE), "sold the unit to Perplexity" (a noun, capitalised mid-sentence, that the
    article never writes in lower case), "to Anthropic" (read as an infinitive). Not a
    people, a party, a month or a day, nor a plural people ("Democrats")."""
    word = tok.text
    if not word.istitle() or tok.like_num or word.lower() in MONTHS or (
            word in _NO_COMPANY_WORDS) or is_place(word):
        return False
    if tok.pos_ == "PROPN":
        return (tok.ent_type_ in {"NORP", "DATE"} and not word.endswith("s") and not (
            _PEOPLE_ENDING.search(word))) or _company_read_as_people(tok)
    # "take over Delray Packaging": a title-case noun after a name of its own is one name
    named = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and (
        c.text.istitle() and c.pos_ == "PROPN" and not is_generic(c.text))]
    if (tok.ent_type_ and not named) or tok.i == tok.sent.start or is_generic(word) or (
            has_whole_word(doc_text(tok.doc), word.lower())):
        return False
    if tok.pos_ == "VERB" and tok.dep_ in {"advcl", "xcomp"}:
        # "sell its cloud unit to Anthropic for $40 million" parsed as an infinitive
        return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "to" and not any(
            c.dep_ in _VERB_ARGUMENTS for c in tok.children)
    return tok.pos_ in {"NOUN", "ADJ", "VERB"} and tok.dep_ in _NAMED_SLOTS and all(
        c.dep_ == "punct" or c in named for c in tok.children)


def _quantified(tok: Token, depth: int) -> tuple[list[str], str | None, list[str]]:
    """"all of Clarostat's stock": the names of what a quantifier is part of."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                return names_of(pobj, depth + 1)
    return [], None, []


def _company_noun_names(tok: Token, depth: int) -> list[str]:
    """Who a company noun names: "Lindner's investor group", "the firm of Spear, Leeds"."""
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
            named = names_of(child, depth + 1)[0]
            if named:
                return named
        if child.dep_ == "poss" and child.lower_ in {"his", "her"} and tok.lower_ in {
                "group", "fund", "partnership", "firm", "company"}:
            # "Hallam said his group bought 98,800 shares": the investor and his group
            person = antecedent(child, depth + 1)
            if person and person != ANAPHOR and not person.startswith(DESCRIBED):
                return [person]
        if child.dep_ == "prep" and child.lower_ == "of":
            named = [n for pobj in child.children for n in names_of(pobj, depth + 1)[0]]
            if named and ANAPHOR not in named:
                return named
    after = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper() and (
            after.head != tok and _entity(after) is not None):
        # "in battery maker Ferrovolt" with the name parsed away from its title
        return [entity_text(_entity(after))]
    return []


def _entity(tok: Token) -> Span | None:
    if tok.ent_type_ in ENTITY_LABELS:
        return entity_at(tok)
    return None


# The Doc last read and its text (see doc_text).
_TEXT_READ: tuple[weakref.ref, str] | None = None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text at each read, and
    reading it once per candidate name was quadratic in a long Doc. A Doc's text never
    changes (merging or splitting tokens keeps it); the Docs are read one at a time."""
    global _TEXT_READ
    read = _TEXT_READ  # read once: another thread may read another Doc
    if read is not None and read[0]() is doc:
        return read[1]
    text = doc.text
    _TEXT_READ = (weakref.ref(doc), text)
    return text


def entity_at(tok: Token) -> Span | None:
    """The entity a token is in, as ``doc.ents`` has it, read off the entity tags around
    the token: ``doc.ents`` builds every entity of the Doc at each read, and reading it
    once per candidate made 1,000 one-line deals (92 KB) take 70 s."""
    doc = tok.doc
    if tok.ent_iob_ not in {"B", "I"} or _splits_entity(tok):
        return None
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I" and not _splits_entity(doc[start - 1]):
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and not _splits_entity(doc[end]):
        end += 1
    cuts = _list_cuts(doc, start, end)
    if tok.i in cuts:
        return None
    start = max([start, *(c + 1 for c in cuts if c < tok.i)])
    end = min([end, *(c for c in cuts if c > tok.i)])
    first = doc[start]
    return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id,
                span_id=first.ent_id)


def _list_cuts(doc, start: int, end: int) -> list[int]:
    """Where an entity the model read over a list of names breaks, as the parse joins its
    items: "[Nvidia, Microsoft and Amazon]", "[Tessel Energy and Vantor Power]". Not
    "Harper and Row" (one word each side, no comma), "Procter & Gamble", nor "Sturm, Ruger
    and Co Inc" (a part of suffixes only)."""
    cuts = [i for i in range(start + 1, end - 1) if doc[i].text == "," or doc[i].lower_ == "and"]
    cuts = [c for c in cuts if any(doc[j].dep_ == "conj" and start <= doc[j].head.i < c
                                   for j in range(c + 1, end))]
    if not any(doc[c].text == "," for c in cuts):
        cuts = [c for c in cuts if c - start >= 2 and end - c - 1 >= 2]
    if not cuts:
        return []  # most entities: read once per lookup, and lookups are many
    bounds = [start - 1, *cuts, end]
    parts = [doc[a + 1:b].text for a, b in pairwise(bounds)]
    if len(parts) == 2 and strip_suffixes(parts[1]) != parts[1] and (
            strip_suffixes(parts[0]) == parts[0]):
        return []  # "Universal Life and General Insurance Sdn Bhd": the suffix is the whole's
    if any(not strip_suffixes("X " + part).replace("X", "").strip(" ,") for part in parts):
        return []
    return cuts


def _splits_entity(tok: Token) -> bool:
    """A preposition of the sentence the model swept into a name: "a loan by [Sanwa
    Business Credit to Telecast Inc]" is two companies ("Bank of America" keeps "of")."""
    return tok.pos_ == "ADP" and tok.lower_ in {"to", "from", "by", "with"} and (
        tok.dep_ == "prep")


def entities_in(span: Span) -> list[Span]:
    """The entities inside a span, as ``span.ents`` has them, from its own tokens
    (``span.ents`` reads every entity of the Doc)."""
    ents = []
    for tok in span:
        if tok.ent_iob_ == "B" or (tok.ent_iob_ == "I" and tok.i > 0 and _splits_entity(
                tok.doc[tok.i - 1])):
            ent = entity_at(tok)
            if ent is not None and ent.end <= span.end:
                ents.append(ent)
    return ents


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` exactly (the entities of ``doc.ents`` inside the span), read off the
    tags of its tokens and of the few after it an entity runs on into: ``Span.ents``
    builds every entity of the Doc first, which once per claim was quadratic."""
    doc, found, start = span.doc, [], -1
    begin = span.start
    while begin < len(doc) and doc[begin].ent_iob == 1:
        begin += 1  # the rest of an entity that began before the span: not in it
    for i in range(begin, len(doc) + 1):
        iob = doc[i].ent_iob if i < len(doc) else 2
        if iob == 1:  # "I": the entity goes on
            continue
        if start != -1:
            head = doc[start]
            found.append(Span(doc, start, i, label=head.ent_type, kb_id=head.ent_kb_id,
                              span_id=head.ent_id))
        start = i if iob == 3 and doc[i].ent_type else -1
        if i >= span.end:
            break
    return [ent for ent in found if ent.end <= span.end]


_MONTHS = frozenset("january february march april may june july august september october "
                    "november december".split())


def entity_text(ent: Span) -> str:
    """An entity's words without a leading "the" or month ("In March, Merck & Co paid",
    read as one name), or a trailing possessive."""
    words = [t for t in ent if t.dep_ != "case" and t.lower_ not in {"'s", "’s"}]
    while words and words[0].lower_ == "the":
        words.pop(0)
    if len(words) > 2 and words[0].lower_ in _MONTHS and words[1].text == ",":
        words = words[2:]
    return ent.doc[words[0].i:words[-1].i + 1].text if words else ent.text


def _conjunct_names(tok: Token) -> list[str]:
    """The other names of a list: "A and B"; and "A, B, C and D" parsed with B in
    apposition to A (a list, when B has conjuncts of its own and both are names)."""
    names = []
    listed = [a for a in tok.children if a.dep_ == "appos" and a.i > tok.i and a.pos_ == "PROPN"
              and _entity(a) is not None and a.conjuncts] if _entity(tok) is not None else []
    for conj in [*tok.conjuncts, *listed, *(c for a in listed for c in a.conjuncts)]:
        ent = _entity(conj)
        if ent is not None:
            names.append(entity_text(ent))
        elif conj.pos_ == "PROPN":
            names.append(_proper_phrase(conj))
    # "[Arbor Capital] and [Pellgate Ventures]" parsed with "Capital" a modifier of
    # "Ventures" and "Pellgate" its conjunct: the modifier heads the list's first item
    for mod in tok.children:
        if mod.dep_ in {"nmod", "compound"} and any(c.dep_ == "conj" for c in mod.children):
            ent = _entity(mod)
            if ent is not None and not ent.start <= tok.i < ent.end:
                names.insert(0, entity_text(ent))
    return names


def _and_name(tok: Token) -> str | None:
    """"Smith and Wesson", "Rogers and Cowan": one name of two words joined by "and"."""
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in {"and", "&"}:
        other = doc[tok.i + 2]
        if other.pos_ == "PROPN" and other.dep_ == "conj" and other.head == tok and not any(
                c.dep_ == "compound" for c in tok.children) and _entity(other) is None:
            return doc[tok.i:tok.i + 3].text
    return None


def _proper_phrase(tok: Token) -> str:
    """"Houston Endowment Inc" from its head token "Inc": the compound chain."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and (child.pos_ in {"PROPN", "ADJ"} or (
                # "Lumen AI": a capitalised word the model took for a noun
                child.dep_ == "compound" and child.pos_ == "NOUN" and child.text.istitle()
                and child.i == tok.i - 1)):
            left = min(left, child.left_edge.i if child.dep_ == "compound" else child.i)
    return tok.doc[left:tok.i + 1].text


# A clause saying who is at the head of a group: "an investor group he heads".
_HEADING_FORMS = {"head", "heads", "headed", "lead", "leads", "led", "control", "controls",
                  "controlled", "run", "runs"}


def _members(tok: Token, depth: int) -> list[str]:
    """"a group led by Audio/Video Affiliates", "the group, which includes Mutual Shares"."""
    names: list[str] = []
    for child in tok.children:
        if child.dep_ in {"acl", "relcl"} and child.lower_ in {"led", "headed", "controlled"}:
            for grand in child.children:
                if grand.dep_ == "agent":
                    for pobj in grand.children:
                        names.extend(names_of(pobj, depth)[0])
        elif child.dep_ in {"relcl", "acl"} and _lemma(child) in {"include", "comprise"}:
            for grand in child.children:
                if grand.dep_ in OBJECTS:
                    names.extend(names_of(grand, depth)[0])
        elif child.dep_ == "relcl" and child.lower_ in _HEADING_FORMS:
            for grand in child.children:  # "an investor group he heads": whom "he" is
                if grand.dep_ == "nsubj" and grand.lower_ not in {"which", "that", "who"}:
                    names.extend(n for n in names_of(grand, depth)[0] if n != ANAPHOR)
        elif child.dep_ == "acl" and _lemma(child) in {"make", "consist", "compose"}:
            for prep in child.subtree:  # "a consortium made up of CVC and Nordic Capital"
                if prep.dep_ == "prep" and prep.lower_ == "of" and prep.head != tok:
                    for pobj in prep.children:
                        names.extend(names_of(pobj, depth)[0])
                        for conj in pobj.conjuncts:
                            names.extend(names_of(conj, depth)[0])
                    break
        elif child.dep_ == "prep" and child.lower_ in {"including", "led"}:
            for pobj in child.children:
                names.extend(names_of(pobj, depth)[0])
    return [n for n in names if n != ANAPHOR]


def _part_phrase(tok: Token) -> str:
    """The words naming a part of a company: "Wilkinson Sword Consumer Group unit"."""
    # "each" and "every" stay: "each Bayou share" prices the whole company, not a stake
    words = [t for t in tok.subtree if (t.i <= tok.i and (
             t.dep_ not in {"det", "poss", "case"} or t.lower_ in {"each", "every"})
             and not t.like_num and t.ent_type_ not in {"PERCENT", "CARDINAL", "MONEY"}
             and t.lower_ not in {"pct", "percent"}) or t.i == tok.i]
    return tok.doc[words[0].i:tok.i + 1].text if words else tok.text


def _owner_by_clause(clause: Token, depth: int) -> list[str]:
    """Who a participle on a part says owns it: "the mines owned by Brenmoor",
    "controlled by X" (not "the shares it bought": who bought them may be buying more)."""
    if clause.lower_ not in {"owned", "held", "controlled", "operated", "run"}:
        return []
    return [n for agent in clause.children if agent.dep_ == "agent"
            for pobj in agent.children if pobj.dep_ == "pobj"
            for n in names_of(pobj, depth + 1)[0]]


# Parts a possessive holds rather than issues: "its stake in X", "Vesta's holding".
_HELD_PARTS = {"stake", "stakes", "holding", "holdings", "interest", "interests", "position"}


def _owner_names(tok: Token, depth: int) -> list[str]:
    """Who owns a part: "its unit" -> the company, "operations of Allis-Chalmers"."""
    owners = []
    for child in tok.children:
        if child.dep_ == "poss" and tok.lower_ in _HELD_PARTS:
            continue  # "its entire stake": who holds the stake, not whose shares it is
        if child.dep_ == "poss":
            owners.extend(names_of(child, depth)[0])
        elif child.dep_ == "prep" and child.lower_ in {"of", "in"}:
            for pobj in child.children:
                # "the shares of building products group Norcros Plc"
                found = names_of(pobj, depth)[0] or names_of(pobj, depth)[2] or [
                    n for conj in pobj.conjuncts for n in names_of(conj, depth)[0]]
                owners.extend(found)
        elif child.dep_ == "relcl":  # "the 70 pct it does not already hold in Pioneer"
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}:
                    for pobj in prep.children:
                        owners.extend(names_of(pobj, depth)[0])
        elif child.dep_ == "acl":  # "the coal mines owned by Brenmoor"
            owners.extend(_owner_by_clause(child, depth))
        elif child.dep_ in {"compound", "amod", "nmod"} and (
                _entity(child) is not None or child.pos_ == "PROPN" or (
                    child.is_title and child.i > child.sent.start)):
            owner = _entity(child)  # "Penobscot common shares", "Liposome common shares"
            owners.append(entity_text(owner) if owner is not None else _proper_phrase(child))
    if not owners and depth < 3:
        # "all common shares, ... and convertible preferred shares of Allegheny": the
        # owner hangs off the last of the coordinated parts.
        for conj in tok.conjuncts:
            if conj.i > tok.i and (conj.lower_ in PART_NOUNS or conj.lemma_ in PART_NOUNS):
                owners.extend(_owner_names(conj, depth + 1))
                if owners:
                    break
    return owners


def _inner_entity(tok: Token) -> list[str]:
    """An organisation inside a common-noun phrase: "holders of USAir common" -> USAir."""
    for t in tok.subtree:
        ent = _entity(t)
        if t.head == tok and t.dep_ in {"compound", "amod", "nmod", "npadvmod"}:
            continue  # "the Paris start-up": a place, not a party
        if ent is not None and ent.label_ in {"ORG", "PERSON"} and t.i != tok.i and (
                ent.text not in NOT_PARTY_WORDS):
            return [entity_text(ent)]
    return []


def antecedent(pronoun: Token, depth: int = 0) -> str:
    """Who "it", "its" or "the company" stands for, from the sentence's own parse.

    "Cyacq agreed to terminate its offer" -> Cyacq (the subject of its clause);
    "Dixons said it agreed to buy" -> Dixons (the speaker). Falls back to ANAPHOR,
    which claims.py resolves to the article's main company; so does an object ("buy the
    company"), which does not refer to its own clause's subject.
    """
    if pronoun.lower_ in {"which", "who", "that"}:
        clause = pronoun.head
        while clause.dep_ in {"prep", "xcomp"} and clause.head != clause:
            clause = clause.head  # "PawsRx, for which it paid", "X, which Y agreed to buy"
        if clause.dep_ == "relcl":
            named = names_of(clause.head, depth + 1)[0]  # "Microsoft, which has invested"
            return named[0] if named else ""
    not_a_person = pronoun.lower_ in {"it", "its", "itself"}
    # "the railroad", "the Claude developer": who the article describes so (claims.py)
    fallback = ANAPHOR if pronoun.lower_ in PRONOUNS | MAIN_COMPANY_NOUNS else (
        DESCRIBED + pronoun.lower_)
    if pronoun.lower_ in PERSON_PRONOUNS:
        fallback = ""  # "he plans to make an offer": a person, never the story's company
    if pronoun.dep_ not in {"poss", "nsubj", "nsubjpass"} and pronoun.lower_ not in {
            "its", "their", "his", "her"}:
        return fallback
    verb = pronoun.head
    for _ in range(6):
        if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
            break
        verb = verb.head
    for step in range(4):
        # "the court approved its offer": an overseer's "its" is the one it oversees
        subjects = [] if pronoun.dep_ == "poss" and _lemma(verb) in OVERSEEING_VERBS else [
            c for c in verb.children if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS]
        for subject in subjects:
            # "the group, led by Mutual Shares Corp, said it sold"; never the phrase the
            # pronoun is in ("its buyout by AQ Corp ... has been completed"); "it" is no
            # person, but "X will sell its unit" is X's, whatever the model tags X
            own = step == 0 and pronoun.lower_ == "its" and subject.dep_ == "nsubj"
            if subject != pronoun and not (
                    subject.left_edge.i <= pronoun.i <= subject.right_edge.i) and not (
                    not_a_person and subject.ent_type_ == "PERSON" and not own):
                names = names_of(subject, depth + 1)[0]
                if names and names[0] not in {ANAPHOR, ""}:
                    return names[0]
        if verb.head == verb:
            break
        verb = verb.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
    return fallback


def _is_anaphoric(tok: Token) -> bool:
    return tok.lower_ in PRONOUNS or (
        tok.lower_ in COMPANY_NOUNS and any(c.lower_ in {"the", "this"} for c in tok.children))


def speaker(sent: Span) -> Token | None:
    """The subject of the sentence's reporting verb: "Dixons said ..." -> Dixons."""
    for tok in sent:
        if tok.dep_ == "ROOT" and _lemma(tok) in SAY_VERBS:
            for child in tok.children:
                if child.dep_ in SUBJECTS:
                    return child
    return None


def value_subject(cue: Token) -> Token | None:
    """What a "value" word says is worth the money: "the transaction was valued at",
    "a deal that values Covestro at", "an agreement worth", "its offer, totaling"."""
    if cue.pos_ in {"VERB", "AUX"}:
        for child in cue.children:
            if child.dep_ in PASSIVE_SUBJECTS | SUBJECTS:
                if child.lower_ in {"that", "which"} and cue.dep_ == "relcl":
                    return cue.head
                return child
        if cue.dep_ in {"acl", "relcl", "amod"}:
            return cue.head
        return None
    if cue.dep_ in {"amod", "acl"}:  # "an agreement worth $17.4 billion"
        return cue.head
    if cue.dep_ in {"acomp", "attr"}:  # "the offer is worth 312p"
        for child in cue.head.children:
            if child.dep_ in SUBJECTS:
                if child.lower_ in {"that", "which"} and cue.head.dep_ == "relcl":
                    return cue.head.head  # "a proposal ... that was worth $35 a share"
                return child
    return None


def values_a_deal(cue: Token) -> bool:
    """Whether a "value" word prices a deal ("the transaction was valued at") rather
    than a company ("the round values Mistral at", "could be worth 45 dlrs a share")."""
    if cue.lower_ in {"transaction", "terms", "amount"}:
        return True
    subject = value_subject(cue)
    if subject is None:
        return False
    # "The assets to be acquired by the partnership are valued at 190 mln dlrs"; "103
    # Boeing jets valued at $36.2 billion at list prices" (goods ordered by the piece)
    return is_deal_noun(subject) or subject.lower_ in ORDERED_GOODS or any(
        c.dep_ in {"acl", "relcl"} and _lemma(c) in DEAL_VERBS for c in subject.children)


def is_deal_noun(tok: Token) -> bool:
    """Whether a noun names a deal ("the transaction") rather than a company or stake."""
    return tok.lower_ in DEAL_NOUNS or _lemma(tok) in DEAL_NOUNS
