"""Turn the deal frames of a parsed article into Claims: one per deal amount, with names
resolved ("it" -> the company the sentence is about, "Dixons" -> "Dixons Group PLC"),
parties filled in from the deal the article is about where a sentence names none, and
deal type, term and attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from .arguments import ArgumentPatterns
from .cast import is_place
from .cues import (
    ASSET_WORDS,
    ATTRIBUTION_PATTERNS,
    BIDDER_NOUNS,
    COMMODITY_UNITS,
    CONTRACT_GOODS,
    CONTRACT_MODIFIERS,
    GENERIC_DEAL_NOUNS,
    GOODS_MEASURES,
    NOT_DEAL_NOUNS,
    OFFER_NOUNS,
    OPTION_WORDS,
    ORDERED_GOODS,
    POWER_MEASURES,
    SIZE_UNITS,
    SIZED_COMPANY_NOUNS,
    STRONG_FRAMES,
    TRADED_SECURITIES,
    inflections,
)
from .lexicon import CENTRAL_BANKS
from .namekeys import strip_suffixes
from .names import ArticleNames, name_key, rates_only
from .pairs import has_pair_items, pair_items
from .passages import ARTICLE_ATTR, DEAL_ANAPHORA, follows_in_article
from .records import Amount, Claim, Party, Term
from .roles import (
    ANAPHOR,
    DEAL_NOUNS,
    DESCRIBED,
    OBJECTS,
    PART_NOUNS,
    STAKE_NOUNS,
    Frame,
    cue_kind,
    entities_in,
    entity_at,
    entity_text,
    governing_cue,
    names_of,
    outer_cue,
    read_frame,
    sentence_cues,
    span_ents,
    speaker,
    value_subject,
    values_a_deal,
)
from .sides import SENTENCES_BEFORE, Mention, SideRanker, candidates
from .terms import find_terms

# Frames that name a deal but not always who is in it ("the deal", "the transaction was
# valued at", "pays holders 52 dlrs"): roles come from a more specific deal word in the
# sentence, or from the deal the article is about.
GENERIC = {"contract", "value", "pay", "receive"}
_ATTRIBUTION = [re.compile(p) for p in ATTRIBUTION_PATTERNS]


@dataclass
class Draft:
    """A claim being built: an amount, the frame it belongs to, and the sentence."""

    sent: Span
    money: Span
    amount: Amount
    frame: Frame
    deal_type: str
    confidence: float
    # paid to no one named, for nothing named: a part of the deal before by its buyer
    # ("Calloway will pay $1.9 billion in cash"), else no claim (a dividend)
    paid_to_no_one: bool = False

    def note(self, rule: str, says: str) -> None:
        self.frame.note(rule, says)


@dataclass
class Context:
    """Deals named earlier in the article, for sentences that name no parties."""

    start: int
    roles: dict[str, list[str]]
    deal_type: str
    subordinate: bool = False  # named in a relative clause: "the division it bought in 2019"


def article_claims(doc: Doc, spans_key: str, settings: dict, names: ArticleNames,
                   published: date | None, about_deals: bool,
                   dropped: list[dict] | None = None) -> list[Claim]:
    """Read every deal claim of a parsed article (or of its selected passages).

    :param about_deals: whether the whole article speaks of a deal (passages.mentions_deal).
    :param dropped: if given, filled with each amount read and set aside, and the rule
        that set it aside.
    """
    dropped = [] if dropped is None else dropped
    cues, frames = settings["cues"], settings["frames"]
    lead = next(iter(doc.sents), None)
    lead_text = lead.text if lead is not None else ""
    main = names.main_party(_lead_subject(doc, names), lead_text) or (
        None if rates_only(names.main, lead_text) else names.main)
    drafts: list[Draft] = []
    context: list[Context] = []
    money_spans = sorted(doc.spans.get(spans_key, []), key=lambda m: m.start)
    # Indexed once per Doc: each sentence takes its own amounts, and ``doc.text`` (built
    # anew at each read) is read once, not once per amount.
    money_starts = [m.start for m in money_spans]
    text = doc.text
    listed, listed_money = _pair_list_claims(doc, money_spans, names, settings)
    for sent in doc.sents:
        sent_cues = sentence_cues(sent, cues)
        context.extend(_deals_named(sent, sent_cues, settings, names, main))
        sent_drafts = []
        first, last = bisect_left(money_starts, sent.start), bisect_left(money_starts, sent.end)
        for money in money_spans[first:last]:
            if money.start in listed_money:
                continue
            try:
                sent_drafts.append(
                    _draft(sent, money, sent_cues, cues, frames, about_deals, settings, text))
            except Dropped as drop:
                dropped.append(_drop_record(money, drop.rule, drop.says))
        if "respectively" in sent.text:
            _pair_respectively(sent_drafts)
        drafts.extend(sent_drafts)
    claims = []
    deals = _DealsBefore(context)
    for draft in drafts:
        try:
            claim = _claim(draft, names, main, deals, published, settings.get("sides"))
        except Dropped as drop:
            dropped.append(_drop_record(draft.money, drop.rule, drop.says))
            continue
        if claim.confidence >= settings["min_confidence"]:
            claims.append(claim)
        else:
            dropped.append(_drop_record(draft.money, "drop.low-confidence",
                                        f"confidence {claim.confidence} under the minimum"))
    return _merge_duplicates(claims + listed)


def _pair_list_claims(doc: Doc, money_spans: list[Span], names: ArticleNames, settings: dict
                      ) -> tuple[list[Claim], set[int]]:
    """The claims of pair lists ("Abrin–Gallet (March, $350 million upfront)", pairs.py),
    and the token starts of the amounts they took."""
    claims, taken = [], set()
    items: dict[int, list] = {}  # each sentence's items, read once
    for money in money_spans:
        sent = money.sent
        if sent.start not in items:
            items[sent.start] = pair_items(sent.text)
        start, end = money.start_char - sent.start_char, money.end_char - sent.start_char
        item = next((i for i in items[sent.start] if i.holds(start, end)), None)
        if item is None:
            continue
        buyer, seller = names.canonical(item.buyer), names.canonical(item.seller)
        trace = [{"rule": "pair.list-item", "says": f"{money.text!r} in the brackets of "
                                                    f"{item.buyer}–{item.seller}"},
                 {"rule": "type.pair-list", "says": "type = acquisition (the second is bought)"}]
        claims.append(Claim(deal_type="acquisition", amount=_per_share(
            money._.get(settings["amount_attr"]), sent), parties=[
            Party(buyer, "buyer"), Party(seller, "seller")], sentence=sent.text,
            start=sent.start_char, end=sent.end_char, attribution=attribution(sent.text, sent),
            confidence=0.6, trace=trace))
        taken.add(money.start)
    return claims, taken


def _deals_named(sent: Span, sent_cues: list[Token], settings: dict, names: ArticleNames,
                 main: str | None) -> list[Context]:
    """Every deal a sentence names with its parties, in order: "the deal" in a later
    sentence is the latest of them."""
    cues, frames = settings["cues"], settings["frames"]
    named = []
    for cue in sent_cues:
        strong = cue_kind(cue, cues) in STRONG_FRAMES - GENERIC
        if strong or cue.pos_ in {"VERB", "AUX"}:
            frame = read_frame(cue, cues, frames, patterns=settings["patterns"])
            # a weak or generic deal verb names a deal when it names both sides: "agreed
            # to pay SpaceX $45 billion"
            if frame.has_parties() if strong else (
                    frame.roles.get("buyer") and frame.roles.get("seller")):
                named.append(Context(cue.i, _resolved(frame, sent, names, main),
                                     _deal_type(frame, frames), cue.dep_ in {"relcl", "acl"}))
    return named


def _drop_record(money: Span, rule: str, says: str) -> dict:
    return {"amount": money.text, "start": money.start_char, "end": money.end_char,
            "rule": rule, "says": says}


class _DealsBefore:
    """The deals named in an article, indexed once per Doc: each claim finds "the deal"
    named before it by bisection, not by filtering every deal of the article (which made
    extraction quadratic in the number of deals)."""

    # What "the deal" may be, best first: a deal of a main clause (not one in a relative
    # clause after it) that is no loan (not the loan that pays for it); then weaker ones.
    _SKIP_LOANS = ("main_no_loan", "main", "no_loan", "any")
    _ANY = ("main", "any")

    def __init__(self, context: list[Context]):
        self.context = context
        self.starts = [c.start for c in context]
        tests = {"main_no_loan": lambda c: not c.subordinate and c.deal_type != "loan",
                 "main": lambda c: not c.subordinate,
                 "no_loan": lambda c: c.deal_type != "loan",
                 "any": lambda c: True}
        # self.last[name][k]: the index of the last deal before the k-th that passes, or -1
        self.last: dict[str, list[int]] = {}
        for name, test in tests.items():
            last, found = [-1], -1
            for i, deal in enumerate(context):
                found = i if test(deal) else found
                last.append(found)
            self.last[name] = last

    def bidder_before(self, name: str, start: int) -> bool:
        """Whether a deal named before token ``start`` has ``name`` as its buyer."""
        return any(_same_party([name], deal.roles.get("buyer", []))
                   for deal in self.context[:bisect_left(self.starts, start)])

    def buyers_named_before(self, deal: Context, limit: int = 20) -> list[str]:
        """The buyers an earlier mention of ``deal`` names, when ``deal`` names none:
        "Under the recommended offer, Direct Line shareholders will receive ..." after
        "Aviva agreed to buy Direct Line". The last ``limit`` deals before it are read."""
        sold = deal.roles.get("seller", []) + deal.roles.get("target", [])
        if not sold:
            return []
        at = bisect_left(self.starts, deal.start)
        for earlier in reversed(self.context[max(0, at - limit):at]):
            buyers = earlier.roles.get("buyer", [])
            if buyers and _same_party(sold, earlier.roles.get("seller", []) + earlier.roles.get(
                    "target", [])) and not _same_party(buyers, sold):
                return buyers
        return []

    def named_between(self, start: int, end: int) -> list[Context]:
        """The deals whose deal word stands between tokens ``start`` and ``end``."""
        return self.context[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def latest(self, start: int, skip_loans: bool) -> Context | None:
        """The deal named last before token ``start`` (else the article's first deal)."""
        count = bisect_left(self.starts, start) or min(1, len(self.context))
        for name in self._SKIP_LOANS if skip_loans else self._ANY:
            found = self.last[name][count]
            if found >= 0:
                return self.context[found]
        return None


def _pair_respectively(drafts: list[Draft]) -> None:
    """"Microsoft and Nvidia will invest up to $5 billion and up to $10 billion,
    respectively": the first party pays the first amount, the second the second."""
    by_cue: dict[int, list[Draft]] = {}
    for draft in drafts:
        by_cue.setdefault(draft.frame.cue.i, []).append(draft)
    for group in by_cue.values():
        for role in ("buyer", "seller"):
            names = group[0].frame.roles.get(role, [])
            if len(group) > 1 and len(names) == len(group):
                for draft, name in zip(sorted(group, key=lambda d: d.money.start), names,
                                       strict=True):
                    draft.frame.roles = {**draft.frame.roles, role: [name]}
                    draft.note("role.respectively", f"{role} = {name} (in the order of "
                                                    "the amounts)")


def _lead_subject(doc: Doc, names: ArticleNames) -> str | None:
    """The company the lead sentence is about: the subject of its main verb."""
    sents = list(doc.sents)
    if not sents:
        return None
    root = sents[0].root
    for child in root.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            found = names_of(child)[0]
            if found and found[0] != ANAPHOR and not found[0].startswith(DESCRIBED):
                return names.canonical(_known_form(_tidy(found[0]), names))
    return None


class Dropped(Exception):
    """An amount the rules read and set aside, with the rule that did: "no deal here"
    is a decision too, and ``--explain`` shows it."""

    def __init__(self, rule: str, says: str):
        super().__init__(says)
        self.rule, self.says = rule, says


def _draft(sent: Span, money: Span, sent_cues: list[Token], cues: dict, frames: dict,
           about_deals: bool, settings: dict, text: str) -> Draft:
    """Read the deal an amount belongs to; raise Dropped when it belongs to none.

    :param text: the Doc's text, read once per Doc (``doc.text`` is built at each read).
    """
    amount = money._.get(settings["amount_attr"])
    _not_a_price(text, money, amount)
    frame, cue = _linked_frame(money, sent_cues, cues, frames, settings)
    _not_a_deal(frame, cue, money, sent, about_deals)
    frame = _specific_frame(frame, cue, money, sent_cues, cues, frames, settings["patterns"])
    _complete_frame(frame, money, cues, frames, settings["patterns"])
    if frame.kind == "lend" and not frame.roles.get("buyer"):
        lender = _lender_of_the_list(frame.cue)
        named = names_of(lender)[0] if lender is not None else []
        if named:
            frame.add("buyer", named)
            frame.note("lend.lender-of-the-list", f"buyer = {lender.text} (lends the loans "
                                                  "listed with this one)")
    if frame.kind in {"lend", "borrow"} and frame.light_verb in {"have", "hold", "own"}:
        # "Cityquest also has loan facilities of 30 mln stg": no transaction
        raise Dropped("drop.facility-held", f"a facility {frame.light_verb!r}, not taken out")
    if frame.kind in {"pay", "receive", "bid"} and not (frame.roles.get("seller") or (
            frame.roles.get("target"))):
        whose = _per_named_share(money)  # "paying 410 pence per Norland share"
        if whose:  # a bid for each of its shares is a bid for the company
            role = "seller" if frame.kind == "bid" else "target"
            frame.add(role, [whose])
            frame.note("role.per-named-share", f"{role} = {whose} (whose shares are priced)")
    # "the group paid 31 cents a share for the year": a dividend, unless its payer is the
    # buyer of the deal before (decided in _claim)
    paid_to_no_one = frame.kind == "pay" and not (
        frame.roles.get("seller") or frame.target_phrase or frame.roles.get("target")
        or _points_at(frame.cue))
    if paid_to_no_one and not frame.roles.get("buyer"):
        raise Dropped("drop.payment-to-no-one", "paid to no one named, for nothing named")
    if not frame.roles.get("target") and not frame.roles.get("seller") and (
            frame.target_phrase or "").split()[-1:] in (["shares"], ["stock"], ["stake"],
                                                        ["holding"], ["interest"]):
        owner = _stake_owner_in(sent)  # "raised its Taft stake ... after buying shares"
        if owner:
            frame.add("target", [owner])
            frame.note("role.stake-owner", f"target = {owner} (whose shares)")
    confidence = 0.55 + (0.25 if frame.via_parse else 0.0) + (
        0.1 if frame.kind in STRONG_FRAMES else 0)
    per_share = _priced_per_share(frame, amount, money, sent)
    deal_type, rule = typed(frame, frames)
    frame.note(rule, f"type = {deal_type}")
    return Draft(sent=sent, money=money, amount=per_share, frame=frame,
                 deal_type=deal_type, confidence=confidence, paid_to_no_one=paid_to_no_one)


def _lender_of_the_list(cue: Token) -> Token | None:
    """"a facility consisting of a three mln dlr term loan and a revolving credit line
    provided by Citicorp": the lender one loan of a list names lends the others, and the
    facility they make up."""
    listed = [*cue.conjuncts]
    for child in cue.children:  # the facility "consisting of" the loans
        if child.dep_ == "acl" and child.lower_ in {"consisting", "comprising", "including"}:
            listed += [t for prep in child.children if prep.lower_ == "of"
                       for pobj in prep.children if pobj.dep_ == "pobj"
                       for t in (pobj, *pobj.conjuncts)]
    for loan in listed:
        for child in loan.children:
            if child.dep_ == "acl" and child.lower_ in {"provided", "extended", "granted"}:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        return next((t for t in agent.children if t.dep_ == "pobj"), None)
    return None


def _per_named_share(money: Span) -> str | None:
    """The company a price per share names: "410 pence per Norland share", "$31.50 in
    cash for each Tamsin share" -> the name."""
    doc, i = money.doc, money.end
    while i < len(doc) and doc[i].lower_ in {"per", "for", "each", "every", "a", "an", "in",
                                             "cash"}:
        i += 1
    start = i
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        i += 1
    if start == i or i >= len(doc) or doc[i].lower_ not in {"share", "shares", "ordinary",
                                                             "common"}:
        return None
    return doc[start:i].text


def _not_a_price(text: str, money: Span, amount: Amount | None) -> None:
    """Drop an amount the words around it make a change, a security or a figure."""
    if _CHANGE_BEFORE.search(text, max(0, money.start_char - 12), money.start_char):
        # "raised its offer by 50p to 600p", "up from $92 million"
        raise Dropped("drop.change", "a change or an earlier figure, not a price")
    if text.startswith("-denominated", money.end_char):
        raise Dropped("drop.denomination", "names the currency of something: 'yen-denominated'")
    if amount is None or _SECURITY_NAME.match(text, money.end_char):
        raise Dropped("drop.security-name", "names a security: '2.19 dlr preference shares'")
    if _FIGURE_AFTER.match(text, money.end_char):
        raise Dropped("drop.figure-after", "a company figure: '5p in dividends'")
    if _sizes_a_company(money):
        # "South Bay, a 62.5 mln dlr state-chartered stock association"
        raise Dropped("drop.company-size", "describes a company's size, not a price")
    unit = _PER_UNIT_AFTER.match(text, money.end_char) or _UNIT_PRICE.match(
        text, money.end_char)  # "around €30 per megawatt-hour", "$1,900 an ounce"
    if amount.per in COMMODITY_UNITS or (unit and unit.group(1).lower() in COMMODITY_UNITS):
        per = amount.per or unit.group(1)
        raise Dropped("drop.commodity-price", f"a price per {per}: a commodity price")


def _sizes_a_company(money: Span) -> bool:
    """An amount modifying a noun for a company ("a 62.5 mln dlr savings association",
    "a $900 million bank") says how large it is (its assets or worth), not what a deal
    pays (GUIDELINES.md)."""
    root = money.root
    return root.dep_ in {"nmod", "compound", "amod", "nummod"} and root.head.i > root.i and (
        root.head.lower_ in SIZED_COMPANY_NOUNS)


# "129.40 European currency units (Ecus) per tonne": the unit after a parenthesis.
_UNIT_PRICE = re.compile(r"\s+(?:per|a|an)\s+([\w-]+?)s?(?![\w-])", re.I)
_PER_UNIT_AFTER = re.compile(r"\s*\([^)]{1,30}\)\s+(?:per|a|an)\s+(\w+?)s?\b", re.I)


def _linked_frame(money: Span, sent_cues: list[Token], cues: dict, frames: dict,
                  settings: dict) -> tuple[Frame, Token]:
    """The frame of the deal word an amount belongs to, and that word."""
    cue, via_parse = _deal_word(money, sent_cues, cues, settings)
    outer = outer_cue(cue, money, cues)
    patterns = settings["patterns"]
    frame = read_frame(outer, cues, frames, money, inner=cue, patterns=patterns) if (
        outer is not None) else read_frame(cue, cues, frames, money, patterns=patterns)
    frame.via_parse = via_parse
    frame.trace.insert(0, _link_note(money, cue, outer, via_parse))
    if frame.kind == "value" and not values_a_deal(cue):
        # "a market value of", "the round values Mistral at"
        raise Dropped("drop.value-of-no-deal", f"{cue.text!r} values no deal")
    if frame.kind == "value":
        valued = value_subject(cue)
        if valued is not None and cue_kind(valued, cues) in STRONG_FRAMES and (
                valued.lower_ not in GENERIC_DEAL_NOUNS or _names_a_side(valued)):
            # "a five-year contract worth up to $11.9 billion": the contract's frame
            earlier = frame.trace
            frame = read_frame(valued, cues, frames, money, patterns=patterns)
            frame.via_parse = via_parse
            frame.trace[:0] = earlier
            frame.note("link.worth-of-deal", f"{money.text!r} is what {valued.text!r} is worth")
        elif not _SHARE_PRICE.search(money.sent.text, money.start_char - money.sent.start_char,
                                     money.end_char - money.sent.start_char + 12) \
                and _values_a_company(
                cue, [t for t in sent_cues], cues):
            # ("the deal, which values Cobalt at $52 per share": an offer price)
            # "the transaction values it at more than $29 billion"
            raise Dropped("drop.valuation", "values a company, not a deal")
    return frame, cue


def _deal_word(money: Span, sent_cues: list[Token], cues: dict, settings: dict
               ) -> tuple[Token, bool]:
    """The deal word an amount belongs to, and whether the parse links them (else the
    word stands near it). Reads the parse and the amounts, no other entity."""
    cue, blocked = governing_cue(money, cues)
    if blocked:
        raise Dropped("drop.figure", "governed by a company figure, a market price or "
                                     "a valuation")
    if cue is not None:
        return cue, True
    cue = _nearest(money, sent_cues, cues, settings["max_cue_distance"])
    if cue is None:
        raise Dropped("drop.no-deal-word", "no deal word governs it or stands near it")
    return cue, False


def may_claim(doc: Doc, spans_key: str, settings: dict) -> bool:
    """Whether a parsed Doc may give a claim: one of its amounts has a deal word (_draft
    drops every other), or stands in a sentence with a pair list.

    Read before the entity recogniser, which changes neither: it keeps the amounts set
    before it and only adds entities, and an entity's word is no deal word only when it
    is an amount's. A Doc without such an amount gives no claim whatever its entities,
    so the Extractor spares it the recogniser and the components after (issue 15).
    """
    cues = settings["cues"]
    read: dict[int, list[Token] | None] = {}  # each sentence's deal words, read once
    for money in doc.spans.get(spans_key, []):
        sent = money.sent
        if sent.start not in read:
            read[sent.start] = None if has_pair_items(sent.text) else sentence_cues(sent, cues)
        if read[sent.start] is None:
            return True
        try:
            _deal_word(money, read[sent.start], cues, settings)
        except Dropped:
            continue
        return True
    return False


def _names_a_side(noun: Token) -> bool:
    """"the agreement with Pym Logistics": a generic deal noun that names a party of its
    own is a deal of its own, not "the deal" named before."""
    return any(c.dep_ == "prep" and c.lower_ in {"with", "between", "from"} and any(
        g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children) for c in noun.children)


def _not_a_deal(frame: Frame, cue: Token, money: Span, sent: Span, about_deals: bool
                ) -> None:
    """Drop money raised from the public, spending, securities and currency traded, and
    weak deal words outside deal stories."""
    if frame.kind == "raise" and ((not frame.roles.get("buyer") and (
            _PUBLIC_ISSUE.search(sent.text) or _CUMULATIVE.search(sent.text)))
            or _PLAINLY_PUBLIC.search(sent.text)):
        # "raise 5.1 mln stg through the placing of shares", "has raised roughly $410m
        # since it was founded": not a deal GUIDELINES.md records
        raise Dropped("drop.public-issue", "money raised from the public or in total")
    if frame.kind in {"pay", "receive"} and _TERMINATION.search(sent.text):
        # "News would be entitled to a 16 mln dlr cash payment if the merger agreement
        # were terminated": a break fee, no price of the deal (GUIDELINES.md)
        raise Dropped("drop.termination-fee", "a payment due if the deal ends")
    if frame.kind in {"pay", "receive"} and _settles_a_claim(cue):
        # "a settlement that provides for a 1.3 mln dlrs payment to workers": damages, no
        # price of a deal (GUIDELINES.md: legal settlements)
        raise Dropped("drop.settlement", f"{cue.text!r} is paid under a legal settlement")
    if _aggregate(frame.cue, money) or _aggregate(cue, money):
        # "awarded 165.7 mln dlrs in military contracts", "two loans amounting to 75.7 mln
        # dlrs": the total of several deals, no price of one (GUIDELINES.md)
        raise Dropped("drop.aggregate", f"{cue.text!r}: a total of several deals")
    _no_deal_made(frame, cue, money, sent)  # damages, trade over years, options, might-be
    if frame.kind in {"lend", "borrow"} and _repaid(cue, money):
        # "replacing a $600 million facility", "repaid $180 million it borrowed": the old
        # loan going, no new deal
        raise Dropped("drop.repaid-loan", "a loan repaid or replaced, not a new one")
    if frame.kind == "lend" and (_CUMULATIVE.search(sent.text) or _SINCE_YEAR.search(
            sent.text)):
        # "has lent more than $6 billion to Kenya since 2019": a total of many loans
        raise Dropped("drop.aggregate", f"{cue.text!r}: lent in total over years")
    if frame.kind == "invest" and _invests_in_things(cue):  # "invest in improvements"
        raise Dropped("drop.spending", "invested in things, not in a company")
    traded = _securities_traded(frame, cue, money) if frame.kind in {
        "acquire", "sell", "bid", "receive", "value"} else None
    if traded:
        # "will buy 100 mln dlrs of the new issue", "offered one mln shares of common stock
        # at 63.25 dlrs a share": a market for securities, not a deal between parties
        raise Dropped("drop.securities", f"{traded!r} traded in a market or offered to the "
                                         "public")
    if frame.kind in {"acquire", "sell"} and _buys_money(money, cue):
        # "the bank's purchases of more than one billion U.S. dlrs": currency bought
        raise Dropped("drop.money-bought", "what is bought is money itself")
    if _raised_from_the_public(money, cue):
        # "260 mln dlrs from an offering made through Drexel"
        raise Dropped("drop.public-issue", "money from a public offering")
    if frame.kind not in STRONG_FRAMES and not about_deals and not (
            _pays_for_a_part(frame) or _stake_taken(frame)):
        raise Dropped("drop.weak-word", f"{cue.text!r} makes no claim in an article about "
                                        "no deal")


def _no_deal_made(frame: Frame, cue: Token, money: Span, sent: Span) -> None:
    """Drop damages, trade totalled over years, exercise prices, deals that might have
    been, buybacks, market flows and budgets: money no deal between the parties was made
    for."""
    if _money_settles(money):
        # "a 2.1 billion dlr judgment bond won by Kellam": damages, whatever the deal word
        raise Dropped("drop.settlement", "the amount of a judgment or a settlement")
    if (_aggregate(cue, money) or _trades(cue)) and _OVER_PAST_YEARS.match(
            sent.text, money.end_char - sent.start_char):
        # "licensed sales of farm machinery to Cuba, amounting to about 40 mln dlrs over
        # the last three years": trade over years, no one deal
        raise Dropped("drop.aggregate", "a total of trade over years")
    if frame.kind in {"acquire", "bid"} and _option_price(frame.cue):
        # "options to buy 1,000,000 shares at 8.25 to nine dlrs each": an exercise price
        raise Dropped("drop.option-price", "the price an option or a warrant may buy at")
    if _counterfactual(frame.cue):
        # "Corvel might have been able to buy the rest of Tamsin for about 30 dlrs"
        raise Dropped("drop.hypothetical", "a deal that might have been, not one made")
    if frame.kind == "acquire" and _buys_back_own(frame.cue):
        # "bought back $500 million of its own stock": no other party
        raise Dropped("drop.buyback", "a company buying back its own shares or bonds")
    if frame.kind in {"acquire", "sell"} and _NET_FLOWS.search(sent.text):
        # "foreign investors were net buyers of 780 billion won of shares": a market's
        # flows, not a deal between parties
        raise Dropped("drop.market-flows", "shares bought or sold on balance in a market")
    doc = sent.doc  # words near the amount, not the sentence's text (built at each read)
    if frame.kind in {"raise", "invest", "pay"} and _LEVEL_CHANGED.match(
            " " + doc[money.end:money.end + 4].text) and _CHANGING.search(
            doc[max(sent.start, money.start - 15):money.start].text + " "):
        # "would increase funding for the program to 2.5 billion dlrs from 1.5 billion":
        # a budget's new level, no deal
        raise Dropped("drop.change", "a level raised or cut to this amount from another")


def _buys_back_own(cue: Token) -> bool:
    """"bought back $500 million of its own stock", "a $2bn share repurchase": an issuer
    buying its own securities from the market, unless it buys them from someone named
    ("bought back its shares from Halden Partners")."""
    back = any(c.dep_ == "prt" and c.lower_ == "back" for c in cue.children) or (
        cue.lower_ in {"buyback", "buybacks", "buy-back", "repurchase", "repurchases",
                       "repurchased", "repurchasing"})
    return back and not any(t.lower_ == "from" and any(
        c.ent_type_ in {"ORG", "PERSON"} for c in t.children) for t in cue.sent)


_SETTLING_NOUNS = {"settlement", "settlements", "judgment", "judgement", "lawsuit", "suit",
                   "verdict"}


def _settles_a_claim(cue: Token) -> bool:
    """A payment a settlement or a judgment provides for, a few words up the parse."""
    tok = cue
    for _ in range(4):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.lower_ in _SETTLING_NOUNS:
            return True
    return False


def _pays_for_a_part(frame: Frame) -> bool:
    """"Peltra will pay $2bn for Brenmoor's coal unit", "Aldermoor will pay $93 a share for
    Vexon", "will pay Greyfield $9.4 billion for computing capacity": a named payer's price
    paid to or for a company the sentence names is a deal, in any story (not "for its own
    shares", "for back taxes")."""
    part = (frame.part or "").lower().split()
    return frame.kind == "pay" and _named(frame, "seller", "target") and (
        bool(part) or _named(frame, "buyer")) and not (
        part and part[-1] in _SHARE_NOUNS | NOT_DEAL_NOUNS)


def _stake_taken(frame: Frame) -> bool:
    """"Harlow took a $40 million stake in Nvidia": a stake bought from a named company is
    a deal in any story (one held, "has a stake", is none)."""
    return frame.kind == "stake" and frame.light_verb in _TAKING_VERBS and _named(
        frame, "seller", "target")


_TAKING_VERBS = {"take", "buy", "acquire", "purchase", "build", "sell"}


def _named(frame: Frame, *roles: str) -> bool:
    """Whether the sentence names someone in one of these roles ("it" names no one)."""
    return any(n != ANAPHOR for role in roles for n in frame.roles.get(role, []))


def _aggregate(cue: Token, money: Span) -> bool:
    """A deal noun in the plural governs the amount, or the amount is "in" or "worth of"
    one: "two loans amounting to", "165.7 mln dlrs in military contracts", "won 7.6 mln
    dlrs worth of Navy contracts"."""
    if cue.tag_ == "NNS" and cue.lower_ in _COUNTED_DEALS and not _from_lenders(cue):
        return True
    after = money.doc[money.end] if money.end < len(money.doc) else None
    if after is not None and after.lower_ in {"combined", "altogether"}:
        return True  # "two loans ... worth nearly $900 million combined"
    root = money.root
    heads = [root, *(t for t in [*root.children, root.head] if t.lower_ == "worth")]
    return any(prep.dep_ == "prep" and prep.lower_ in {"of", "in"} and pobj.tag_ == "NNS"
               and pobj.lower_ in _COUNTED_DEALS and not _from_lenders(pobj)
               for head in heads for prep in head.children for pobj in prep.children)


_COUNTED_DEALS = {"loans", "contracts", "credits", "lines", "facilities", "deals"}


def _from_lenders(loans: Token) -> bool:
    """"€1.1bn of acquisition loans from a group of banks led by X": one borrower's
    package from its lenders, not a total of several deals; "two loans from" are two."""
    return loans.lower_ in {"loans", "facilities", "credits", "lines"} and any(
        c.dep_ == "prep" and c.lower_ == "from" for c in loans.children) and not any(
        c.dep_ == "nummod" or c.like_num for c in loans.children)


# Right after the amount: "amounting to about 40 mln dlrs over the last three years".
_OVER_PAST_YEARS = re.compile(r"\s*(?:over|in|during) the (?:last|past) (?:\w+ )?(?:years|"
                              r"decade)\b", re.I)
_TRADE_TOTALS = {"sales", "exports", "imports", "shipments", "purchases"}
# Options and warrants read off the words before a buying verb; not a bare "right to buy",
# which reading it so cost a correct claim of the held-out parts.
_EXERCISED = OPTION_WORDS - {"right"}


def _trades(cue: Token) -> bool:
    """A deal word of trade: "licensed sales of farm machinery", "exports"."""
    return cue.lower_ in _TRADE_TOTALS or any(c.lower_ in _TRADE_TOTALS for c in cue.children)


def _money_settles(money: Span) -> bool:
    """The amount of a judgment, a verdict or damages: "a 2.1 billion dlr judgment bond"."""
    after = money.doc[money.end:min(money.end + 2, money.sent.end)]
    return any(t.lower_ in _SETTLING_NOUNS | {"damages"} for t in after)


def _option_price(cue: Token) -> bool:
    """A buying verb an option or warrant governs: "options to buy 2,400,000 shares at 6.25
    dlrs", "warrants to purchase shares at 4.50 dlrs each"."""
    if cue.pos_ != "VERB":
        return False
    before = cue.doc[cue.i - 2:cue.i] if cue.i >= 2 else None
    return (cue.dep_ in {"acl", "relcl", "xcomp"} and cue.head.lower_ in _EXERCISED) or (
        before is not None and before[0].lower_ in _EXERCISED and before[1].lower_ == "to")


def _counterfactual(cue: Token) -> bool:
    """A deal verb under "might have" or "could have" (itself or the verbs it
    complements): a deal that did not happen ("would have bought" tells the terms of an
    ended deal, which is one)."""
    tok = cue
    for _ in range(3):
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if auxes & {"might", "could"} and "have" in auxes:
            return True
        if tok.dep_ not in {"xcomp", "acomp"} or tok.head == tok:
            return False
        tok = tok.head
    return False
_SINCE_YEAR = re.compile(r"\bsince (?:19|20)\d\d\b")
# Verbs that end a loan, in all their forms: what they take is an old loan, not a new deal.
_REPAYING = frozenset({"repaid", "prepaid"}.union(*(
    inflections(verb) for verb in ("repay", "replace", "refinance", "retire", "prepay",
                                   "redeem"))))
_PAYING = inflections("pay")  # "pay off", "pay down" a loan


def _repaid(cue: Token, money: Span) -> bool:
    """Whether a loan is one being repaid or replaced: the loan word or the amount is the
    object of a repaying verb ("replacing a $600 million facility", "repaid $180 million
    it borrowed"), or a clause on the loan word says so ("a facility ... that Tessaly is
    repaying early")."""
    for tok in (cue, money.root):
        while tok.dep_ == "conj" and tok.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            tok = tok.head  # "to repay bonds maturing in 2026 and a $150 million loan"
        verb = tok.head
        if tok.dep_ in OBJECTS | {"conj"} and verb.pos_ in {"VERB", "AUX"} and (
                verb.lower_ in _REPAYING or (verb.lower_ in _PAYING and _particle(verb) in {
                    "off", "down", "back"})):
            return True
    return any(c.dep_ in {"relcl", "acl"} and c.lower_ in _REPAYING for c in cue.children)


def _particle(verb: Token) -> str | None:
    return next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)


