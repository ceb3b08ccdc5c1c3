"""Turn the deal frames of a parsed article into Claims: one per deal amount, with names
resolved ("it" -> the company speaking, "Dixons" -> "Dixons Group PLC"), parties filled
in from the article's lead where a sentence names none, deal type, term and attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .cues import ATTRIBUTION_PATTERNS, NOT_DEAL_VERBS, STRONG_FRAMES
from .names import ArticleNames, name_key
from .records import Amount, Claim, Party, Term
from .roles import (
    ANAPHOR,
    PART_NOUNS,
    Frame,
    governing_cue,
    read_frame,
    sentence_cues,
    speaker,
)
from .terms import find_terms

# Frames that name a deal but not who is in it ("the deal", "the transaction was valued
# at"): roles come from a more specific deal word in the sentence, or the article's lead.
GENERIC = {"contract", "value", "pay", "receive"}
# Deal words naming assets rather than a company: a sale of these is an asset sale.
ASSET_WORDS = {"plant", "plants", "mill", "mills", "factory", "factories", "assets", "asset",
               "property", "properties", "division", "divisions", "refinery", "mine",
               "hotel", "hotels", "building", "stores", "branches", "field", "fields",
               "facility", "facilities", "station", "stations", "operations"}
STAKE_WORDS = {"stake", "interest", "shares", "share", "stock", "pct", "percent", "majority",
               "preferred", "common", "holding"}
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
    roles: dict[str, list[str]] = field(default_factory=dict)


def article_claims(doc: Doc, money_attr: str, settings: dict, names: ArticleNames,
                   published: date | None) -> list[Claim]:
    """Read every deal claim of a parsed article (or of its selected passages)."""
    cues, frames = settings["cues"], settings["frames"]
    about_deals = any(cues.get(t.lower_) in STRONG_FRAMES or cues.get(t.lemma_.lower())
                      in STRONG_FRAMES for t in doc)
    drafts: list[Draft] = []
    context: list[tuple[int, dict[str, list[str]], str]] = []  # (sentence start, roles, type)
    money_spans = list(doc.spans[money_attr]) if money_attr in doc.spans else []
    for sent in doc.sents:
        sent_money = [m for m in money_spans if sent.start <= m.start < sent.end]
        sent_cues = sentence_cues(sent, cues)
        for cue in sent_cues:
            if cues.get(cue.lemma_.lower(), cues.get(cue.lower_)) in STRONG_FRAMES - GENERIC:
                frame = read_frame(cue, cues, frames)
                if frame.roles.get("buyer") or frame.roles.get("seller"):
                    context.append((sent.start, _resolved(frame.roles, sent, names),
                                    frames[frame.kind]["deal_type"]))
                    break
        for money in sent_money:
            draft = _draft(sent, money, money_attr, sent_cues, cues, frames, about_deals,
                           settings)
            if draft is not None:
                drafts.append(draft)
    claims = []
    for draft in drafts:
        claim = _claim(draft, names, context, published, settings)
        if claim is not None and claim.confidence >= settings["min_confidence"]:
            claims.append(claim)
    return _merge_duplicates(claims)


def _draft(sent: Span, money: Span, money_attr: str, sent_cues: list[Token], cues: dict,
           frames: dict, about_deals: bool, settings: dict) -> Draft | None:
    amount = money._.get(settings["amount_attr"])
    if amount is None:
        return None
    if isinstance(amount, dict):
        amount = Amount.from_dict(amount)
    cue, blocked = governing_cue(money, cues)
    if blocked:
        return None
    via_parse = cue is not None
    if cue is None:
        if _reported_figure(money):
            return None
        cue = _nearest(money, sent_cues, cues, settings["max_cue_distance"])
        if cue is None:
            return None
    frame = read_frame(cue, cues, frames, money)
    frame.via_parse = via_parse
    kind = frame.kind
    if kind not in STRONG_FRAMES and not about_deals:
        return None
    # "the 757 mln dlr deal under which Chrysler would acquire AMC": the specific deal
    # word of the sentence says who is who.
    if kind in GENERIC or not (frame.roles.get("buyer") or frame.roles.get("seller")):
        specific = _specific_cue(sent_cues, cue, cues)
        if specific is not None:
            better = read_frame(specific, cues, frames, money)
            if better.roles.get("buyer") or better.roles.get("seller"):
                better.via_parse = via_parse
                frame = better
    if frame.kind == "stake" and not frame.roles.get("buyer"):
        # "bought a stake in X": the verb above the stake says who bought it.
        verb = frame.cue.head
        if verb is not frame.cue and _cue_kind_of(verb, cues):
            outer = read_frame(verb, cues, frames, money)
            for role, names in outer.roles.items():
                if role == "buyer":
                    frame.add(role, names)
    confidence = 0.55 + (0.25 if via_parse else 0.0) + (0.1 if frame.kind in STRONG_FRAMES else 0)
    return Draft(sent=sent, money=money, amount=amount, frame=frame,
                 deal_type=_deal_type(frame, frames), confidence=confidence,
                 roles={k: list(v) for k, v in frame.roles.items()})


def _cue_kind_of(tok: Token, cues: dict) -> str | None:
    return cues.get(tok.lemma_.lower()) or cues.get(tok.lower_)


def _reported_figure(money: Span) -> bool:
    """Money a company reports, or a price the market sets: "shares rose 2 dlrs"."""
    tok = money.root
    for _ in range(6):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok.lemma_.lower() in NOT_DEAL_VERBS
    return False


def _nearest(money: Span, sent_cues: list[Token], cues: dict, max_distance: int) -> Token | None:
    best, best_distance = None, max_distance + 1
    for cue in sent_cues:
        distance = min(abs(cue.i - money.start), abs(cue.i - (money.end - 1)))
        if _cue_kind_of(cue, cues) in STRONG_FRAMES:
            distance -= 2  # prefer a deal verb to "price" or "value"
        if distance < best_distance:
            best, best_distance = cue, distance
    return best


def _specific_cue(sent_cues: list[Token], cue: Token, cues: dict) -> Token | None:
    specific = [t for t in sent_cues if t is not cue
                and _cue_kind_of(t, cues) in STRONG_FRAMES - GENERIC]
    return min(specific, key=lambda t: abs(t.i - cue.i)) if specific else None


def _deal_type(frame: Frame, frames: dict) -> str:
    kind = frame.kind
    deal_type = frames.get(kind, {}).get("deal_type", "other")
    part = (frame.target_phrase or "").lower().split()
    head = part[-1] if part else ""
    if kind in {"acquire", "sell", "bid", "merge", "pay", "value", "receive"}:
        if head in STAKE_WORDS or frame.cue.lower_ in STAKE_WORDS:
            return "stake"
        if head in ASSET_WORDS:
            return "asset_sale"
        if kind in {"pay", "value", "receive"}:
            return "acquisition" if frame.roles.get("seller") else "other"
        return "acquisition"
    return deal_type


def _resolved(roles: dict[str, list[str]], sent: Span, names: ArticleNames) -> dict:
    """Replace "it"/"the company" by who the sentence is about; use the long forms."""
    who = speaker(sent)
    speaking = None
    if who is not None and who.ent_type_ in {"ORG", "PERSON"}:
        ent = next((e for e in sent.ents if e.start <= who.i < e.end), None)
        speaking = ent.text if ent is not None else who.text
    elif who is not None and names.is_company(who.text):
        speaking = who.text
    out: dict[str, list[str]] = {}
    for role, role_names in roles.items():
        resolved = []
        for name in role_names:
            if name == ANAPHOR:
                name = speaking or names.main
            if name:
                name = _tidy(names.canonical(_known_form(name, names)))
                if name and name not in resolved and not _is_generic(name):
                    resolved.append(name)
        out[role] = resolved
    return out


def _known_form(name: str, names: ArticleNames) -> str:
    """Prefer a known company name inside an entity: "the Swedish Match Co of Stockholm"."""
    for full in sorted(names.names, key=len, reverse=True):
        if full in name and full != name:
            return full
    return name


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.'\"<>")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return re.sub(r"['’]s$", "", name)


def _is_generic(name: str) -> bool:
    return name.lower() in {"company", "investors", "shareholders", "holders", "group",
                            "firm", "government", "management"} or len(name) < 2


def _claim(draft: Draft, names: ArticleNames, context: list, published: date | None,
           settings: dict) -> Claim | None:
    roles = _resolved(draft.roles, draft.sent, names)
    buyers, sellers = roles.get("buyer", []), roles.get("seller", [])
    targets = roles.get("target", [])
    deal_type = draft.deal_type
    if not buyers and not sellers and context:
        # "The transaction is valued at 16.2 mln dlrs": the deal the lead names.
        before = [c for c in context if c[0] <= draft.sent.start] or context[:1]
        _, lead_roles, lead_type = before[-1]
        buyers, sellers = lead_roles.get("buyer", []), lead_roles.get("seller", [])
        targets = targets or lead_roles.get("target", [])
        if deal_type == "other":
            deal_type = lead_type
        draft.confidence -= 0.1
    sellers = [s for s in sellers if name_key(s) not in {name_key(b) for b in buyers}]
    target = draft.frame.target_phrase
    if target and target.lower() in PART_NOUNS:
        target = None  # "the shares" names nothing by itself
    if not target and targets:
        target = targets[0]
    parties = [Party(n, "buyer") for n in buyers] + [Party(n, "seller") for n in sellers]
    if target and name_key(target) not in {name_key(s) for s in sellers}:
        parties.append(Party(_tidy(target), "target"))
    if not buyers and not sellers:
        draft.confidence -= 0.25
    sent = draft.sent
    return Claim(
        deal_type=deal_type,
        parties=parties,
        amount=draft.amount,
        term=_term(sent, draft.money, published),
        attribution=attribution(sent),
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        confidence=max(0.0, min(1.0, draft.confidence)),
    )


def _term(sent: Span, money: Span, published: date | None) -> Term | None:
    """The term stated in the sentence, the nearest to the amount when there are several."""
    found = find_terms(sent.text, published)
    if not found:
        return None
    at = money.start_char - sent.start_char
    nearest = min(found, key=lambda t: abs(t.start - at))
    return nearest.term


def attribution(sent: Span) -> str | None:
    """Who the sentence cites: "according to a securities filing", "Dixons said"."""
    for pattern in _ATTRIBUTION[:3]:
        found = pattern.search(sent.text)
        if found:
            return found.group("source")
    who = speaker(sent)
    if who is not None:
        subject = sent.doc[who.left_edge.i:who.i + 1].text
        verb = who.head
        return f"{subject} {verb.text}"
    found = _ATTRIBUTION[3].search(sent.text)
    return found.group("source") if found else None


def _merge_duplicates(claims: list[Claim]) -> list[Claim]:
    """One claim per amount per article: repeats of the same money keep the best-read one."""
    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (-_score(c), c.start)):
        if any(claim.amount.same_money(k.amount) for k in kept):
            continue
        kept.append(claim)
    return sorted(kept, key=lambda c: (c.start, c.amount.text))


def _score(claim: Claim) -> float:
    roles = {p.role for p in claim.parties}
    return claim.confidence + 0.2 * ("buyer" in roles) + 0.2 * ("seller" in roles)
