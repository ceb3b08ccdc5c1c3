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

from .cues import (
    ASSET_WORDS,
    ATTRIBUTION_PATTERNS,
    BIDDER_NOUNS,
    CONTRACT_GOODS,
    GENERIC_DEAL_NOUNS,
    STRONG_FRAMES,
)
from .names import ArticleNames, name_key
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
    governing_cue,
    names_of,
    outer_cue,
    read_frame,
    sentence_cues,
    speaker,
    value_subject,
    values_a_deal,
)
from .terms import find_terms

# Frames that name a deal but not always who is in it ("the deal", "the transaction was
# valued at", "pays holders 52 dlrs"): roles come from a more specific deal word in the
# sentence, or from the deal the article is about.
GENERIC = {"contract", "value", "pay", "receive"}
_ATTRIBUTION = [re.compile(p) for p in ATTRIBUTION_PATTERNS]
# "the deal", "the agreement": a sentence that opens by pointing back at a deal.
_DEAL_ANAPHORA = re.compile(
    r"^\s*(?:The|This|That|Under the|Its|Their)\s+(?:\w+\s+){0,2}?(?:deal|agreement|contract|"
    r"transaction|pact|accord|arrangement|loan|facility|lease|offer|acquisition|purchase)\b")


@dataclass
class Draft:
    """A claim being built: an amount, the frame it belongs to, and the sentence."""

    sent: Span
    money: Span
    amount: Amount
    frame: Frame
    deal_type: str
    confidence: float


@dataclass
class Context:
    """Deals named earlier in the article, for sentences that name no parties."""

    start: int
    roles: dict[str, list[str]]
    deal_type: str
    subordinate: bool = False  # named in a relative clause: "the division it bought in 2019"


def article_claims(doc: Doc, spans_key: str, settings: dict, names: ArticleNames,
                   published: date | None, about_deals: bool) -> list[Claim]:
    """Read every deal claim of a parsed article (or of its selected passages).

    :param about_deals: whether the whole article speaks of a deal (passages.mentions_deal).
    """
    cues, frames = settings["cues"], settings["frames"]
    main = _lead_subject(doc, names) or names.main
    drafts: list[Draft] = []
    context: list[Context] = []
    money_spans = sorted(doc.spans.get(spans_key, []), key=lambda m: m.start)
    # Indexed once per Doc: each sentence takes its own amounts, and ``doc.text`` (built
    # anew at each read) is read once, not once per amount.
    money_starts = [m.start for m in money_spans]
    text = doc.text
    for sent in doc.sents:
        sent_cues = sentence_cues(sent, cues)
        for cue in sent_cues:  # every deal named, in order: "the deal" is the latest
            if cue_kind(cue, cues) in STRONG_FRAMES - GENERIC:
                frame = read_frame(cue, cues, frames)
                if frame.has_parties():
                    context.append(Context(cue.i, _resolved(frame, sent, names, main),
                                           _deal_type(frame, frames),
                                           cue.dep_ in {"relcl", "acl"}))
        sent_drafts = []
        first, last = bisect_left(money_starts, sent.start), bisect_left(money_starts, sent.end)
        for money in money_spans[first:last]:
            draft = _draft(sent, money, sent_cues, cues, frames, about_deals, settings, text)
            if draft is not None:
                sent_drafts.append(draft)
        if "respectively" in sent.text:
            _pair_respectively(sent_drafts)
        drafts.extend(sent_drafts)
    claims = []
    deals = _DealsBefore(context)
    for draft in drafts:
        claim = _claim(draft, names, main, deals, published)
        if claim is not None and claim.confidence >= settings["min_confidence"]:
            claims.append(claim)
    return _merge_duplicates(claims)


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