def _securities_traded(frame: Frame, cue: Token, money: Span) -> str | None:
    """The securities an amount buys or sells, where a market trades them: bonds, notes,
    an issue; or the shares a company offers without naming whose they are."""
    for child in money.root.children:  # "100 mln dlrs of the new issue"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if _is_security(pobj):
                    return pobj.text
                if pobj.pos_ == "NOUN" and _bought_security(pobj):
                    return _bought_security(pobj)  # "18.2 billion dlrs of bids for the bills"
    if _bought_security(cue):
        return _bought_security(cue)  # "outright purchases of bank bills", "bids ... for"
    if money.root.dep_ in {"compound", "nummod", "amod", "nmod"} and (
            _is_security(money.root.head)):
        return money.root.head.text  # "a 1.2 billion dlr bond issue"
    security = _security_named_after(money)
    if security:
        return security  # "a 900 mln dlr, three-part bond issue", however it is parsed
    objects = [c for c in cue.children if c.dep_ in OBJECTS] if cue.pos_ in {
        "VERB", "AUX"} else []
    counted = _shares_counted_before(cue, money) if frame.kind == "bid" and not (
        frame.roles.get("seller") or frame.roles.get("target")) else None
    if counted:
        return counted  # "plans to offer in late April 7,500,000 shares of the fund at 10 dlrs"
    for obj in objects:
        if _is_security(obj):
            return obj.text  # "will offer a ... bond issue"
        if frame.kind == "bid" and obj.lower_ in {"shares", "stock", "units"} and not (
                frame.roles.get("seller") or frame.roles.get("target")):
            return obj.text  # "offered one mln shares of common stock at 63.25 dlrs"
        if frame.kind in {"acquire", "bid"} and not frame.roles.get("seller") and _own_securities(
                obj, money):
            return obj.text  # "to buy all the shares of its Series B preferred stock"
    return None


