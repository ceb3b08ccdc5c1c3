"""A set of words as one regex alternation merged into a trie: "acquire|acquired|acquires"
-> "acquire(?:d|s)?".

A flat alternation is tried word by word at every position of the text; the trie tries
each character once. Against the flat alternation sorted longest first it matches the
same strings in the same order of preference (at one position the words that match are
prefixes of one another, and both try the longest first), so a pattern keeps its
matches and groups (issue 15).
"""

from __future__ import annotations

import re


def alternation(words) -> str:
    """The regex source matching any of ``words`` (as literal text), longest first.

    >>> alternation(["acquire", "acquired", "acquires", "buy"])
    '(?:(?:acquire(?:(?:d|s))?|buy))'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return "(?:" + _node_regex(trie) + ")"


def _node_regex(node: dict) -> str:
    """The regex of a trie node's words: each branch a character and the regex after it;
    optional when a word also ends at this node."""
    branches = [re.escape(char) + _node_regex(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        body = f"(?:{body})?"
    return body