def _draft(sent: Span, money: Span, sent_cues: list[Token], cues: dict, frames: dict,
           about_deals: bool, settings: dict, text: str) -> Draft | None:
    amount = money._.get(settings["amount_attr"])
    if _CHANGE_BEFORE.search(text, max(0, money.start_char - 12), money.start_char):
        return None  # "raised its offer by 50p to 600p", "up from $92 million"
    if amount is None or _SECURITY_NAME.match(text, money.end_char) or _FIGURE_AFTER.match(
            text, money.end_char):
        return None
    cue, blocked = governing_cue(money, cues)
    if blocked:
        return None
    via_parse = cue is not None
    if cue is None:
        cue = _nearest(money, sent_cues, cues, settings["max_cue_distance"])
        if cue is None:
            return None
    outer = outer_cue(cue, money, cues)
    frame = read_frame(outer, cues, frames, money, inner=cue) if outer is not None else (
        read_frame(cue, cues, frames, money))
    frame.via_parse = via_parse
    if frame.kind == "value" and not values_a_deal(cue):
        return None  # "a market value of", "the round values Mistral at"
    if frame.kind == "value":
        valued = value_subject(cue)
        if valued is not None and cue_kind(valued, cues) in STRONG_FRAMES and (
                valued.lower_ not in GENERIC_DEAL_NOUNS):
            # "a five-year contract worth up to $11.9 billion": the contract's frame
            frame = read_frame(valued, cues, frames, money)
        elif _values_a_company(cue, sent_cues, cues):
            return None  # "the transaction values it at more than $29 billion"
    if frame.kind == "raise" and not frame.roles.get("buyer") and (
            _PUBLIC_ISSUE.search(sent.text) or _CUMULATIVE.search(sent.text)):
        # "raise 5.1 mln stg through the placing of shares", "has raised roughly $410m
        # since it was founded": not a deal GUIDELINES.md records
        return None
    if frame.kind == "invest" and _invests_in_things(cue):
        return None  # "invest over 13 mln dlrs in improvements": spending, not a deal
    if frame.kind not in STRONG_FRAMES and not about_deals:
        return None
    # "the 757 mln dlr deal under which Chrysler would acquire AMC": the specific deal
    # word of the sentence says who is who.
    if frame.kind in GENERIC or not frame.has_parties():
        for specific in _specific_cues(sent_cues, cue, cues):
            better = read_frame(specific, cues, frames, money)
            if better.has_parties():
                better.via_parse = via_parse
                frame = better
                break
    if frame.kind == "stake" and not frame.roles.get("buyer"):
        # "bought a stake in X": the verb above the stake says who bought it.
        verb = frame.cue.head
        if verb != frame.cue and cue_kind(verb, cues):
            outer = read_frame(verb, cues, frames, money)
            frame.add("buyer", outer.roles.get("buyer", []))
    if frame.kind == "receive" and _buys_shares(money) and not any(
            "holder" in c.lower_ for c in frame.cue.children if c.dep_ == "nsubj"):
        # "OpenAI received $350 million worth of CoreWeave shares": the receiver buys (but
        # "each holder will receive 66 dlrs of AmSouth stock" is paid in the buyer's stock)
        frame.roles = {"buyer": frame.roles.get("seller", []),
                       "target": _share_owners(money)}
        frame.kind = "acquire"
    if frame.kind in {"lend", "borrow"} and frame.light_verb in {"have", "hold", "own"}:
        return None  # "Cityquest also has loan facilities of 30 mln stg": no transaction
    if frame.kind == "pay" and not (frame.roles.get("seller") or frame.target_phrase
                                    or frame.roles.get("target") or _points_at(frame.cue)):
        return None  # "the group paid 31 cents a share for the year": a dividend
    if not frame.roles.get("target") and not frame.roles.get("seller") and (
            frame.target_phrase or "").split()[-1:] in (["shares"], ["stock"], ["stake"]):
        owner = _stake_owner_in(sent)  # "raised its Taft stake ... after buying shares"
        if owner:
            frame.add("target", [owner])
    confidence = 0.55 + (0.25 if via_parse else 0.0) + (0.1 if frame.kind in STRONG_FRAMES else 0)
    return Draft(sent=sent, money=money, amount=_per_share(amount, sent), frame=frame,
                 deal_type=_deal_type(frame, frames), confidence=confidence)


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
            if tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ not in DEAL_NOUNS | {
                    "exchange", "return", "part", "connection"}:
                break  # "sold a stake to Sumitomo in exchange for a capital infusion" links
    return False


