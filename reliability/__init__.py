"""reliability: how well is each statement in a news text supported by the text itself?"""

__version__ = "0.1.0"