def _shares_counted_before(cue: Token, money: Span) -> str | None:
    """A count of shares between an offering verb and its price, with no "for" that would
    make it a bid, however the parse hangs them: "offer 7,500,000 shares ... at 10 dlrs"."""
    if cue.pos_ not in {"VERB", "AUX"} or cue.lower_ not in {"offer", "offers", "offered",
                                                           "offering"} or cue.i > money.start:
        return None
    between = cue.doc[cue.i + 1:money.start]
    if any(t.lower_ == "for" for t in between):
        return None
    return next((t.text for t in between if t.lower_ in {"shares", "units"} and t.i > 0 and (
        t.doc[t.i - 1].like_num or t.doc[t.i - 1].lower_ in {"mln", "million", "billion"})),
        None)


def _bought_security(noun: Token) -> str | None:
    """The securities a noun is "of" or "for": "purchases of bank bills", "bids for the
    three-month bills"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            for pobj in child.children:
                if _is_security(pobj):
                    return pobj.text
    return None


def _security_named_after(money: Span) -> str | None:
    """The securities noun an amount describes by the words that follow it, whatever the
    parse made of them: "a 900 mln dlr, three-part bond issue"."""
    for tok in money.doc[money.end:money.end + 9]:
        if _is_security(tok):
            return tok.text
        if tok.lower_ == "principal" and tok.i + 1 < len(tok.doc) and (
                tok.nbor().lower_ == "amount"):
            return "principal amount"  # "30 mln dlr principal amount of 14-1/2 pct notes"
        if tok.lower_ in {"of", "worth"}:
            continue  # "800 billion yen worth of financing bills"
        if tok.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "PROPN"} or tok.is_sent_end:
            return None
    return None


def _is_security(tok: Token) -> bool:
    """"bonds", "notes", "paper" as common nouns: "Orland Paper" is a company."""
    return tok.lower_ in TRADED_SECURITIES and tok.text.islower()


def _own_securities(obj: Token, money: Span) -> bool:
    """An issuer buying back or redeeming its own preferred stock, notes or debentures
    from no one named (GUIDELINES.md: no deal): "its" and a security in the object, or
    between it and the amount where the parse broke the object up."""
    doc = obj.doc
    end = money.start if money.start > obj.i else obj.right_edge.i + 1
    words = {t.lower_ for t in doc[obj.left_edge.i:max(end, obj.right_edge.i + 1)]}
    return "its" in words and bool(words & _OWN_SECURITIES)


# Money itself as what is bought: "buys dollars", "sold sterling".
_CURRENCY_NOUNS = {"dollars", "dollar", "dlrs", "yen", "marks", "sterling", "francs",
                   "currency", "currencies", "euros"}
# "its common stock": a company buying back its own shares from holders no one names.
_OWN_SECURITIES = {"preferred", "preference", "debentures", "notes", "bonds", "convertible",
                   "common"}


def _buys_money(money: Span, cue: Token) -> bool:
    """Whether the thing bought is the amount itself ("purchases of one billion dlrs",
    "bought 500 mln dlrs on the market"), with nothing after it that it buys, or money
    at a rate ("buys dollars around 149.00 yen")."""
    if any(c.dep_ in OBJECTS and c.lower_ in _CURRENCY_NOUNS and not (
            money.start <= c.i < money.end) for c in cue.children):
        return True
    root = money.root
    if any(c.dep_ == "prep" and c.lower_ in {"of", "worth"} for c in root.children):
        return False  # "10 mln dlrs of its shares": shares bought
    if root.dep_ in OBJECTS and root.head == cue:
        return cue.pos_ in {"VERB", "AUX"}
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head == cue


def _raised_from_the_public(money: Span, cue: Token) -> bool:
    """"received 260 mln dlrs from an offering", "180 mln dlrs from a placement" (in the
    parse, or in the words right after the amount where the parse hangs them elsewhere)."""
    public = {"offering", "offerings", "placement", "placing", "flotation"}
    return any(child.dep_ == "prep" and child.lower_ == "from"
               and any(p.lower_ in public for p in child.children)
               for child in [*money.root.children, *cue.children]) or bool(
        _FROM_PUBLIC.match(money.sent.text, money.end_char - money.sent.start_char))
    # (the sentence's text: ``doc.text`` is built at each read, once per amount it was
    # quadratic in a long article)


_FROM_PUBLIC = re.compile(r"\s+from\s+(?:an?|the|its|a\s+public)\s+(?:[\w-]+\s+){0,2}?"
                          r"(?:offering|placement|placing|flotation)s?\b", re.I)


def _specific_frame(frame: Frame, cue: Token, money: Span, sent_cues: list[Token],
                    cues: dict, frames: dict, patterns: ArgumentPatterns) -> Frame:
    """"the 757 mln dlr deal under which Chrysler would acquire AMC": the specific deal
    word of the sentence says who is who."""
    if frame.kind not in GENERIC and frame.has_parties() and not _offers_to(cue, cues):
        return frame
    for specific in _specific_cues(sent_cues, cue, cues):
        if _has_own_amount(specific, cue, money):
            continue  # "bought Nimbra for $2.3 billion, and paid $640 million for a stake"
        better = read_frame(specific, cues, frames, money, patterns=patterns)
        if better.has_parties() and _sides(better) >= _sides(frame):
            better.via_parse = frame.via_parse
            if not better.roles.get("seller") and not better.roles.get("target") and (
                    frame.roles.get("target")):
                # "pay $40 million for Ostlund under a merger agreement": what is paid for
                better.roles["target"] = frame.roles["target"]
            _keep_other_side(frame, better)
            better.trace[:0] = [*frame.trace, {
                "rule": "link.specific-deal-word",
                "says": f"{specific.text!r} names as many sides as {frame.cue.text!r}, "
                        "and says which deal it is"}]
            return better
    return frame


def _keep_other_side(generic: Frame, better: Frame) -> None:
    """The side only the generic deal word names stays: "Tessaly Rail was picked by Amtrak
    for a contract to supply trains" (Amtrak buys; "supply" names only the supplier)."""
    named = {name_key(n) for role in ("buyer", "seller", "target")
             for n in better.roles.get(role, []) if n != ANAPHOR}
    for role in ("buyer", "seller"):
        kept = [n for n in generic.roles.get(role, []) if n != ANAPHOR]
        if not better.roles.get(role) and kept and not named & {name_key(n) for n in kept}:
            better.roles[role] = kept
            better.note(f"link.kept-{role}", f"{role} = {', '.join(kept)} (named by "
                                             f"{generic.cue.text!r})")


def _offers_to(cue: Token, cues: dict) -> bool:
    """"Zico offered to buy 500,000 shares": the verb the offer governs says what is
    bought and from whom."""
    return cue.pos_ == "VERB" and cue_kind(cue, cues) == "bid" and any(
        c.dep_ == "xcomp" and cue_kind(c, cues) in {"acquire", "sell", "merge"}
        for c in cue.children)


def _has_own_amount(specific: Token, cue: Token, money: Span) -> bool:
    """Whether another amount hangs off a deal word itself, through prepositions and
    nouns only ("bought Nimbra for $2.3 billion"): that word is a deal of its own. An
    amount in a clause below it ("buying Kellanova in a deal, paying $83.50 a share")
    is a part of the same deal."""
    for tok in specific.subtree:
        if tok.ent_type_ != "MONEY" or money.start <= tok.i < money.end:
            continue
        head = tok.head
        while head != specific and head != cue and head.pos_ not in {"VERB", "AUX"}:
            head = head.head
        if head == specific:
            return True
    return False


def _sides(frame: Frame) -> int:
    """How many sides of a deal a frame names: a generic "contract" that names buyer and
    seller is kept over a "supply" beside it that names only the supplier."""
    return bool(frame.roles.get("buyer")) + bool(frame.roles.get("seller"))


def _complete_frame(frame: Frame, money: Span, cues: dict, frames: dict,
                    patterns: ArgumentPatterns) -> None:
    """Stakes take their buyer from the verb above them; who receives shares buys."""
    if frame.kind == "stake" and not frame.roles.get("buyer"):
        # "bought a stake in X": the verb above the stake says who bought it.
        verb = frame.cue.head
        if verb != frame.cue and cue_kind(verb, cues):
            outer = read_frame(verb, cues, frames, money, patterns=patterns)
            frame.add("buyer", outer.roles.get("buyer", []))
            if outer.roles.get("buyer"):
                frame.note("role.stake-buyer-from-verb",
                           f"buyer = {', '.join(outer.roles['buyer'])} (who {verb.text} it)")
    if frame.kind == "receive" and _buys_shares(money) and not any(
            "holder" in c.lower_ for c in frame.cue.children if c.dep_ == "nsubj"):
        # "OpenAI received $350 million worth of CoreWeave shares": the receiver buys (but
        # "each holder will receive 66 dlrs of AmSouth stock" is paid in the buyer's stock)
        frame.roles = {"buyer": frame.roles.get("seller", []),
                       "target": _share_owners(money)}
        frame.kind = "acquire"
        frame.note("role.received-shares", "who receives shares buys them")


def _link_note(money: Span, cue: Token, outer: Token | None, via_parse: bool) -> dict:
    """Say how an amount was tied to its deal word."""
    if outer is not None:
        return {"rule": "link.past-relative-clause", "says": (
            f"{money.text!r} belongs to {outer.text!r}, past the clause of {cue.text!r}")}
    if via_parse:
        return {"rule": "link.parse", "says": f"{money.text!r} hangs off {cue.text!r} in the parse"}
    return {"rule": "link.nearest", "says": f"{money.text!r} is nearest to {cue.text!r}"}