_SHARE_PRICE = re.compile(r"\b(?:each|every|per|a)\s+(?:\w+\s+){0,3}?(?:share|common share)s?\b"
                          r"|\bin exchange for (?:their|its|each) (?:stock|shares?)\b"
                          r"|\bshares\b.{0,150}\bat\s+(?:about\s+)?[$£€]?\d", re.I | re.S)
# Money raised from the public, which GUIDELINES.md does not record as a deal.
_PUBLIC_ISSUE = re.compile(r"\b(?:placing|placement|public offering|initial public|IPO|float|"
                           r"rights issue|flotation|listing|bond|notes|debentures|"
                           r"share sale|sale of (?:new )?shares|offering of)\b", re.I)
_CUMULATIVE = re.compile(r"\b(?:since (?:it was|the company was) (?:founded|spun out|set up|"
                         r"launched|created|started)|since (?:its )?(?:founding|inception|"
                         r"launch|creation)|to date|so far|in total)\b", re.I)
# Words before an amount that make it a change or an earlier figure, not a price.
_CHANGE_BEFORE = re.compile(r"(?:\bby|\bup from|\bdown from|\bcompared with|\bversus|\bvs\.?)"
                            r"\s+(?:about\s+|some\s+)?\Z", re.I)
# Money a company reports in the words right after the amount: "5p in dividends".
_FIGURE_AFTER = re.compile(r"\s+(?:in|of)\s+(?:\w+\s+)?(?:dividends?|fees|revenues?|sales|"
                           r"profits?|earnings|losses|savings|synergies|damages|costs)\b"
                           r"|(?:\s+[\w-]+){0,3}\s+(?:industry|market|sector|economy)\b",
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


def _deal_type(frame: Frame, frames: dict) -> str:
    kind = frame.kind
    if kind == "raise" and (frame.cue.head.lower_ in {"package", "facility", "line"} or any(
            c.lower_ in {"debt", "bank", "loan", "credit", "bridge", "mortgage"}
            for c in frame.cue.children)):
        return "loan"  # "a debt financing package", not an equity round
    deal_type = frames.get(kind, {}).get("deal_type", "other")
    part = (frame.target_phrase or "").lower().split()
    head = part[-1] if part else ""
    if kind in {"acquire", "sell", "bid", "merge", "pay", "value", "receive"}:
        if _is_stake(part, frame):
            return "stake"
        if head in ASSET_WORDS:
            return "asset_sale"
        if kind == "pay" and _pays_for_goods(frame.cue):
            return "contract"
        if kind in {"pay", "value", "receive"}:
            return "acquisition" if frame.has_parties() else "other"
        return "acquisition"
    return deal_type


def _is_stake(part: list[str], frame: Frame) -> bool:
    """"a 13 pct interest", "300,000 shares", "a majority of the stock" are stakes; "the
    ordinary shares of Norcros" (all of them) is the company."""
    if frame.cue.lower_ in {"stake", "interest", "holding"}:
        return True
    if not part or part[-1] not in STAKE_NOUNS:
        return False
    whole = {"the", "all", "outstanding", "ordinary", "remaining", "entire", "its", "issued"}
    words = set(part)
    if part[-1] in {"stake", "interest", "holding", "pct", "percent", "majority", "minority"}:
        return True
    return not (words & whole) or any(w[:1].isdigit() for w in part)


def _pays_for_goods(cue: Token) -> bool:
    """"pay SpaceX $45 billion for computational resources": a purchase contract."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            for pobj in child.children:
                if pobj.lower_ in CONTRACT_GOODS or pobj.lemma_.lower() in CONTRACT_GOODS:
                    return True
    return False


def _resolved(frame: Frame, sent: Span, names: ArticleNames, main: str | None) -> dict:
    """Replace "it"/"the company" left open by the parse with the article's main company;
    use the article's long forms of names."""
    out: dict[str, list[str]] = {}
    for role, role_names in frame.roles.items():
        resolved: list[str] = []
        for name in role_names:
            if name == ANAPHOR:
                name = _speaking(sent, names) or main
            if name and name.startswith(DESCRIBED):  # "the railroad" -> "Northfield Rail Corp"
                noun = name[len(DESCRIBED):]
                name = names.described.get(noun) or (
                    main if noun not in BIDDER_NOUNS else None)
            if name:
                name = names.canonical(_known_form(_tidy(name), names))
                if name and name not in resolved and not _is_generic(name):
                    resolved.append(name)
        out[role] = resolved
    return out


def _speaking(sent: Span, names: ArticleNames) -> str | None:
    """The company saying the sentence ("Dixons said it ..."); a person speaking for a
    company ("chief executive Nathalie Gagnon said the company would") is not it."""
    who = speaker(sent)
    if who is None or who.ent_type_ == "PERSON":
        return None
    found = names_of(who)[0]
    return found[0] if found and found[0] != ANAPHOR else None


def _known_form(name: str, names: ArticleNames) -> str:
    """Prefer a known company name an entity starts with: "Swedish Match Co of Stockholm"
    -> "Swedish Match Co" (but not "GLI Holdings Inc" -> "Holdings Inc")."""
    for full in sorted(names.names, key=len, reverse=True):
        if name.startswith(full) and full != name and len(full) > 3:
            return full
    return name


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.'\"<>")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"['’]s?$", "", name)


