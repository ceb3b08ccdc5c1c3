"""A claim's deal status, read from its evidence sentence: rumoured, in talks, proposed,
agreed, completed or terminated. Pure: no spaCy, so the grouping of a whole corpus stays fast.

>>> claim_status("Dixons Group PLC said it agreed to buy Cyclops Corp for 384 mln dlrs.")
'agreed'
>>> claim_status("Dixons raised its offer for Cyclops to 95 dlrs a share.")
'proposed'
"""

from __future__ import annotations

import re

# The stages of a deal, earliest first; "terminated" ends a deal at any stage.
STATUSES = ("rumoured", "in_talks", "proposed", "agreed", "completed", "terminated")
# When a sentence says nothing of the stage, it states a deal as a fact: "X will buy Y for
# $1 bn", "X is investing $12 bn in Y".
DEFAULT_STATUS = "agreed"


def _words(*patterns: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# Each stage's cues, checked in the order of CHECKS below; each comment gives a sentence.
TERMINATED = _words(
    r"terminat", r"reject(?:s|ed|ing|ion)?\b", r"rebuff", r"turned down", r"turns? down",
    r"withdr[ae]w", r"withdrawn", r"withdraws?\b", r"call(?:ed|s)? off", r"abandon",
    r"scrap(?:ped|s)?\b", r"dropped (?:its|the|their) (?:bid|offer|plan)", r"walked away",
    r"collapsed", r"broke off", r"broken off", r"ended (?:its|the|their) (?:\w+ )?(?:talks|"
    r"merger|agreement|negotiations|offer|bid)", r"blocked", r"spurned",
    r"let (?:its|the) offer lapse",
    r"lapsed", r"no longer (?:interested|pursu)", r"cancel+ed", r"cancels?\b")
COMPLETED = _words(
    r"complet(?:ed|es|ion of)", r"closed (?:its|the|their|an?) [^.;]{0,40}?(?:acquisition|"
    r"purchase|sale|deal|merger|takeover|transaction|financing|round)", r"closes (?:its|the)",
    r"has acquired", r"have acquired", r"had acquired", r"(?<!be )acquired\b(?! by)",
    r"bought\b", r"purchased\b", r"has sold", r"have sold", r"had sold",
    r"(?<!be )sold\b(?! to the public)", r"finalis(?:ed|es)", r"finaliz(?:ed|es)",
    r"(?<!be )consummated", r"accepted for payment",
    r"raised \S+ (?:in|from)", r"has raised", r"took control", r"now owns", r"merged with",
    r"accepted by shareholders", r"went through", r"obtained control")
AGREED = _words(
    r"agree(?:d|s|ment)?\b", r"definitive", r"signed", r"signs\b", r"sign a", r"deal to",
    r"struck", r"reached (?:an? )?(?:agreement|accord|deal)", r"approved", r"approves",
    r"approval",
    r"accepted", r"accepts", r"recommended", r"recommends", r"backs the", r"backed",
    r"will (?:buy|acquire|sell|invest|pay|take over|purchase|lend|provide)",
    r"won\b", r"awarded", r"wins\b",
    r"letter of intent", r"merger agreement", r"is investing", r"is buying", r"is selling",
    r"are investing", r"commit(?:ted|s)?\b", r"pledged")
PROPOSED = _words(
    r"offer(?:ed|s|ing)?\b", r"bid(?:s|ding)?\b", r"tender", r"propos", r"raised (?:its|the|"
    r"their) (?:offer|bid)", r"sweeten", r"counter-?offer", r"approach(?:ed)?\b",
    r"seek(?:s|ing)? to (?:buy|acquire)", r"sought", r"wants? to (?:buy|acquire)",
    r"would pay", r"would acquire",
    r"would buy", r"intends to", r"plans? to", r"planned", r"hostile", r"unsolicited",
    r"made an? (?:offer|bid|proposal)")
IN_TALKS = _words(
    r"talks?\b", r"negotiat", r"discussions?", r"discussing", r"in discussions",
    r"exploring", r"explore", r"consider(?:s|ing)?\b", r"weighing", r"evaluating",
    r"held talks", r"preliminary", r"possible (?:sale|acquisition|merger|deal|offer|bid)",
    r"may (?:buy|acquire|sell|bid|make)", r"could (?:buy|acquire|sell|fetch)",
    r"might (?:buy|acquire|sell|fetch|bid)")
# Unnamed sources make a claim a rumour, whatever stage it reports, unless it is over.
RUMOURED = _words(
    r"people (?:familiar|close|briefed|with knowledge)", r"person familiar",
    r"sources? (?:said|say|says|close|familiar|told)", r"according to (?:\w+ )?sources",
    r"sources (?:with|who)", r"reportedly", r"rumou?r", r"speculat", r"is said to",
    r"are said to", r"was said to", r"reports? (?:said|say|that)", r"media reports",
    r"according to (?:a |an )?(?:report|newspaper|people)", r"market talk",
    r"could not be reached", r"declined to comment", r"unconfirmed")

CHECKS = (("terminated", TERMINATED), ("completed", COMPLETED), ("rumoured", RUMOURED),
          ("agreed", AGREED), ("proposed", PROPOSED), ("in_talks", IN_TALKS))

# "raised its offer", "sweetened", "new bid": a step of the deal, not a second deal.
RAISED = _words(r"rais(?:ed|es|ing) (?:its|the|their|his|her) (?:\w+ )?(?:offer|bid)",
                r"sweeten", r"increased (?:its|the|their) (?:\w+ )?(?:offer|bid)",
                r"boost(?:ed|s)? (?:its|the|their) (?:\w+ )?(?:offer|bid)",
                r"increas(?:e|es|ed|ing) (?:its|the|their) (?:\w+ )?(?:offer|bid)",
                r"rais(?:ed|es|ing) the amount",
                r"higher (?:offer|bid)", r"new (?:offer|bid)", r"revised (?:offer|bid)",
                r"improved (?:offer|bid)", r"lift(?:ed|s) (?:its|the|their) (?:offer|bid)")


def claim_status(sentence: str, attribution: str | None = None) -> str:
    """Return the stage of a deal a sentence reports, one of STATUSES.

    A raised offer is an offer; then ends and closes outrank everything ("rejected the
    offer", "completed the purchase");
    unnamed sources make the rest a rumour; then agreement, an offer, talks; a sentence
    with none of these states the deal as agreed.

    :param sentence: the claim's evidence sentence.
    :param attribution: who the article cites for the claim, or None; "people familiar
        with the matter" there makes the claim a rumour too.
    """
    text = " ".join(sentence.split())
    cited = " ".join((attribution or "").split())
    # "raised its offer ... from 20 dlrs, which the company rejected": a new offer.
    if is_raised_offer(text):
        return "proposed"
    for status, pattern in CHECKS:
        if pattern.search(text) or (status == "rumoured" and cited and pattern.search(cited)):
            return status
    return DEFAULT_STATUS


def is_raised_offer(sentence: str) -> bool:
    """Whether a sentence reports a raised or revised offer: a new step of the same deal.

    >>> is_raised_offer("Dixons raised its offer for Cyclops to 95 dlrs a share.")
    True
    """
    return bool(RAISED.search(sentence))


def status_rank(status: str) -> int:
    """The order of a status among the stages, for picking a deal's furthest stage."""
    return STATUSES.index(status) if status in STATUSES else -1