def _points_at(cue: Token) -> bool:
    return cue.lower_ in DEAL_NOUNS or any(
        t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in DEAL_NOUNS for t in cue.children)


def _stake_owner_in(sent: Span) -> str | None:
    """The company whose stake a sentence speaks of: "its Taft stake", "a stake in X"."""
    for tok in sent:
        if tok.lower_ in {"stake", "holding", "holdings", "interest"}:
            owners = names_of(tok)[2]
            if owners and owners[0] != ANAPHOR:
                return owners[0]
    return None


def _buys_shares(money: Span) -> bool:
    """"$350 million worth of CoreWeave shares", "shares worth 5 mln dlrs"."""
    for tok in (money.root, money.root.head):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of" and any(
                    g.lower_ in STAKE_NOUNS for g in child.children):
                return True
    return False


def _share_owners(money: Span) -> list[str]:
    for tok in money.root.subtree:
        if tok.lower_ in STAKE_NOUNS:
            return [n for n in names_of(tok)[2] if n != ANAPHOR]
    return []


def _values_a_company(cue: Token, sent_cues: list[Token], cues: dict) -> bool:
    """"the transaction values it (Scale) at $29 billion" after an investment is a
    valuation; "a deal that values Covestro at 14.7 bln euros" when buying all of it is
    a price. The sentence's own deal word tells which."""
    if cue.pos_ not in {"VERB", "AUX"} or not any(c.dep_ in OBJECTS for c in cue.children):
        return False
    kinds = {cue_kind(t, cues) for t in sent_cues}
    if re.search(r"\bstake\b|\binterest in\b|\d\s?%|\bpct\b|per[- ]cent", sent_text(cue)):
        return True  # "buys a 49% stake for $3.1bn, in a deal that values the unit at $9.4bn"
    return not kinds & {"acquire", "bid", "merge", "sell"}


def sent_text(tok: Token) -> str:
    return tok.sent.text


def _invests_in_things(cue: Token) -> bool:
    """"invest over 13 mln dlrs in improvements", "invest C$65 million to expand its
    plant": spending on things, not in a company ("invest $14.3 billion in Scale AI in
    return for a 49% stake" is a deal)."""
    things = not any(c.dep_ == "prep" and c.lower_ in {"in", "into"} for c in cue.children) and (
        any(c.dep_ in {"xcomp", "advcl"} and any(g.lower_ == "to" for g in c.children)
            for c in cue.children))
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "into"}:
            for pobj in child.children:
                if pobj.lower_ in {"return", "exchange", "cash", "stock", "total", "all"} or (
                        pobj.ent_type_ in {"DATE", "MONEY"}):
                    continue
                names, part, _ = names_of(pobj)
                own = any(c.dep_ == "poss" and c.lower_ in {"its", "their", "our"}
                          for c in pobj.children)
                if names or (part and not own):
                    return False  # "in its factories" is spending on its own plants
                things = True
    return things


def _nearest(money: Span, sent_cues: list[Token], cues: dict, max_distance: int) -> Token | None:
    """The deal word nearest an amount the parse left unattached; a deal verb before
    the amount reaches further when no other verb stands between them ("agreed to sell
    Freedom Mobile, Shaw's wireless carrier, to Videotron, the telecom arm of Quebecor,
    for C$2.85 billion")."""
    best, best_distance = None, max_distance + 1
    for cue in sent_cues:
        distance = min(abs(cue.i - money.start), abs(cue.i - (money.end - 1)))
        kind = cue_kind(cue, cues)
        if kind in STRONG_FRAMES:
            distance -= 2  # prefer a deal verb to "value"
            if cue.pos_ == "VERB" and cue.i < money.start and not any(
                    t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBN", "VBG"}
                    for t in money.doc[cue.i + 1:money.start]):
                distance = min(distance, max_distance)
        if kind == "value" and not values_a_deal(cue):
            continue
        if distance < best_distance:
            best, best_distance = cue, distance
    return best


def _specific_cues(sent_cues: list[Token], cue: Token, cues: dict) -> list[Token]:
    """Deal words that say who is who for a generic one, nearest first: "the 757 mln dlr
    deal under which Chrysler would acquire AMC" (not "a payment to a lawyer who
    organised its takeover": the takeover hangs off the lawyer)."""
    specific = [t for t in sent_cues if t != cue
                and cue_kind(t, cues) in STRONG_FRAMES - GENERIC and _linked(t, cue)]
    return sorted(specific, key=lambda t: abs(t.i - cue.i))


def _linked(specific: Token, cue: Token) -> bool:
    """Whether one deal word governs the other without a party noun between them."""
    for start, end in ((specific, cue), (cue, specific)):
        tok = start
        for _ in range(8):
            if tok.head == tok:
                break
            tok = tok.head
            if tok == end:
                return True
            if tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ not in DEAL_NOUNS | ORDERED_GOODS | {
                    "exchange", "return", "part", "connection"}:
                # "sold a stake to Sumitomo in exchange for a capital infusion" links, and
                # "buy 103 Boeing jets valued at $36.2 billion": goods are no party
                break
    return False


_SHARE_PRICE = re.compile(r"\b(?:each|every|per|a)\s+(?:\w+\s+){0,3}?(?:share|common share)s?\b"
                          r"|\b(?:in exchange )?for (?:their|its|each) (?:\w+ )?(?:stock|shares?)\b"
                          r"|\bshares\b.{0,150}\bat\s+(?:about\s+|an?\s+(?:average\s+)?"
                          r"price\s+of\s+)?[$£€]?\d", re.I | re.S)
# Money raised from the public, which GUIDELINES.md does not record as a deal.
_PUBLIC_ISSUE = re.compile(r"\b(?:placing|placement|public offering|initial public|IPO|"
                           r"float(?:ed|s|ing)?|went public|go(?:es|ing)? public|"
                           r"rights issue|flotation|listing|(?:euro)?bonds?|notes|debentures|"
                           r"listed (?:its |their )?(?:shares|stock)|"
                           r"share sale|sale of (?:new )?shares|offering|"
                           r"public (?:share |stock )?offer|"
                           r"in the (?:[\w-]+ ){0,2}(?:capital|financial|bond|debt|equity|money) "
                           r"markets?)\b", re.I)
# A deal ending: what is paid then is a break fee.
_TERMINATION = re.compile(r"\b(?:(?:merger|deal|agreement|transaction|takeover|offer)\b"
                          r".{0,40}?\b(?:terminated|called off|collapses|falls through|"
                          r"fails|is blocked|is not completed)|in certain circumstances|"
                          r"(?:termination|break-?up|break|walk-?away) fees?)\b", re.I)
# Market flows: "foreign investors were net buyers of ..." (not "bought a net 498,800
# shares", a holder's stake filing).
_NET_FLOWS = re.compile(r"\bnet (?:buyers?|sellers?|inflows?|outflows?)\b", re.I)
# Said of money raised from the public whoever the parse makes the buyer.
_PLAINLY_PUBLIC = re.compile(r"\b(?:public (?:share |stock )?offer(?:ing)?|initial public|IPO|"
                             r"eurobonds?|rights issue|flotation)\b", re.I)
_CUMULATIVE = re.compile(r"\b(?:since (?:it was|the company was) (?:founded|spun out|set up|"
                         r"launched|created|started)|since (?:its )?(?:founding|inception|"
                         r"launch|creation)|to date|so far|in total)\b", re.I)
# Words before an amount that make it a change or an earlier figure, not a price.
_CHANGE_BEFORE = re.compile(r"(?:\bby|\bup from|\bdown from|\bcompared with|\bversus|\bvs\.?)"
                            r"\s+(?:about\s+|some\s+)?\Z", re.I)
# Money a company reports in the words right after the amount: "5p in dividends".
_FIGURE_AFTER = re.compile(r"\s+in\s+(?:[\w-]+\s+){0,2}mortgages?\b"  # "in closed mortgage loans"
                           r"|\s+to\s+(?:its\s+)?(?:[\w-]+\s+){0,2}reserves?\b"  # loss reserves
                           r"|\s+(?:above|below|over|under)\s+(?:its\s+|the\s+)?(?:[\w-]+\s+)"
                           r"{0,2}(?:book|market|par|asset|balance[- ]sheet)\s+value\b"
                           r"|\s+(?:in|of)\s+(?:\w+\s+)?(?:dividends?|fees|revenues?|sales|"
                           r"profits?|earnings|losses|savings|synergies|damages|costs)\b"
                           # "a $5 billion market", not "bought ... on the open market"
                           r"|(?!\s+(?:on|in)\s+the\s+(?:open\s+|stock\s+)?market\b)"
                           r"(?:\s+[\w-]+){0,3}\s+(?:industry|market|sector|economy)\b",
                           re.I)
# "2.19 dlr cumulative preference shares": a dividend rate naming a security.
_SECURITY_NAME = re.compile(r"\s*(?:cumulative|convertible|exchangeable|redeemable|"
                            r"preference|preferred)\b", re.I)


def _per_share(amount: Amount, sent: Span) -> Amount:
    """A small sum in a sentence pricing each share is a price per share: "holders would
    receive 52 dlrs in cash in exchange for their stock", "345p cash for every share"."""
    limit = 100_000 if amount.currency == "JPY" else 10_000
    if amount.per is None and amount.value < limit and _SHARE_PRICE.search(sent.text):
        return Amount(**{**amount.to_dict(), "per": "share"})
    return amount


def _priced_per_share(frame: Frame, amount: Amount, money: Span, sent: Span) -> Amount:
    """The amount, per share where the sentence prices each share or where it is too small
    to buy a company with."""
    per_share = _per_share(amount, sent)
    if per_share is not amount:
        frame.note("amount.per-share", f"{money.text!r} prices each share")
    elif _bid_too_small(frame, amount, money):
        per_share = Amount(**{**amount.to_dict(), "per": "share"})
        frame.note("amount.per-share-bid", f"{money.text!r}, too small for a company, "
                                           "prices each share")
    return per_share


def _bid_too_small(frame: Frame, amount: Amount, money: Span) -> bool:
    """"Koppel's CHF 94 proposal", "agreed to buy Tamsin for 11.50 dlrs": a bid or a
    purchase of a few hundred units of money, written with no "million", is a price per
    share; not a rate ("around €30 per megawatt-hour")."""
    limit = 100_000 if amount.currency == "JPY" else 1_000
    after = money.doc[money.end:money.end + 2].text
    return frame.kind in {"bid", "merge", "acquire"} and amount.per is None and (
        amount.value < limit) and not _RATE_AFTER.match(after) and (
        not _SCALED.search(amount.text))


_SCALED = re.compile(r"\d\s*(?:k|m|bn|mln|million|billion|thousand)\b", re.I)
_RATE_AFTER = re.compile(r"(?:per|a|an|each|every)\b|/", re.I)


def _deal_type(frame: Frame, frames: dict) -> str:
    return typed(frame, frames)[0]


def typed(frame: Frame, frames: dict) -> tuple[str, str]:
    """The deal type a frame states, and the id of the rule that says so."""
    kind = frame.kind
    if kind == "raise" and (frame.cue.head.lower_ in {"package", "facility", "line"} or any(
            c.lower_ in {"debt", "bank", "loan", "credit", "bridge", "mortgage", "senior",
                         "mezzanine", "subordinated"}
            for c in frame.cue.children) or _raised_through_debt(frame.cue)):
        return "loan", "type.debt-financing"  # "a debt financing package", not a round
    if kind == "raise" and frame.cue.lower_ in {"financing", "funding"} and any(
            _BANK_NAME.search(name) for name in frame.roles.get("buyer", [])):
        return "loan", "type.bank-financing"  # "project funding from Ostrava Bank"
    deal_type = frames.get(kind, {}).get("deal_type", "other")
    part = (frame.target_phrase or "").lower().split()
    if kind in {"acquire", "sell", "bid", "merge", "pay", "value", "receive"}:
        if _is_stake(part, frame) or _is_stake((frame.part or "").lower().split(), frame):
            if kind == "acquire" and _NEW_SHARES.search(" ".join(part) + " " + (
                    frame.part or "").lower()):
                return "investment", "type.new-shares"  # GUIDELINES.md: new shares invest
            return "stake", "type.stake-of-shares"
        if kind in {"acquire", "sell"} and _goods_object(frame.cue):
            return "contract", "type.buys-goods"  # "buy electricity from X's plant"
        if _names_rights(frame.target_phrase or frame.part or ""):
            return "other", "type.rights"  # "$1.25 billion upfront for the rights to a drug"
        if _is_assets(frame.target_phrase or frame.part or ""):
            return "asset_sale", "type.assets"
        if kind in {"acquire", "sell"} and _asset_object(frame.cue):
            return "asset_sale", "type.asset-object"
        if kind == "pay" and _pays_for_goods(frame.cue):
            return "contract", "type.pays-for-goods"
        if _goods_ordered(frame.cue) is not None:
            return "contract", "type.goods-order"  # "an order for 90 jets, a purchase ..."
        if kind == "pay" and _pays_in_loans(frame.cue):
            return "loan", "type.paid-as-loan"  # "committed $120 million in debt financing"
        if kind in {"acquire", "sell"} and (_last_common_noun(
                frame.target_phrase or frame.part or "") in CONTRACT_GOODS or (
                _measured_goods(frame.cue) in CONTRACT_GOODS) or _bought_by_power(frame.cue)):
            return "contract", "type.buys-goods"  # "buy $9 billion of computing capacity"
        if kind in {"pay", "receive"} and _under_a_contract(frame.cue):
            return "contract", "type.paid-under-contract"
        if kind in {"pay", "value", "receive"}:
            if frame.has_parties():
                return "acquisition", "type.payment-between-parties"
            return "other", "type.payment-without-parties"
        return "acquisition", f"type.{kind}"
    if kind == "contract" and _says_takeover(frame.cue):
        return "acquisition", "type.takeover-deal"  # "the 265 mln dlr buyout deal"
    return deal_type, f"type.{kind}"


def _says_takeover(cue: Token) -> bool:
    """A deal, agreement or pact its modifier makes a purchase of a company."""
    return any(c.dep_ in {"compound", "amod"} and c.lower_ in _TAKEOVER_WORDS
               for c in cue.children)


# Shares a company issues to the buyer: money put in, not a stake bought from a holder.
_NEW_SHARES = re.compile(r"\b(?:newly[- ]issued|new(?: ordinary| common| preference)? "
                         r"shares|new stock)\b")
# What a licence buys: rights to a drug, a film, a patent (GUIDELINES.md: other).
_RIGHTS = {"rights", "licence", "license", "licences", "licenses", "royalty", "royalties"}
# Words that make a deal, agreement or pact a purchase of a company.
_TAKEOVER_WORDS = {"buyout", "buy-out", "takeover", "take-over", "merger", "acquisition"}


# A bank's name: the financing it provides is a loan, not equity.
_BANK_NAME = re.compile(r"\b(?:Bank|Banque|Banca|Banco|Bancorp|Bankers|Sparkasse|Landesbank|"
                        r"Credit Suisse|Credit Lyonnais|Credit Agricole)\b")