def _is_generic(name: str) -> bool:
    return name.lower() in {"company", "investors", "shareholders", "holders", "group",
                            "firm", "government", "management", "it", "they"} or len(name) < 2


def _claim(draft: Draft, names: ArticleNames, main: str | None, deals: _DealsBefore,
           published: date | None) -> Claim | None:
    roles = _resolved(draft.frame, draft.sent, names, main)
    buyers, sellers = roles.get("buyer", []), roles.get("seller", [])
    targets = roles.get("target", [])
    deal_type = draft.deal_type
    # "The deal" is the last deal of a main clause, not one in a relative clause after it,
    # nor the loan that pays for it
    deal = deals.latest(draft.sent.start, skip_loans=draft.frame.kind in GENERIC and (
        draft.frame.cue.lower_ not in {"loan", "facility"}))
    has_own = bool(buyers or sellers or targets)
    if deal is not None and (not buyers or not (sellers or targets)) and (
            has_own or _points_at_deal(draft)):
        # "The transaction is valued at 16.2 mln dlrs": the deal named before.
        deal_buyers = deal.roles.get("buyer", [])
        deal_sellers = deal.roles.get("seller", []) + deal.roles.get("target", [])
        keys = {name_key(n) for n in sellers + targets}
        if not buyers and "buyer" not in draft.frame.unnamed and (
                not keys or not deal_sellers or keys & {name_key(n) for n in deal_sellers}):
            buyers = deal_buyers
        if not sellers and not targets and not _same_party(buyers, deal_sellers):
            sellers = deal.roles.get("seller", [])
            targets = deal.roles.get("target", [])
        if deal_type == "other":
            deal_type = deal.deal_type
        draft.confidence -= 0.1
    if draft.frame.kind == "lend" and not sellers and main and (
            "seller" not in draft.frame.unnamed):
        sellers = [main]  # a loan story is about the company getting the money
    if draft.frame.kind in {"merge", "bid", "acquire"} and buyers and not sellers and not \
            targets and main and not _same_party(buyers, [main]):
        # "Ranco said shareholders approved a merger into Siebe": the story's company
        sellers = [main]
        draft.confidence -= 0.05
    buyer_keys = {name_key(b) for b in buyers}
    sellers = [s for s in sellers if name_key(s) not in buyer_keys]
    if not buyers and not sellers and not targets:
        return None  # no party named anywhere: nothing a reader could use
    if draft.frame.kind == "invest" and not (buyers and (sellers or targets)):
        # money put in by unnamed investors is not recorded; "will invest C$65 million
        # to expand its plant" names nothing invested in: spending
        return None
    if draft.frame.kind == "receive" and not buyers and "buyer" in draft.frame.unnamed:
        return None  # "received £18m from the government's fund": a grant, not a sale
    if draft.frame.kind in {"raise", "invest"} and sellers and all(
            _is_place(s, draft.sent, names) for s in sellers):
        return None  # "fintech firms in London raised $2bn in the half": a city's total
    if draft.frame.kind == "sell" and not buyers and _sells_own_shares(draft.frame):
        return None  # "Healthvest began selling five mln shares": a public offering
    target = draft.frame.target_phrase
    if target and target.lower() in PART_NOUNS:
        target = None  # "the shares" names nothing by itself
    if not target and targets:
        target = targets[0]
    parties = [Party(n, "buyer") for n in buyers] + [Party(n, "seller") for n in sellers]
    if target and name_key(target) not in {name_key(s) for s in sellers}:
        parties.append(Party(_tidy(target), "target"))
    if not buyers or not sellers:
        draft.confidence -= 0.1
    sent = draft.sent
    return Claim(
        deal_type=deal_type,
        parties=parties,
        amount=draft.amount,
        term=_term(sent, draft, deal_type, published),
        attribution=attribution(sent),
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        confidence=round(max(0.0, min(1.0, draft.confidence)), 3),
    )


