"""newsfacts: business news in, a queryable record of deals out.

The version is the extractor version stored on every claim: a newer version
re-extracts articles already in the store.
"""

__version__ = "0.2.0"