def _under_a_contract(cue: Token) -> bool:
    """Money paid "under a licensing deal", "under the Novaris agreement": a payment of a
    contract (a licence, research or supply deal) the sentence names, not a price for a
    company ("under the agreement" alone is the deal before's)."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"under", "as", "through"}:
            continue
        objects = [n for n in prep.children if n.dep_ == "pobj"]
        # "as part of a research collaboration"
        objects += [g for n in objects if n.lower_ == "part" for p in n.children
                    if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        for noun in objects:
            if noun.lower_ in GENERIC_DEAL_NOUNS | {
                    "contract", "licence", "license", "partnership", "collaboration"}:
                return noun.lower_ in {"contract", "licence", "license", "collaboration"} or any(
                    c.dep_ in {"compound", "amod"} and (c.lower_ in CONTRACT_MODIFIERS or (
                        c.pos_ == "PROPN" and c.dep_ == "compound")) for c in noun.children)
    return False


def _is_stake(part: list[str], frame: Frame) -> bool:
    """"a 13 pct interest", "300,000 shares", "a majority of the stock" are stakes; "the
    ordinary shares of Norcros" (all of them) is the company."""
    if _REST_OF_IT.search(frame.cue.sent.text):
        return False  # "the 45 pct of Standard it does not already own": the whole company
    if frame.cue.lower_ in {"stake", "interest", "holding"}:
        return True
    if not part and _bought_participle(frame.cue):
        part = [frame.cue.head.lower_]  # "1.1 million shares bought from Koyo Life"
    if not part or part[-1] not in STAKE_NOUNS:
        return False
    whole = {"the", "all", "outstanding", "ordinary", "remaining", "entire", "its", "issued",
             "each", "every", "per"}  # "310p for each Brandt share" prices the company
    words = set(part)
    if part[-1] in {"pct", "percent", "%"} and _WHOLE_PCT.search(frame.cue.sent.text):
        return False  # "100 pct of Heritage's stock": all of it
    if part[-1] in _PORTION_NOUNS:
        return True
    counted = any(w[:1].isdigit() for w in part) or (
        frame.via_parse and _counted_shares(frame.cue))
    if frame.kind == "bid" and not counted and not _PARTIAL_OFFER.search(frame.cue.sent.text):
        return False  # an offer for "Clarostat's stock", "Purolator shares": for the company
    return not (words & whole) or counted


def _counted_shares(cue: Token) -> bool:
    """"purchased 300,000 Hillards ordinary shares": a number of shares bought is a
    stake, whatever words name the shares."""
    objects = [c for c in cue.children if c.dep_ in OBJECTS] + [
        g for p in cue.children if p.dep_ == "prep" and p.lower_ == "for"
        for g in p.children if g.dep_ == "pobj"] + (  # "an offer ... for 33 mln shares"
        [cue.head] if _bought_participle(cue) else [])  # "1.1 million shares bought from"
    return any(obj.lower_ in _SHARE_NOUNS and any(
        n.dep_ == "nummod" and n.like_num and n.ent_type_ not in {"MONEY", "PERCENT"}
        for n in obj.children) for obj in objects)


def _bought_participle(cue: Token) -> bool:
    """"a block of 1.1 million shares bought from Koyo Life": a deal verb's participle
    after what changes hands, with no one said to buy it."""
    return cue.dep_ == "acl" and cue.tag_ == "VBN" and not any(
        c.dep_ == "agent" for c in cue.children)


def _shares_bought_unsaid(cue: Token, sides: Sides) -> bool:
    """Shares bought with no buyer said: "shares bought from Koyo Life" (a seller named),
    "the rest were picked up on the exchange" (passive, shares its subject)."""
    if _bought_participle(cue):
        return bool(sides.sellers)
    return cue.tag_ == "VBN" and not any(c.dep_ == "agent" for c in cue.children) and any(
        c.dep_ == "nsubjpass" and c.lower_ in _SHARE_NOUNS | {"rest", "remainder", "balance"}
        for c in cue.children)


# Nouns for a company's shares themselves (not a stake in them).
_SHARE_NOUNS = {"shares", "share", "stock", "common", "preferred", "equity"}
# A tender offer for a capped number of shares: "a tender offer for up to 2,500,000 shares".
_PARTIAL_OFFER = re.compile(r"\bup to [\d.,]+(?: (?:mln|million|billion))?(?: [\w-]+){0,3} "
                            r"(?:shares|stock)\b", re.I)
_WHOLE_PCT = re.compile(r"\b100(?: pct| percent|%)", re.I)
# Words that name a portion of a company's shares, whatever the verb.
_PORTION_NOUNS = {"stake", "stakes", "interest", "holding", "pct", "percent", "majority",
                  "minority"}


# Shares that complete an owner's hold: buying them buys the company.
_REST_OF_IT = re.compile(r"\b(?:(?:does|do|did) not|doesn't|don't) (?:already )?own\b|"
                         r"\b(?:the )?(?:remaining|rest of|balance of)\b", re.I)


def _is_assets(phrase: str) -> bool:
    """What changes hands is assets when its last common noun is an asset word: "the
    Great America theme park", "radio stations WKLM and WKLN" (names after the noun are
    the assets' own), "a portfolio of 640 homes" (the "of" part says what is in it).
    Interests in a resource are assets too ("its oil and gas interests": fields, mines);
    "its interests in Corvane" are shares, "its media interests" businesses."""
    noun = _last_common_noun(phrase)
    if noun == "interests":
        before = phrase.split(" of ")[0].split()
        at = before.index("interests") if "interests" in before else 0
        return at > 0 and before[at - 1] in _RESOURCES
    return noun in ASSET_WORDS


# What "interests" in a resource are: "oil and gas interests", "coal mining interests".
_RESOURCES = {"oil", "gas", "petroleum", "mining", "coal", "mineral", "minerals", "gold",
              "copper", "uranium", "timber", "forestry", "property", "exploration"}


def _asset_object(cue: Token) -> bool:
    """What a deal verb buys or sells is assets when its object, or an object joined to
    it, is an asset word: "acquired the distribution system of the City of Clanton",
    "sell its television station WOR", "the business and assets of Wallco"."""
    for obj in cue.children:
        if obj.dep_ in OBJECTS and obj.text.islower() and any(
                t.lower_ in ASSET_WORDS for t in [obj, *obj.conjuncts] if t.text.islower()):
            return True
    return False


def _names_rights(phrase: str) -> bool:
    """"the rights to a drug", "rights to HRS-5346, an oral drug": a licence bought."""
    words = [w for w in re.findall(r"[\w'-]+", phrase) if w not in {"the", "exclusive",
                                                                      "global", "worldwide"}]
    return (bool(words) and words[0] in _RIGHTS) or _last_common_noun(phrase) in _RIGHTS


def _last_common_noun(phrase: str) -> str | None:
    """The last lower-case word before any "of": "the Great America theme park" ->
    "park", "radio stations WKLM" -> "stations"; after it for a measure: "500 megawatts
    of solar power" -> "power"."""
    head, _, rest = phrase.partition(" of ")
    common = [w for w in re.findall(r"[\w'-]+", head) if w.islower()]
    if common and common[-1] in GOODS_MEASURES and rest:
        return _last_common_noun(rest)
    return common[-1] if common else None