def _points_at_deal(draft: Draft) -> bool:
    """Whether a sentence naming no party speaks of a deal named before: "The transaction
    was valued at", "The deal pays holders", "The shares were bought at 313.25p each"
    (not "Americans spend", "Fintech funding in the UK reached £2.7bn")."""
    cue = draft.frame.cue
    if draft.frame.kind == "value" or _points_at(cue):
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
    """A city or country, not a company the article names (the model tags "OpenAI" GPE)."""
    return not names.is_company(name) and any(
        e.label_ in {"GPE", "LOC"} and e.text in name for e in entities_in(sent))


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


def attribution(sent: Span) -> str | None:
    """Who the sentence cites: "according to a securities filing", "Dixons said"."""
    text = sent.text
    for pattern in _ATTRIBUTION:
        found = pattern.search(text)
        if found:
            return found.group("source")
    who = speaker(sent)
    if who is not None:
        subject = sent.doc[who.left_edge.i:who.i + 1].text
        return f"{subject} {who.head.text}"
    return None


_NAME = r"[A-Z][\w&.'-]*(?: (?:[A-Z][\w&.'-]*|&|of))*"
_NAMES = rf"(?:{_NAME})(?:(?:, |,? and )(?:{_NAME}))*"
_LED_BY = re.compile(rf"\b(?:led|co-led|headed|backed) by ({_NAMES})"
                     rf"|\b(?:investors|backers) (?:including|such as|like) ({_NAMES})")
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
    """
    found = _LED_BY.search(sentence)
    if not found:
        return []
    names = re.split(r",? and |, ", found.group(1) or found.group(2))
    return [n.strip().rstrip(".") for n in names if n.strip()[:1].isupper()]


def article_term(text: str, published: date | None, deal_type: str) -> Term | None:
    """The one term an article gives its contracts (or loans): "signed a 10-year
    contract", for amounts stated in other sentences; None when it gives none or several.

    :param deal_type: "contract" or "loan".
    """
    terms = [found.term for found in find_terms(text, published)
             if _TERM_OF[deal_type].search(text, found.end, found.end + 40)]
    return terms[0] if len({t.months for t in terms}) == 1 else None


def cited_nearby(text: str) -> str | None:
    """An attribution in the sentence after a claim: "The deal is confirmed in an
    official securities filing"."""
    for pattern in _ATTRIBUTION:
        found = pattern.search(text)
        if found:
            return found.group("source")
    return None


def points_back_to_a_deal(sentence: str) -> bool:
    """Whether a sentence opens by pointing back at a deal: "The contract runs ..."."""
    return bool(_DEAL_ANAPHORA.match(sentence))


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
        same.term = same.term or claim.term
        same.attribution = same.attribution or claim.attribution
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
                break


def _score(claim: Claim) -> float:
    """How much a claim says: parties, term and source, in a full sentence (a headline
    or a page's teaser line says less than the article's own sentence)."""
    roles = {p.role for p in claim.parties}
    return (claim.confidence + 0.2 * ("buyer" in roles) + 0.2 * ("seller" in roles)
            + 0.1 * (claim.term is not None) + 0.1 * (claim.attribution is not None)
            + 0.1 * claim.sentence.rstrip().endswith((".", "!", '"', "”")))