def _measured_goods(cue: Token) -> str | None:
    """What a quantity bought is of: "purchase 500 megawatts of solar power" -> "power"."""
    for obj in cue.children:
        if obj.dep_ == "dobj" and (obj.lower_ in GOODS_MEASURES or obj.ent_type_ == "MONEY"):
            # "purchase 500 megawatts of solar power", "buy $3 billion of batteries"
            return next((g.lower_ for p in obj.children if p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"), None)
    return None


def _goods_object(cue: Token) -> bool:
    """"purchase cloud services worth $12 billion", "buy electricity from its plant": the
    deal verb's own object is goods or services, whoever's plant makes them."""
    return cue.pos_ in {"VERB", "AUX"} and any(
        _is_goods(goods) for obj in cue.children if obj.dep_ == "dobj"
        for goods in (obj, *_part_of(obj)))


def _is_goods(tok: Token) -> bool:
    """"capacity", "GPUs" (not "Vexon Software", a company bought)."""
    return (tok.is_lower or tok.text.removesuffix("s").isupper()) and (
        tok.lower_ in CONTRACT_GOODS or tok.lemma_.lower() in CONTRACT_GOODS)


def _part_of(tok: Token) -> list[Token]:
    """What "most of the output" is a part of: "output"."""
    if tok.lower_ not in {"most", "all", "part", "some", "much", "half"}:
        return []
    return [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children if g.dep_ == "pobj"]


_ORDER_WORDS = {"order", "orders", "ordered", "ordering", "buy", "buys", "bought", "buying",
                "purchase", "purchases", "purchased", "purchasing"}


def _goods_ordered(cue: Token) -> Token | None:
    """The goods of an order the deal word is, or stands beside: "placed an order for 90
    Boeing 777X jets, a purchase valued at $52 billion" -> "jets"; "ordered 12 ships"."""
    if cue.dep_ == "appos" and cue.head.lower_ in ORDERED_GOODS:
        return cue.head  # "an order for 25 jets, a purchase valued at ..."
    verb = cue.head if cue.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"} else cue
    for order in (cue, verb, *verb.children, *cue.children):
        if order.lower_ in _ORDER_WORDS:
            goods = _goods_after(order)
            if goods is not None:
                return goods
    return None


def _goods_after(order: Token) -> Token | None:
    """The goods counted after an order word: "for 40 Airbus A321neo jets", "12 ships"
    (a window of tokens, since the parse of model names varies)."""
    sent = order.sent
    seen_for = order.pos_ == "VERB"
    for tok in order.doc[order.i + 1:min(sent.end, order.i + 10)]:
        if tok.is_punct and tok.text != "-":  # "wide-body jets"
            return None
        seen_for = seen_for or tok.lower_ == "for"
        if tok.lower_ in ORDERED_GOODS:
            return tok if seen_for else None
    return None


_BEFORE_GOODS = {"for", "of", ",", ";", "(", ")"}


def goods_maker(cue: Token) -> str | None:
    """The maker named in the goods ordered: "Boeing" of "90 Boeing 777X jets"."""
    goods = _goods_ordered(cue)
    if goods is None:
        return None
    start = goods.i
    while start > goods.sent.start and goods.doc[start - 1].text not in _BEFORE_GOODS and (
            goods.doc[start - 1].lower_ not in _ORDER_WORDS):
        start -= 1
    for tok in goods.doc[start:goods.i]:
        if tok.pos_ == "PROPN" and tok.ent_type_ in {"ORG", "PERSON"} and (
                tok.text not in SIZE_UNITS):  # "8,500 TEU ships": a size, no maker
            ent = entity_at(tok)
            return _tidy(ent.text) if ent is not None else tok.text
    return None


def _bought_by_power(cue: Token) -> bool:
    """"buy 800 megawatts of solar panels": goods counted in the power they make are
    equipment or energy bought under a contract, whatever they are."""
    return any(obj.dep_ == "dobj" and obj.lower_ in POWER_MEASURES for obj in cue.children)


def _raised_through_debt(cue: Token) -> bool:
    """"raised $250 million through a term loan", "via a bond sale": money raised as debt."""
    return any(p.dep_ == "prep" and p.lower_ in {"through", "via", "from", "in"} and any(
        g.dep_ == "pobj" and g.lower_ in {"loan", "loans", "facility", "bonds", "notes",
                                          "debt", "borrowing", "borrowings"}
        for g in p.children) for p in cue.children)


def _pays_in_loans(cue: Token) -> bool:
    """"committed up to 120 mln dlrs in senior debt financing": money paid as a loan."""
    return any(prep.dep_ == "prep" and prep.lower_ == "in" and (
        prep.head == cue or prep.head.ent_type_ == "MONEY") and any(
        pobj.lower_ in _LOAN_WORDS for pobj in prep.children) for prep in cue.subtree)


_LOAN_WORDS = {"financing", "loan", "loans", "credit", "credits", "debt", "facility",
               "facilities", "borrowings", "lending"}


def _pays_for_goods(cue: Token) -> bool:
    """"pay SpaceX $45 billion for computational resources": a purchase contract."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                if _is_goods(pobj):  # not "for Concho Resources", a company
                    return True
    return False


def _resolved(frame: Frame, sent: Span, names: ArticleNames, main: str | None,
              notes: list[dict] | None = None) -> dict:
    """Replace "it"/"the company" left open by the parse with the article's main company;
    use the article's long forms of names.

    :param notes: where to record each resolution step; None records nothing.
    """
    out: dict[str, list[str]] = {}
    for role, role_names in frame.roles.items():
        resolved: list[str] = []
        for name in role_names:
            name, steps = _resolve_name(name, sent, names, main)
            if notes is not None:
                notes.extend(steps)
            if name and name not in resolved and not _is_generic(name):
                resolved.append(name)
        out[role] = resolved
    out, steps = names.cast_roles(out, sent.text)  # names that are no party (names.py)
    if notes is not None:
        notes.extend(steps)
    return out


def _resolve_name(name: str, sent: Span, names: ArticleNames, main: str | None
                  ) -> tuple[str | None, list[dict]]:
    """The article's name for one party name the parse gave, with the steps taken."""
    steps = []
    if name == ANAPHOR:
        speaking = _speaking(sent, names)
        before = None if speaking else _subject_before(sent)
        rule = "resolve.speaker" if speaking else (
            "resolve.subject-before" if before else "resolve.main-company")
        name = speaking or before or main
        steps.append({"rule": rule, "says": f"it -> {name or '-'}"})
    if name and name.startswith(DESCRIBED):  # "the railroad" -> "Northfield Rail Corp"
        noun = name[len(DESCRIBED):]
        described = names.described.get(noun)
        name = described or (main if noun not in BIDDER_NOUNS else None)
        rule = "resolve.description" if described else "resolve.description-main-company"
        steps.append({"rule": rule, "says": f"the {noun} -> {name or '-'}"})
    if name:
        full = names.canonical(_known_form(_tidy(name), names))
        if full and full != name and full != _tidy(name):
            steps.append({"rule": "resolve.long-form", "says": f"{name} -> {full}"})
        name = full
    return name, steps


def _subject_before(sent: Span) -> str | None:
    """"The bidder is Isar Bidco GmbH, a vehicle of ... It will offer €38.50 a share": a
    sentence opening with "It" goes on from the sentence right before it in the article,
    whose subject, or the company its "The bidder is" names, "it" is."""
    first, doc = sent[0], sent.doc
    if first.lower_ != "it" or first.dep_ not in {"nsubj", "nsubjpass"} or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    end = before.start_char + len(before.text.rstrip())  # not the passages' separator
    if not follows_in_article(doc._.get(ARTICLE_ATTR), end, sent.start_char):
        return None
    root = before.root
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if root.lower_ in {"is", "was"} and subjects and subjects[0].lower_ in BIDDER_NOUNS:
        subjects = [c for c in root.children if c.dep_ == "attr"]  # "The buyer is KKR"
    for subject in subjects:
        if subject.ent_type_ in {"ORG", "GPE", "NORP"} or subject.lower_ in BIDDER_NOUNS:
            named = names_of(subject)[0]
            if named and not named[0].startswith(DESCRIBED) and named[0] != ANAPHOR:
                return named[0]
    return None


def _speaking(sent: Span, names: ArticleNames) -> str | None:
    """The company saying the sentence ("Dixons said it ..."); a person speaking for a
    company ("chief executive Nathalie Gagnon said the company would") is not it."""
    who = speaker(sent)
    if who is None or who.ent_type_ == "PERSON":
        return None
    found = names_of(who)[0]
    return found[0] if found and found[0] != ANAPHOR else None


# Last words that make a name a company's whole name: "Thorncastle Systems".
_COMPANY_HEADS = frozenset("""Systems Group Holdings Technologies Industries Partners Capital
    Energy Motors Airlines Pharmaceuticals Pharma Therapeutics Labs Bank Resources Foods
    Networks Software Semiconductor Electronics Communications Media Logistics Brands
    Shipping Mining Minerals Petroleum Insurance Financial Ventures Robotics""".split())


def _known_form(name: str, names: ArticleNames) -> str:
    """Prefer a known company name an entity starts with: "Swedish Match Co of Stockholm"
    -> "Swedish Match Co" (but not "GLI Holdings Inc" -> "Holdings Inc", nor "First
    Union" -> "First", a word that starts other names too, nor "Borg-Warner" -> "Borg"),
    and never a whole name of its own: "Enro Acquisition Corp" is not "Enro", nor is
    "Thorncastle Systems" "Thorncastle" when that is short for "Thorncastle Defense Inc"."""
    words = name.split()
    whole = len(words) > 1 and (
        (len(words) > 2 and strip_suffixes(name) != name) or words[-1] in _COMPANY_HEADS)
    # the known names the name starts with, longest first, looked up by each of its
    # beginnings: sorting and scanning every name of the article for each name a claim
    # resolves was quadratic in a long article
    for end in range(len(name) - 1, 3, -1):
        full = name[:end]
        if full in names.name_set and name[end] != "-" and not (
                _ambiguous_prefix(full, names) or _names_a_person(full, names)) and not (
                whole and _another_company(full, name, names)):
            return full
    return name


def _names_a_person(word: str, names: ArticleNames) -> bool:
    """"Hale" of "Mr Hale's company, Hale Robotics": a person's name is no shorter form
    of the company named after them."""
    return any(word == person or word in person.split() for person in names.people)


def _another_company(short: str, name: str, names: ArticleNames) -> bool:
    """A short name whose long form is another company than a whole name it starts:
    "Enro" (for "Enro Shirt Co Inc") in "Enro Acquisition Corp"."""
    long = names.canonical(short)
    return bool(long) and long != short and not name.startswith(long) and not (
        long.startswith(name))


def _ambiguous_prefix(word: str, names: ArticleNames) -> bool:
    """A one-word "name" that starts several of the article's names: "First" of "First
    Union Corp" and "First North Port Bancorp"."""
    return " " not in word and names.opening_words[word] > 1


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.'\"<>")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"['’]s?$", "", name)


def _is_generic(name: str) -> bool:
    return name.lower() in {"company", "investors", "shareholders", "holders", "group",
                            "firm", "government", "management", "it", "they"} or len(name) < 2


@dataclass
class Sides:
    """The parties of a claim being built, by role, and its deal type."""

    buyers: list[str]
    sellers: list[str]
    targets: list[str]
    deal_type: str

    def any(self) -> bool:
        return bool(self.buyers or self.sellers or self.targets)


def _claim(draft: Draft, names: ArticleNames, main: str | None, deals: _DealsBefore,
           published: date | None, ranker: SideRanker | None = None) -> Claim:
    notes = list(draft.frame.trace)
    roles = _resolved(draft.frame, draft.sent, names, main, notes)
    sides = Sides(roles.get("buyer", []), roles.get("seller", []), roles.get("target", []),
                  draft.deal_type)
    _rival_bid_target(draft, deals, sides, notes)
    _topped_bid_target(draft, deals, sides, notes, names)
    _inherit(draft, deals, sides, notes)
    if draft.paid_to_no_one and not (sides.sellers or sides.targets):
        raise Dropped("drop.payment-to-no-one", "paid to no one named, for nothing named")
    _default_to_main(draft, main, sides, notes, deals)
    _main_bids_for_the_other(draft, names, main, sides, notes)
    _issuer_sells(draft.frame, sides, notes)
    buyer_keys = {name_key(b) for b in sides.buyers}
    sides.sellers = [s for s in sides.sellers if name_key(s) not in buyer_keys]
    _not_a_claim(draft, sides, names)
    _named_sides(draft, sides, names, main, notes)
    _ranked_sides(draft, sides, names, main, deals, notes, ranker)
    target = draft.frame.target_phrase
    if target and _names_nothing(target):
        target = None  # "the shares", "each share" name nothing by themselves
    if not target and sides.targets:
        target = sides.targets[0]
    parties = [Party(n, "buyer") for n in sides.buyers] + [
        Party(n, "seller") for n in sides.sellers]
    if target and name_key(target) not in {name_key(s) for s in sides.sellers}:
        parties.append(Party(_tidy(target), "target"))
    if not sides.buyers or not sides.sellers:
        draft.confidence -= 0.1
    sent = draft.sent
    term = _term(sent, draft, sides.deal_type, published)
    if term is not None:
        notes.append({"rule": "term.sentence",
                      "says": f"term = {term.months} months ({term.text!r})"})
    cited = attribution(sent.text, sent)
    if cited is not None:
        notes.append({"rule": "attribution.sentence", "says": f"source = {cited!r}"})
    return Claim(
        deal_type=sides.deal_type,
        parties=parties,
        amount=draft.amount,
        term=term,
        attribution=cited,
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        confidence=round(max(0.0, min(1.0, draft.confidence)), 3),
        trace=notes,
    )


# Public bodies that award contracts: "for the Air Force Reserve", "the Navy said".
_AWARDING_BODY = re.compile(
    r"\b(?:Navy|Army|Air Force|Pentagon|Coast Guard|Marine Corps|Department|Ministry|Agency|"
    r"Administration|Authority|Commission|Government)\b")


def _names_nothing(phrase: str) -> bool:
    """"shares", "each share", "the stake": a part with no owner named."""
    words = phrase.lower().split()
    return phrase.lower() in PART_NOUNS or (len(words) == 2 and words[0] in {
        "each", "every", "per", "a", "the", "its", "their"} and words[1] in PART_NOUNS)


def _named_sides(draft: Draft, sides: Sides, names: ArticleNames, main: str | None,
                 notes: list[dict]) -> None:
    """Name a side left open, or put right a signer, from what the sentence says: each
    names a side of a claim and makes none."""
    _signer_for_borrower(draft.sent, sides, names, main, notes)
    _public_body_pays(sides, notes)
    _awarding_body(draft, sides, notes)
    _goods_maker(draft, sides, notes)
    _co_investors(sides, draft.sent, draft.frame.cue, notes)


def _ranked_sides(draft: Draft, sides: Sides, names: ArticleNames, main: str | None,
                  deals: _DealsBefore, notes: list[dict], ranker: SideRanker | None) -> None:
    """Put in a side the rules leave open the cast member the learned ranker (sides.py)
    finds likeliest, if likely enough."""
    if ranker is None:
        return
    open_sides = [side for side, named in (("buyer", sides.buyers),
                                           ("seller", sides.sellers + sides.targets))
                  if not named and side not in draft.frame.unnamed]
    if not open_sides and ranker.collected is None:
        return
    deal = _deal_before(draft, deals)
    before = deal.roles if deal is not None else {}
    for side in ("buyer", "seller"):
        named = sides.buyers if side == "buyer" else sides.sellers + sides.targets
        if side not in open_sides and ranker.collected is None:
            continue
        others = sides.sellers + sides.targets if side == "buyer" else sides.buyers
        # a rival bidder ("Hallam's offer was topped by ...") is not what is bid for
        barred = others + (_offer_owners(draft.sent, names) if side == "seller" else [])
        found = [c for c in candidates(
            _cast_near(draft.sent, names, main, side, others), draft.money,
            draft.frame.cue.i, draft.frame.kind, sides.deal_type, side, main, before,
            _same_company) if not _same_company([c.name], barred)]
        if ranker.collected is not None:
            ranker.collected.append({"amount": draft.amount, "side": side, "named": named,
                                     "deal_type": sides.deal_type, "candidates": found})
        best = ranker.best(found, side, sides.deal_type) if side in open_sides else None
        if best is None:
            continue
        (sides.buyers if side == "buyer" else sides.sellers).append(best[0].name)
        notes.append({"rule": f"rank.{side}", "says": (
            f"{side} = {best[0].name} (learned ranker, p = {best[1]:.2f} of "
            f"{len(found)} named near)")})


def _cast_near(sent: Span, names: ArticleNames, main: str | None, side: str,
               others: list[str]) -> list[Mention]:
    """The parties named in a claim's sentence, the few before it and the lead."""
    doc, near, at = sent.doc, [sent], sent
    while len(near) <= SENTENCES_BEFORE and at.start > 0:
        at = doc[at.start - 1].sent
        near.append(at)
    lead = doc[0].sent
    read = [(back, s) for back, s in enumerate(near)]
    if lead.start < near[-1].start:
        read.append((-1, lead))
    mentions = []
    for back, s in read:
        for ent in span_ents(s):
            if ent.label_ not in {"ORG", "PERSON", "GPE", "NORP"}:
                continue
            name = _resolve_name(entity_text(ent), s, names, main)[0]
            party = names.as_party(name, side, others, s.text)[0] if name else None
            if party and not _is_generic(party):
                mentions.append(Mention(party, ent, back, _kinds(party, names)))
    return mentions


def _kinds(name: str, names: ArticleNames) -> tuple[str, ...]:
    """What the article's cast says a name is, for the ranker's signs."""
    return tuple(kind for kind, test in (("company", names.is_company), ("place", is_place),
                                         ("person", names.people.__contains__)) if test(name))


def _signer_for_borrower(sent: Span, sides: Sides, names: ArticleNames, main: str | None,
                         notes: list[dict]) -> None:
    """"Its finance secretary, Ralph Recto, signed an $800 million loan from the World
    Bank": a person signs a loan for the borrower, the story's country or company."""
    if sides.deal_type != "loan" or not sides.sellers:
        return
    persons = {e.text for e in entities_in(sent) if e.label_ == "PERSON" and _titled(e)}
    if not all(seller in persons or seller in names.people for seller in sides.sellers):
        return
    signer = ", ".join(sides.sellers)
    borrower = _lead_country(sent.doc) or main
    sides.sellers = [borrower] if borrower and not _same_party([borrower], sides.buyers) else []
    notes.append({"rule": "role.signer-for-borrower", "says": f"seller = "
                  f"{', '.join(sides.sellers) or '-'} ({signer} signs for the borrower)"})


_OFFICE_WORDS = frozenset("""minister secretary governor president predecessor successor
    treasurer chairman chairwoman official director executive""".split())


def _titled(ent: Span) -> bool:
    """A person named with an office ("Finance Secretary Ralph Recto", "Go's predecessor,
    Ralph Recto"): not a company the model reads as a person ("lent Corvid Labs")."""
    before = ent.doc[max(ent.sent.start, ent.start - 3):ent.start]
    return any(t.lower_ in _OFFICE_WORDS for t in before) or (
        ent.root.dep_ == "appos" and ent.root.head.lower_ in _OFFICE_WORDS)


def _lead_country(doc: Doc) -> str | None:
    """The country the lead is about: "The Philippines has signed two loans ..."."""
    lead = next(iter(doc.sents), None)
    subject = None if lead is None else next(
        (t for t in lead if t.dep_ in {"nsubj", "nsubjpass"}), None)
    ent = entity_at(subject) if subject is not None and subject.ent_type_ == "GPE" else None
    return _tidy(ent.text) if ent is not None else None


def _public_body_pays(sides: Sides, notes: list[dict]) -> None:
    """"Thorncastle signed a £400m contract with the Ministry of Defence": under a
    contract a public body buys; the company that signs with it supplies."""
    if sides.deal_type != "contract" or not sides.sellers or not all(
            _AWARDING_BODY.search(s) for s in sides.sellers) or any(
            _AWARDING_BODY.search(b) for b in sides.buyers):
        return
    sides.buyers, sides.sellers = sides.sellers, sides.buyers
    notes.append({"rule": "role.public-body-pays", "says": f"buyer = {', '.join(sides.buyers)}"
                  f", seller = {', '.join(sides.sellers) or '-'} (a public body buys)"})


def _awarding_body(draft: Draft, sides: Sides, notes: list[dict]) -> None:
    """A contract awarded with no buyer named as such: the public body the contract is
    "for" ("a contract for eight aircraft for the Air Force Reserve"), else the body that
    announces it ("..., the Navy said")."""
    if sides.buyers or sides.deal_type != "contract" or draft.frame.kind not in {
            "award", "win", "contract"}:
        return
    sent, cue = draft.sent, draft.frame.cue
    near = sent.doc[max(sent.start, cue.i - 40):min(sent.end, cue.i + 40)]
    bodies = [e for e in entities_in(near) if e.label_ == "ORG" and _AWARDING_BODY.search(
        e.text) and (_for_it(e, cue) or _speaks(e))]
    own = {name_key(n) for n in sides.sellers + sides.targets}
    bodies = [e for e in bodies if name_key(_tidy(e.text)) not in own]
    if bodies:
        body = min(bodies, key=lambda e: not _for_it(e, cue))
        sides.buyers = [_tidy(body.text)]
        notes.append({"rule": "role.awarding-body", "says": f"buyer = {sides.buyers[0]} "
                      "(the public body the contract is for, or that announces it)"})


def _goods_maker(draft: Draft, sides: Sides, notes: list[dict]) -> None:
    """Goods ordered with no seller named as such: their maker, named in them ("an order
    for 40 Airbus A350 jets")."""
    if sides.sellers or sides.deal_type != "contract":
        return
    maker = goods_maker(draft.frame.cue)
    if maker and name_key(maker) not in {name_key(b) for b in sides.buyers}:
        sides.sellers = [maker]
        notes.append({"rule": "role.goods-maker", "says": f"seller = {maker} (the maker "
                      "of the goods ordered)"})


def _co_investors(sides: Sides, sent: Span, cue: Token, notes: list[dict]) -> None:
    """A round's lead and those "with participation from" it all invest (GUIDELINES.md
    lists every investor)."""
    if sides.deal_type != "investment" or not sides.buyers:
        return
    known = {name_key(n) for n in sides.buyers + sides.sellers + sides.targets}
    near = sent.doc[max(sent.start, cue.i - 60):min(sent.end, cue.i + 60)]  # not all of a
    more = [n for n in investors_named(near.text) if name_key(n) not in known]  # run-on
    if more:
        sides.buyers = sides.buyers + more
        notes.append({"rule": "role.co-investors", "says": f"buyer += {', '.join(more)}"})


def _a_bidder(ent: Span) -> bool:
    """"Norcastle's offer was topped by ...": whose offer it is bids, and is not bought."""
    return ent.root.dep_ == "poss" and ent.root.head.lower_ in OFFER_NOUNS


def _for_it(ent: Span, cue: Token) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ == "for" and cue in head.ancestors


def _speaks(ent: Span) -> bool:
    return ent.root.dep_ == "nsubj" and ent.root.head.lower_ in {"said", "says", "announced"}


def _rival_bid_target(draft: Draft, deals: _DealsBefore, sides: Sides,
                      notes: list[dict]) -> None:
    """"Holt offered to acquire Pellham for 34 dlrs a share but was outbid by Ardent, which
    offered 50 dlrs": a bid naming its bidder and nothing bought, after another bidder's
    deal in its own sentence, is for the same company."""
    if draft.frame.kind != "bid" or not sides.buyers or sides.sellers or sides.targets:
        return
    for deal in reversed(deals.named_between(draft.sent.start, draft.frame.cue.i)):
        sold = deal.roles.get("seller", []) + deal.roles.get("target", [])
        if sold and deal.deal_type == "acquisition" and deal.roles.get("buyer") and not (
                _same_party(deal.roles["buyer"], sides.buyers)) and not _same_party(
                sold, sides.buyers):
            sides.sellers = list(deal.roles.get("seller", []))
            sides.targets = list(deal.roles.get("target", []))
            notes.append({"rule": "inherit.rival-bid-target", "says": (
                f"seller/target = {', '.join(sold)} (the rival's deal before, same sentence)")})
            return


def _topped_bid_target(draft: Draft, deals: _DealsBefore, sides: Sides,
                       notes: list[dict], names: ArticleNames) -> None:
    """"Hallam's offer was topped by a 40 dlr offer from Ostrow": a bid beside another
    bidder's offer ("X's offer") is for what X bid for, named earlier in the article."""
    if draft.frame.kind != "bid" or sides.sellers or sides.targets:
        return
    rivals = [r for r in _offer_owners(draft.sent, names) if not _same_company([r], sides.buyers)]
    if not rivals:
        return
    before = deals.context[:bisect_left(deals.starts, draft.sent.start)]
    for deal in reversed(before):
        if deal.deal_type != "acquisition" or not any(
                set(name_key(r).split()) <= set(name_key(b).split())
                for r in rivals for b in deal.roles.get("buyer", [])):
            continue  # "Hutton's offer": E.F. Hutton LBO Inc's
        # what the rival bid for: its deal's, else one its sentence names with no other buyer
        sent = draft.sent.doc[deal.start].sent
        for named in [deal, *(d for d in before if sent.start <= d.start < sent.end)]:
            sold = named.roles.get("seller", []) + named.roles.get("target", [])
            if sold and not _same_company(sold, sides.buyers) and _same_company(
                    named.roles.get("buyer", []) or rivals, deal.roles["buyer"] + rivals):
                sides.sellers = list(named.roles.get("seller", []))
                sides.targets = list(named.roles.get("target", []))
                notes.append({"rule": "inherit.topped-bid-target", "says": (
                    f"seller/target = {', '.join(sold)} (what {rivals[0]}, whose offer the "
                    "sentence names, bid for)")})
                return
        return


def _offer_owners(sent: Span, names: ArticleNames) -> list[str]:
    """The bidders whose offers a sentence names: "Hallam's offer was topped by ..."."""
    # read off the sentence's tokens: Span.ents walks every entity of the Doc
    owners = [entity_at(t) for t in sent if t.dep_ == "poss" and t.ent_type_ in {
        "ORG", "PERSON"} and t.head.lower_ in OFFER_NOUNS]
    return [names.canonical(_known_form(_tidy(e.text), names)) for e in owners if e]


def _deal_before(draft: Draft, deals: _DealsBefore) -> Context | None:
    """The deal a claim's sentence goes on from: the last one named before it (of a main
    clause, and no loan unless the claim is one); for a value, a deal named earlier in its
    own sentence if that deal names both sides ("agreed to be acquired by X for C$14.50 a
    share, in a deal that values the producer at C$2.4 billion")."""
    skip_loans = draft.frame.kind in GENERIC and draft.frame.cue.lower_ not in {
        "loan", "facility"}
    deal = deals.latest(draft.sent.start, skip_loans)
    if draft.frame.kind == "value":
        own = deals.latest(draft.frame.cue.i, skip_loans)
        if own is not None and own.start >= draft.sent.start and own.roles.get("buyer") and (
                own.roles.get("seller") or own.roles.get("target")):
            return own
    return deal


def _inherit(draft: Draft, deals: _DealsBefore, sides: Sides, notes: list[dict]) -> None:
    """Fill the sides a sentence leaves open from the deal named before it: "The
    transaction is valued at 16.2 mln dlrs" is the deal of the sentence before."""
    # "The deal" is the last deal of a main clause, not one in a relative clause after it,
    # nor the loan that pays for it
    # "... agreed to be acquired by X for C$14.50 a share, in a deal that values the
    # producer at C$2.4 billion": a value's deal may be named earlier in its own sentence
    deal = _deal_before(draft, deals)
    if deal is not None:
        _one_side_each(deal, sides, notes)
    if deal is None or (sides.buyers and (sides.sellers or sides.targets)) or not (
            sides.any() or _points_at_deal(draft)):
        return
    deal_buyers = deal.roles.get("buyer", []) or deals.buyers_named_before(deal)
    own = sides.buyers + sides.sellers + sides.targets
    if sides.deal_type == "loan" and deal.deal_type != "loan":
        # after money raised, who raised it borrows; after a purchase, the buyer
        raised = deal.deal_type == "investment"
        _borrower_before(deal.roles.get("seller", []) if raised else deal_buyers, raised,
                         sides, notes)
        draft.confidence -= 0.1
        return
    deal_sellers = deal.roles.get("seller", []) + deal.roles.get("target", [])
    keys = {name_key(n) for n in sides.sellers + sides.targets}
    if not sides.buyers and "buyer" not in draft.frame.unnamed and deal_buyers and not (
            _same_party(deal_buyers, sides.sellers + sides.targets)) and (
            not keys or not deal_sellers or keys & {name_key(n) for n in deal_sellers}):
        sides.buyers = deal_buyers
        notes.append({"rule": "inherit.buyer-of-deal-before",
                      "says": f"buyer = {', '.join(deal_buyers)} (the deal named before)"})
    if draft.paid_to_no_one and not _same_company(sides.buyers, deal_buyers):
        return  # paid by another than the deal's buyer: no part of it
    if not sides.sellers and not sides.targets and not _same_party(sides.buyers, deal_sellers):
        sides.sellers = deal.roles.get("seller", [])
        sides.targets = deal.roles.get("target", [])
        if sides.sellers or sides.targets:
            notes.append({"rule": "inherit.seller-of-deal-before", "says": (
                f"seller/target = {', '.join(sides.sellers + sides.targets)} "
                "(the deal named before)")})
    elif not sides.sellers and not sides.targets and deal.deal_type == "contract" and (
            draft.frame.kind in GENERIC):
        _other_side_of_contract(deal_buyers, deal_sellers, sides, notes)
    if sides.deal_type == "other" or (draft.frame.kind in {"pay", "value", "receive"} and (
            sides.deal_type != deal.deal_type and _same_party(sides.buyers, deal_buyers))
            and not _spent_on_a_stake(draft)) or (
            _the_deal_before(draft, own, deal) and sides.deal_type != deal.deal_type):
        # "Anthropic's commitment comes to $15 billion a year": the deal before, its type
        sides.deal_type = deal.deal_type
        notes.append({"rule": "type.of-deal-before", "says": f"type = {deal.deal_type}"})
    draft.confidence -= 0.1


def _other_side_of_contract(deal_buyers: list[str], deal_sellers: list[str], sides: Sides,
                            notes: list[dict]) -> None:
    """"signed a distribution agreement with Garrick ... the 400,000 dlrs received from
    Garrick": the money names who pays, and the contract's other party is paid."""
    if deal_buyers and _same_party(sides.buyers, deal_sellers) and not _same_party(
            sides.buyers, deal_buyers):
        sides.sellers = deal_buyers
        notes.append({"rule": "inherit.other-side-of-contract-before",
                      "says": f"seller = {', '.join(deal_buyers)} (the contract's other party)"})


def _one_side_each(deal: Context, sides: Sides, notes: list[dict]) -> None:
    """A company read on both sides of a claim ("The drugmaker will pay $3 billion for the
    Danish company", both descriptions taken for the story's company) keeps the side the
    deal before gives it; the other side is left to be taken from that deal."""
    both = [b for b in sides.buyers if _same_party([b], sides.sellers + sides.targets)]
    if not both:
        return
    if _same_party(both, deal.roles.get("buyer", [])):
        sides.sellers = [n for n in sides.sellers if not _same_party([n], both)]
        sides.targets = [n for n in sides.targets if not _same_party([n], both)]
        side = "buyer"
    elif _same_party(both, deal.roles.get("seller", []) + deal.roles.get("target", [])):
        sides.buyers = [n for n in sides.buyers if not _same_party([n], both)]
        side = "seller"
    else:
        return
    notes.append({"rule": "inherit.one-side-each", "says": (
        f"{', '.join(both)} is the {side} only, as in the deal named before")})


def _spent_on_a_stake(draft: Draft) -> bool:
    """"They have spent 3.5 mln dlrs on their stake": the bidder's shares bought so far,
    a stake of its own beside the takeover it offers."""
    return draft.deal_type == "stake" and (draft.frame.target_phrase or "").lower().split()[
        -1:] in (["stake"], ["holding"])


def _the_deal_before(draft: Draft, own: list[str], deal: Context) -> bool:
    """Whether "the deal" of a sentence is the deal named before, not a contract of its
    own: "The deal comprises £270 million in cash" after "Thornbury agreed to sell its
    Iberian arm to Valsena". The sentence names no party, or one of that deal's."""
    cue = draft.frame.cue
    if cue.lower_ not in GENERIC_DEAL_NOUNS or not any(
            c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"}
            for c in cue.children) or _says_takeover(cue):
        return False
    named = [n for names in deal.roles.values() for n in names]
    return not own or _same_party(own, named)


def _borrower_before(borrowers: list[str], raised: bool, sides: Sides,
                     notes: list[dict]) -> None:
    """A loan after a deal: "Meridia will pay using a bridge loan from Banco Mirador" (the
    buyer before borrows: the seller's side); "Drexel can provide the company with 160 mln
    dlrs of financing ... 133 mln dlrs of project funding from Credit Suisse" (who raised
    money before borrows, not the financier). The lender is only who the sentence names."""
    if sides.sellers or not borrowers or _same_party(sides.buyers, borrowers):
        return
    sides.sellers = borrowers
    rule, who = ("inherit.borrower-raised-before", "who raised money before borrows") if (
        raised) else ("inherit.borrower-is-buyer-before", "the buyer of the deal before borrows")
    notes.append({"rule": rule, "says": f"seller = {', '.join(borrowers)} ({who})"})


def _default_to_main(draft: Draft, main: str | None, sides: Sides, notes: list[dict],
                     deals: _DealsBefore) -> None:
    """The story's company takes a side the sentence leaves open where the kind of deal
    says which: the borrower of a loan, the one bought in a bid or merger (not when the
    story's company is itself a bidder: "Halden's offer was topped by ...")."""
    if not main:
        return
    kind = draft.frame.kind
    if kind == "lend" and not sides.sellers and "seller" not in draft.frame.unnamed:
        sides.sellers = [main]  # a loan story is about the company getting the money
        notes.append({"rule": "default.borrower-is-main-company", "says": f"seller = {main}"})
    elif kind in {"merge", "bid", "acquire"} and sides.buyers and not sides.sellers and not \
            sides.targets and not _same_company(sides.buyers, [main]) and not (
            deals.bidder_before(main, draft.frame.cue.i)):
        # "Ranco said shareholders approved a merger into Siebe": the story's company
        sides.sellers = [main]
        draft.confidence -= 0.05
        notes.append({"rule": "default.bought-is-main-company", "says": f"seller = {main}"})
    elif kind == "acquire" and not sides.buyers and _shares_bought_unsaid(
            draft.frame.cue, sides) and not _same_company(sides.sellers, [main]):
        # a filing's "1.1 million shares bought from Koyo Life at 2,650 yen", "the rest
        # were picked up on the exchange at ...": the filer's
        sides.buyers = [main]
        notes.append({"rule": "default.buyer-is-main-company", "says": f"buyer = {main}"})


def _main_bids_for_the_other(draft: Draft, names: ArticleNames, main: str | None,
                             sides: Sides, notes: list[dict]) -> None:
    """A bid by the story's company for shares no sentence names the owner of ("Mobex
    said its offer of 7.75 dlrs a share for the stock has been extended") is for the one
    other company its lead names ("Mobex Corp said 2.1 mln Grant Industries shares have
    been tendered")."""
    if not main or draft.frame.kind not in {"bid", "acquire"} or sides.sellers or (
            sides.targets) or not _same_party(sides.buyers, [main]):
        return
    part = (draft.frame.part or draft.frame.target_phrase or "").lower().split()
    if part[-1:] and part[-1] not in _SHARE_NOUNS:
        return
    lead = next(iter(draft.sent.doc.sents))
    others = {names.canonical(_known_form(_tidy(ent.text), names))
              for ent in span_ents(lead) if ent.label_ == "ORG" and not _a_bidder(ent)}
    others = {o for o in others if not _same_party([o], [main])}
    if len(others) == 1:
        sides.sellers = list(others)
        draft.confidence -= 0.05
        notes.append({"rule": "default.bid-for-lead-other",
                      "says": f"seller = {sides.sellers[0]} (the one other company of the "
                              "lead)"})


def _issuer_sells(frame: Frame, sides: Sides, notes: list[dict]) -> None:
    """Shares bought with no seller named: the company whose shares they are is the
    seller (GUIDELINES.md: "the company sold or its holders' company"). "Halvard bought
    42,300 Brisco common shares at 14.25 dlrs" -> seller Brisco; "an offer for all of
    Tillet's stock" -> seller Tillet."""
    if sides.sellers or not sides.targets or sides.deal_type not in {"stake", "acquisition"}:
        return
    part = (frame.part or "").lower().split()
    if sides.deal_type == "acquisition" and not (part and part[-1] in _SHARE_NOUNS):
        return
    buyers = {name_key(b) for b in sides.buyers}
    issuers = [t for t in sides.targets if name_key(t) not in buyers]
    if issuers:
        sides.sellers = issuers
        notes.append({"rule": "role.issuer-of-stake", "says": f"seller = {', '.join(issuers)}"})


_SPENDING = {"spend", "spends", "spent", "spending"}


def _spent_on_things(draft: Draft) -> bool:
    """Whether the sentence itself names no one paid and nothing bought but assets: "plans
    to spend $1.2 billion by 2027 on a second factory" (not "spent 3.5 mln dlrs on its
    stake", nor "spend $2 billion on Corvane's plant")."""
    own = draft.frame.roles  # the sentence's own, not a deal before's
    if [n for n in own.get("seller", []) if not is_place(n)]:
        return False
    phrase = draft.frame.target_phrase or draft.frame.part or ""
    if _last_common_noun(phrase) in STAKE_NOUNS:
        return False
    return not own.get("target") or _is_assets(" ".join(own["target"]))
# "... to 2.5 billion dlrs from 1.5 billion": an amount a level was changed to.
_LEVEL_CHANGED = re.compile(r"\s+from\s+(?:about\s+|some\s+)?[$£€]?\d")
_CHANGING = re.compile(r"\b(?:increase|increased|increases|increasing|raise|raised|raises|"
                       r"raising|boost|boosted|lift|lifted|cut|cuts|reduce|reduced|lower|"
                       r"lowered|trim|trimmed|expand|expanded)\b[^.;]*\bto\s*\Z")
# What an amount received is of, when it is a programme's money: "$2.2 billion of CHIPS
# Act money", "$40 million in federal grants".
_GRANT_MONEY = re.compile(r"\s+(?:of|in)\s+(?:[\w.'&-]+\s+){0,4}?(?:grants?|subsid(?:y|ies)|"
                          r"aid|(?:grant |programme |program |public |government |federal |"
                          r"state |Act )(?:money|funds|funding))\b")


def _not_a_claim(draft: Draft, sides: Sides, names: ArticleNames) -> None:
    """Drop what was read where it is no deal GUIDELINES.md records."""
    kind = draft.frame.kind
    if not sides.any():
        # no party named anywhere: nothing a reader could use
        raise Dropped("drop.no-party", "no party named in the sentence or before it")
    if kind == "invest" and not (sides.buyers and (sides.sellers or sides.targets)):
        # money put in by unnamed investors is not recorded; "will invest C$65 million
        # to expand its plant" names nothing invested in: spending
        raise Dropped("drop.investment-one-sided", "an investment needs investor and investee")
    if kind == "pay" and draft.frame.cue.lower_ in _SPENDING and _spent_on_things(draft):
        # "TSMC will spend an additional $100 billion on chip factories": its own plans
        raise Dropped("drop.spending", "money a company spends on things, paid to no one")
    if kind in {"raise", "invest"} and "buyer" in draft.frame.unnamed and not (
            draft.frame.has_parties() or draft.frame.roles.get("target")):
        # "Banks and private credit funds provided about $60bn of financing for data
        # centres": no party named in the sentence, money from a kind of lender: a total
        raise Dropped("drop.aggregate", "money from unnamed providers to no one named")
    if kind == "receive" and not sides.buyers and _GRANT_MONEY.match(
            " " + draft.sent.doc[draft.money.end:draft.money.end + 10].text):
        # "had already received $2.2 billion of CHIPS Act money": public money, no sale
        raise Dropped("drop.grant", "money of a public programme received: a grant")
    if kind == "receive" and not sides.buyers and "buyer" in draft.frame.unnamed:
        # "received £18m from the government's fund": a grant, not a sale
        raise Dropped("drop.grant", "received from someone unnamed: a grant")
    if kind in {"raise", "invest"} and sides.sellers and all(
            _is_place(s, draft.sent, names) for s in sides.sellers):
        # "fintech firms in London raised $2bn in the half": a city's total
        raise Dropped("drop.place-total", "money raised by a place: a total, not a deal")
    parties = sides.buyers + sides.sellers + sides.targets
    if kind in {"acquire", "sell", "bid"} and parties and all(
            _central_bank(p) for p in parties):
        # "Bank of Japan buys dollars around 149.00 yen", "Fed sets one billion dlr
        # customer repurchase": a central bank in the markets, no deal
        raise Dropped("drop.central-bank", "a central bank or treasury in the markets")
    if kind == "sell" and not sides.buyers and _sells_own_shares(draft.frame):
        # "Healthvest began selling five mln shares": a public offering
        raise Dropped("drop.own-shares-sold", "a company selling its own shares: an offering")


_CENTRAL_BANK_KEYS = frozenset(name_key(b) for b in CENTRAL_BANKS)


def _central_bank(name: str) -> bool:
    """"Bank of Japan", "FED", "the U.S. Treasury"; not "Bank of Japan Trust Co"."""
    return name_key(name) in _CENTRAL_BANK_KEYS


def _points_at_deal(draft: Draft) -> bool:
    """Whether a sentence naming no party speaks of a deal named before: "The transaction
    was valued at", "The deal pays holders", "The shares were bought at 313.25p each"
    (not "Americans spend", "Fintech funding in the UK reached £2.7bn")."""
    cue = draft.frame.cue
    if draft.frame.kind == "value" or _points_at(cue) or _under_the_deal(cue):
        return True
    if draft.frame.kind == "pay" and draft.money.root.head == cue:
        return True  # "A total of 2.25 mln dlrs is payable on completion"
    if draft.frame.kind in STRONG_FRAMES - GENERIC:
        # a definite reference: "the round", "its acquisition", "the shares were bought"
        nouns = [cue] if cue.pos_ in {"NOUN", "PROPN"} else [
            c for c in cue.children if c.dep_ in {"nsubjpass", "dobj", "nsubj"}]
        return any(c.dep_ in {"det", "poss", "predet"} and c.lower_ in {
            "the", "this", "that", "these", "those", "its", "their", "both", "all"}
            for n in nouns for c in n.children)
    return False


def _is_place(name: str, sent: Span, names: ArticleNames) -> bool:
    """A city or country, not a company the article names: a place we know ("London"),
    or one the sentence puts things in ("fintech firms in Leeds"). The model tags
    companies GPE too ("invested $40 million in OpenAI")."""
    if names.is_company(name):
        return False
    return is_place(name) or is_place(name.title()) or any(
        e.label_ in {"GPE", "LOC"} and e.text in name and (
            _located_in(e) or any(is_place(w) for w in e.text.split()))  # "West Germany"
        for e in entities_in(sent))


def _located_in(ent: Span) -> bool:
    """"firms in Leeds", "start-ups across Europe", "Leeds start-ups": a place things are
    in, not a name standing as a party."""
    root, head = ent.root, ent.root.head
    if root.dep_ in {"compound", "poss", "nmod"}:
        return head.tag_ == "NNS"
    return root.dep_ == "pobj" and head.lower_ in {"in", "across", "from", "of"} and (
        head.head.pos_ in {"NOUN", "PROPN"})


def _under_the_deal(cue: Token) -> bool:
    """"Under the terms of the deal, shareholders will receive ...": paid under a deal
    the article named before."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ != "under":
            continue
        nouns = [n for n in prep.children if n.dep_ == "pobj"]
        nouns += [g for n in nouns if n.lower_ == "terms" for p in n.children
                  if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if any(n.lower_ in DEAL_NOUNS | GENERIC_DEAL_NOUNS and any(
                c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its"}
                for c in n.children) for n in nouns):
            return True
    return False


def _same_company(a: list[str], b: list[str]) -> bool:
    """Like _same_party, and a short form matches its long one: "Calloway" and
    "Calloway Foods"."""
    keys = [name_key(x) for x in a]
    return any(k == o or k.startswith(o + " ") or o.startswith(k + " ")
               for k in keys for o in (name_key(y) for y in b) if k and o)


def _same_party(a: list[str], b: list[str]) -> bool:
    return bool({name_key(x) for x in a} & {name_key(x) for x in b})


def _sells_own_shares(frame: Frame) -> bool:
    """"Healthvest began selling five mln shares": its own, to the public."""
    part = (frame.target_phrase or "").lower().split()
    owners = {name_key(n) for n in frame.roles.get("target", [])}
    sellers = {name_key(n) for n in frame.roles.get("seller", [])}
    return bool(part) and part[-1] in {"shares", "stock", "share", "units", "notes"} and (
        not owners or owners <= sellers)


def _term(sent: Span, draft: Draft, deal_type: str, published: date | None) -> Term | None:
    """The term the sentence states for the deal: the nearest to the amount, if the deal
    runs over time (a contract, a loan) or the term hangs off the deal in the parse.
    "A 21-month battle with regulators" is no term of an acquisition."""
    found = find_terms(sent.text, published)
    if not found:
        return None
    at = draft.money.start_char - sent.start_char
    nearest = min(found, key=lambda t: abs(t.start - at))
    if deal_type in {"contract", "loan"} or draft.frame.kind in {"pay", "lend", "borrow"}:
        return nearest.term
    span = sent.char_span(nearest.start, nearest.end, alignment_mode="expand")
    tok = span.root if span is not None else None
    for _ in range(3):
        if tok is None or tok == draft.frame.cue or tok == draft.money.root:
            return nearest.term if tok is not None else None
        tok = tok.head if tok.head != tok else None
    return None


def attribution(text: str, sent: Span | None = None) -> str | None:
    """Who a sentence cites: "according to a securities filing"; in a parsed sentence,
    also its speaker ("Dixons said").

    :param text: the sentence; around.py passes the sentence after a claim's ("The deal
        is confirmed in an official securities filing") unparsed.
    :param sent: the parsed sentence, for its speaker; None: the patterns alone.
    """
    for pattern in _ATTRIBUTION:
        found = pattern.search(text)
        if found:
            return found.group("source").rstrip(".")  # "according to Bloomberg."
    who = speaker(sent) if sent is not None else None
    if who is not None:
        subject = sent.doc[who.left_edge.i:who.i + 1].text
        return f"{subject} {who.head.text}"
    return None


_NAME = r"[A-Z][\w&.'-]*(?: (?:[A-Z][\w&.'-]*|&|of))*"
_NAMES = rf"(?:{_NAME})(?:(?:, |,? and )(?:{_NAME}))*"
_LED_BY = re.compile(rf"\b(?:led|co-led|headed|backed) by ({_NAMES})"
                     rf"|\bparticipation (?:from|by) (?:(?:existing |new )?(?:backers|"
                     rf"investors|shareholders) )?({_NAMES})"
                     rf"|\b(?:investors|backers) (?:including|such as|like) ({_NAMES})"
                     # "Thrive Capital led the round. Accel and DST Global also took part."
                     rf"|({_NAMES}) (?:co-)?led the (?:round|financing|funding|raise|investment)\b"
                     rf"|({_NAMES}),? (?:also|too) (?:took part|joined|participated|invested)\b")
# The nouns a term names the length of: "a four-year agreement", "a five-year facility".
_TERM_OF = {
    "contract": re.compile(r"\b(?:contract|agreement|deal|lease|pact|partnership|"
                           r"arrangement)s?\b", re.I),
    "loan": re.compile(r"\b(?:loan|facility|facilities|credit|financing|notes|bonds)\b", re.I),
}


def investors_named(sentence: str) -> list[str]:
    """The investors a sentence names for a round: "led by Thrive Capital", "investors
    including Temasek and Macquarie Capital".

    >>> investors_named("The round was led by Thrive Capital and Andreessen Horowitz.")
    ['Thrive Capital', 'Andreessen Horowitz']
    >>> investors_named("It was led by Arbor, with participation from backers Pell and GIC.")
    ['Arbor', 'Pell', 'GIC']
    """
    names = []
    for found in _LED_BY.finditer(sentence):  # and "with participation from X and Y"
        listed = next(g for g in found.groups() if g)
        for name in re.split(r",? and |, ", listed):
            name = name.strip().rstrip(".").split("'s ")[-1]  # "Peter Thiel's Founders Fund"
            if name[:1].isupper() and name not in names:
                names.append(name)
    return names


def buyer_named_after(sentence: str) -> list[str]:
    """The buyer a sentence after a sale names, pointing back at it: "The buyer is KKR.",
    "The buyer, private equity firm Thoma Bravo, will pay ...", "The business ... is
    being bought by Protective Industrial Products."

    >>> buyer_named_after("The buyer, American private equity firm Thoma Bravo, will pay.")
    ['Thoma Bravo']
    """
    found = _BUYER_IS.match(sentence) or _BOUGHT_BY.match(sentence)
    if not found:
        return []
    named = re.findall(_NAME, found.group(1))
    return [named[-1].rstrip(".")] if named else []


# "The buyer is ...", "The buyer, ..., will pay": the phrase up to the comma or stop.
_BUYER_IS = re.compile(r"\s*(?:The|Its) (?:buyer|acquirer|purchaser|bidder)(?: is| will be|,) "
                       r"([^,;]+?)(?:,|;|\.(?:\s|$))")
_BOUGHT_BY = re.compile(
    r"\s*(?:The|Its) (?:\w+ ){0,2}(?:business|unit|division|company|group|operations?|stake|"
    r"assets?|subsidiary|arm|plant|deal|sale)\b[^.;]*? (?:is|was|will be|is being|has been|"
    rf"is to be) (?:bought|acquired|taken over|purchased) by ((?:[a-z][\w-]* ){{0,4}}?{_NAME})")


def article_term(text: str, published: date | None, deal_type: str) -> Term | None:
    """The one term an article gives its contracts (or loans): "signed a 10-year
    contract", for amounts stated in other sentences; None when it gives none or several.

    :param deal_type: "contract" or "loan".
    """
    terms = [found.term for found in find_terms(text, published)
             if _TERM_OF[deal_type].search(text, found.end, found.end + 40)]
    return terms[0] if len({t.months for t in terms}) == 1 else None


def points_back_to_a_deal(sentence: str) -> bool:
    """Whether a sentence opens by pointing back at a deal: "The contract runs ..."."""
    return bool(DEAL_ANAPHORA.match(sentence))


def _merge_duplicates(claims: list[Claim]) -> list[Claim]:
    """One claim per amount per article: repeats of the same money keep the best-read one,
    and take the term and attribution the others found."""
    kept: list[Claim] = []
    # Kept amounts by currency and unit, sorted by value: a claim is compared with those
    # near its value only, not with every amount kept (quadratic in a long article).
    by_money: dict[tuple, list[tuple[float, int]]] = {}
    for claim in sorted(claims, key=lambda c: (-_score(c), c.start)):
        same = _same_money_kept(claim.amount, kept, by_money)
        if same is None:
            insort(by_money.setdefault((claim.amount.currency, claim.amount.per), []),
                   (claim.amount.value, len(kept)))
            kept.append(claim)
            continue
        if same.term is None and claim.term is not None:
            same.term = claim.term
            same.trace.append({"rule": "term.repeated-amount",
                               "says": f"term = {claim.term.months} months, where the "
                                       "same amount is said again"})
        if same.attribution is None and claim.attribution is not None:
            same.attribution = claim.attribution
            same.trace.append({"rule": "attribution.repeated-amount",
                               "says": f"source = {claim.attribution!r}, where the same "
                                       "amount is said again"})
    _share_terms(kept)
    return sorted(kept, key=lambda c: (c.start, c.amount.text))


def _same_money_kept(amount: Amount, kept: list[Claim], by_money: dict) -> Claim | None:
    """The first kept claim stating the same money as ``amount`` (Amount.same_money)."""
    values = by_money.get((amount.currency, amount.per), [])
    # same_money allows 0.5% of the larger value: no match lies beyond this reach.
    reach = 0.006 * abs(amount.value) / 0.994 + 1e-9
    low = bisect_left(values, (amount.value - reach, -1))
    matches = []
    for at in range(low, len(values)):
        value, index = values[at]
        if value > amount.value + reach:
            break
        if amount.same_money(kept[index].amount):
            matches.append(index)
    return kept[min(matches)] if matches else None


def _share_terms(claims: list[Claim]) -> None:
    """Amounts of the same deal share its term: "a five-year agreement worth $17.4
    billion ... could be worth up to $19.4 billion"."""
    for claim in claims:
        if claim.term is not None:
            continue
        parties = {(p.role, name_key(p.name)) for p in claim.parties}
        for other in claims:
            if other.term is not None and parties and parties <= {
                    (p.role, name_key(p.name)) for p in other.parties}:
                claim.term = other.term
                claim.trace.append({"rule": "term.same-deal",
                                    "says": f"term = {other.term.months} months, from "
                                            f"{other.amount.text!r} of the same parties"})
                break


def _score(claim: Claim) -> float:
    """How much a claim says: parties, term and source, in a full sentence (a headline
    or a page's teaser line says less than the article's own sentence)."""
    roles = {p.role for p in claim.parties}
    return (claim.confidence + 0.2 * ("buyer" in roles) + 0.2 * ("seller" in roles)
            + 0.1 * (claim.term is not None) + 0.1 * (claim.attribution is not None)
            + 0.1 * claim.sentence.rstrip().endswith((".", "!", '"', "”")))
