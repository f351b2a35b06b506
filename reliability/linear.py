"""Scoring with a fitted logistic model, in numpy alone.

A trained :class:`~reliability.classifier.ReliabilityClassifier` with the
logistic model is, once fitted, a few arrays: the structural feature names,
the word n-gram vocabulary and its idf weights, and the weights and
intercepts of the four levels. :class:`LinearScorer` holds those arrays and
does the same arithmetic as the classifier, so scoring needs neither
scikit-learn nor scipy: a process that only scores starts in a fraction of
the time (importing scikit-learn alone costs most of a second). Saved as an
``.npz`` file loaded with ``allow_pickle=False``, the scorer is data, never
code.

The explanation helpers (:func:`describe`, :func:`describe_feature`) live
here too and are shared with the classifier.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .combining import LEVEL_VALUES, apply_hard_rules, hard_rules
from .features import Item, as_item, structural_features
from .persistence import write_zip
from .types import LEVELS

__all__ = ["LinearScorer", "describe", "describe_feature"]

TEXT_PREFIX = "word:"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern


class LinearScorer:
    """The arithmetic of a fitted logistic ``ReliabilityClassifier``, without scikit-learn.

    Build one with :meth:`from_classifier`; ``predict_proba``,
    ``predict_explain``, ``predict``, ``score_strength`` and ``explain`` give
    what the classifier gives (tested equal to 1e-9).
    """

    def __init__(self, structure_names: Sequence[str], terms: Sequence[str], idf: np.ndarray,
                 ngram_range: tuple[int, int], weights: np.ndarray, intercept: np.ndarray,
                 hard_rules: bool = True):
        self.structure_vocabulary = {name: k for k, name in enumerate(structure_names)}
        offset = len(self.structure_vocabulary)
        self.text_vocabulary = {term: offset + k for k, term in enumerate(terms)}
        self.idf = np.asarray(idf, dtype=float)
        self.ngram_range = (int(ngram_range[0]), int(ngram_range[1]))
        self.weights = np.asarray(weights, dtype=float)  # levels x features
        self.intercept = np.asarray(intercept, dtype=float)
        self.hard_rules = bool(hard_rules)
        self.classes_ = np.array(LEVELS)
        self.feature_names_ = np.array(list(structure_names) + [TEXT_PREFIX + t for t in terms])
        self.metadata_: dict = {}

    # -- building and storing ---------------------------------------------

    @classmethod
    def from_classifier(cls, clf: Any) -> "LinearScorer":
        """The scorer of a fitted logistic ``ReliabilityClassifier``."""
        if getattr(clf, "model", None) != "logistic" or not hasattr(clf, "estimator_"):
            raise ValueError("only a fitted logistic ReliabilityClassifier has a linear scorer")
        weights = np.zeros((len(LEVELS), len(clf.feature_names_)))
        weights[clf.estimator_.classes_] = clf.estimator_.coef_
        intercept = np.zeros(len(LEVELS))
        intercept[clf.estimator_.classes_] = clf.estimator_.intercept_
        structure = list(clf.structure_.get_feature_names_out())
        if clf.text_ is not None:
            vocabulary = clf.text_.vocabulary_
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            idf, ngrams = clf.text_.idf_, clf.text_.ngram_range
        else:
            terms, idf, ngrams = [], np.zeros(0), (1, 1)
        return cls(structure, terms, idf, ngrams, weights, intercept, clf.hard_rules)

    def save(self, path: str | Path) -> None:
        """Write the arrays to an ``.npz`` file (no pickled objects).

        Written entry by entry with a fixed date, so the same model gives the
        same file, byte for byte (``np.savez`` stamps the current time).
        """
        structure = sorted(self.structure_vocabulary, key=self.structure_vocabulary.__getitem__)
        terms = sorted(self.text_vocabulary, key=self.text_vocabulary.__getitem__)
        arrays = {
            "structure_names": np.array(structure, dtype=str), "terms": np.array(terms, dtype=str),
            "idf": self.idf, "ngram_range": np.array(self.ngram_range), "weights": self.weights,
            "intercept": self.intercept, "hard_rules": np.array(self.hard_rules),
        }
        write_zip(path, ((f"{name}.npy", _npy_bytes(array)) for name, array in arrays.items()))

    @classmethod
    def load(cls, path: str | Path) -> "LinearScorer":
        """Read a scorer written by :meth:`save`; nothing in the file is executed."""
        with np.load(path, allow_pickle=False) as arrays:
            return cls(arrays["structure_names"].tolist(), arrays["terms"].tolist(), arrays["idf"],
                       tuple(arrays["ngram_range"].tolist()), arrays["weights"], arrays["intercept"],
                       bool(arrays["hard_rules"]))

    # -- scoring -------------------------------------------------------------

    def predict_proba(self, X: Iterable[Item | str]) -> np.ndarray:
        """Probabilities of the four levels, columns in ``classes_`` order."""
        items = [as_item(x) for x in X]
        rows = self._rows(items, [structural_features(i)[0] for i in items])
        proba = _softmax(self._logits(rows)[0])
        return apply_hard_rules(proba, hard_rules(items))[0] if self.hard_rules else proba

    def predict(self, X: Iterable[Item | str]) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def score_strength(self, X: Iterable[Item | str]) -> np.ndarray:
        return self.predict_proba(X) @ LEVEL_VALUES

    def explain(self, X: Iterable[Item | str], top: int = 5):
        return self.predict_explain(X, top=top)[1]

    def predict_explain(self, X: Iterable[Item | str], top: int = 5):
        """``predict_proba`` and the ``top`` reasons of each statement's score."""
        items = [as_item(x) for x in X]
        fired = [structural_features(i) for i in items]
        rows = self._rows(items, [values for values, _ in fired])
        logits, row_of, terms = self._logits(rows)
        proba = _softmax(logits.copy())
        columns, values, indptr = rows
        # occlusion in closed form: removing feature j from row r takes
        # x_rj * w_kj off each level's logit
        without = _softmax(logits[row_of] - terms)
        steps: list = []
        if self.hard_rules:
            # the rules depend on the document, not on features: both sides
            rules = hard_rules(items)
            proba, steps = apply_hard_rules(proba, rules)
            without = apply_hard_rules(without, rules.take(row_of))[0]
        effects = (proba @ LEVEL_VALUES)[row_of] - without @ LEVEL_VALUES
        # a feature with value 0 has no effect; the two softmaxes may still
        # differ in the last bit, and by batch size, so say so exactly
        effects[values == 0] = 0.0
        reasons = [
            describe(item, spans, self.feature_names_, columns[indptr[r]:indptr[r + 1]],
                     effects[indptr[r]:indptr[r + 1]], top, extra=[(name, change[r]) for name, change in steps])
            for r, (item, (_, spans)) in enumerate(zip(items, fired))
        ]
        return proba, reasons

    def _rows(self, items: Sequence[Item], values: Sequence[dict]):
        """Sparse rows as (columns, values, indptr): in each row the structural
        features, then the word n-grams (sublinear tf x idf, l2-normalised
        per row, as the classifier's TfidfVectorizer makes them)."""
        structure = self.structure_vocabulary
        text = self.text_vocabulary
        s_rows, s_columns, s_values = [], [], []
        t_rows, t_columns, t_counts = [], [], []
        for r, (item, row) in enumerate(zip(items, values)):
            for name, value in row.items():
                column = structure.get(name)
                if column is not None:
                    s_rows.append(r)
                    s_columns.append(column)
                    s_values.append(value)
            if text:
                counts: dict[int, int] = {}
                for term in _ngrams(item.text, self.ngram_range):
                    column = text.get(term)
                    if column is not None:
                        counts[column] = counts.get(column, 0) + 1
                t_rows.extend([r] * len(counts))
                t_columns.extend(counts)
                t_counts.extend(counts.values())
        # the word weights of the whole batch at once
        t_rows_a = np.array(t_rows, dtype=np.int64)
        t_columns_a = np.array(t_columns, dtype=np.int64)
        weights = (1.0 + np.log(np.array(t_counts, dtype=float))) * self.idf[t_columns_a - len(structure)]
        norms = np.sqrt(np.bincount(t_rows_a, weights=weights * weights, minlength=len(items)))
        weights /= norms[t_rows_a]  # a row with a counted word has a positive norm
        # structure before words within each row; the sort is stable
        order = np.argsort(np.concatenate([2 * np.array(s_rows, dtype=np.int64), 2 * t_rows_a + 1]),
                           kind="stable")
        columns = np.concatenate([np.array(s_columns, dtype=np.int64), t_columns_a])[order]
        data = np.concatenate([np.array(s_values, dtype=float), weights])[order]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(
            np.concatenate([np.array(s_rows, dtype=np.int64), t_rows_a]), minlength=len(items)))])
        return columns, data, indptr

    def _logits(self, rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each row's logits, and per stored entry its row and its terms
        ``x_rj * w_kj`` (one per level), which the logits sum."""
        columns, values, indptr = rows
        n = len(indptr) - 1
        row_of = np.repeat(np.arange(n), np.diff(indptr))
        terms = values[:, None] * self.weights[:, columns].T
        logits = np.tile(self.intercept, (n, 1))
        for level in range(len(LEVELS)):
            logits[:, level] += np.bincount(row_of, weights=terms[:, level], minlength=n)
        return logits, row_of, terms


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, in place."""
    if len(logits):
        logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    return logits / logits.sum(axis=1, keepdims=True)


def _ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams as TfidfVectorizer's default analyzer makes them."""
    tokens = _TOKEN.findall(text.lower())
    low, high = ngram_range
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        out.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return out


# ---------------------------------------------------------------------------
# Explanations


def describe(item: Item, spans: dict, names: np.ndarray, columns: np.ndarray,
             contributions: np.ndarray, top: int,
             extra: Sequence[tuple[str, float]] = ()) -> list[tuple[str, float, tuple[int, int]]]:
    """The ``top`` reasons of a statement's score, features that read the same
    on the same span (a cue counted as outer, inner and any link) merged.
    ``extra`` are more reasons, a description and its effect each, on the
    whole statement (LABELS.md's hard rules)."""
    merged: dict[tuple[str, tuple[int, int]], float] = {}
    for description, effect in extra:
        if effect != 0:
            merged[(description, (item.statement.start, item.statement.end))] = float(effect)
    tokens: list[tuple[str, int, int]] | None = None  # the statement's words, found once
    for k in np.argsort(-np.abs(contributions), kind="stable")[:3 * top]:
        if contributions[k] == 0:
            continue
        name = str(names[columns[k]])
        span = spans.get(name)
        if span is None and name.startswith(TEXT_PREFIX):
            if tokens is None:
                tokens = _words(item.statement)
            span = _ngram_span(tokens, name[len(TEXT_PREFIX):])
        span = span or (item.statement.start, item.statement.end)
        key = (describe_feature(name, item.doc.text[span[0]:span[1]]), span)
        merged[key] = merged.get(key, 0.0) + float(contributions[k])
    ranked = sorted(merged.items(), key=lambda kv: -abs(kv[1]))[:top]
    # a reason that rounds to 0.0000 is not a reason
    return [(description, rounded, span) for (description, span), value in ranked
            if (rounded := round(value, 4)) != 0]


def _words(statement) -> list[tuple[str, int, int]]:
    """The statement's words as the text features see them (lowercased),
    with offsets in the document."""
    return [(m.group().lower(), statement.start + m.start(), statement.start + m.end())
            for m in _TOKEN.finditer(statement.text)]


def _ngram_span(tokens: list[tuple[str, int, int]], ngram: str) -> tuple[int, int] | None:
    """Where the word n-gram first occurs among ``tokens``."""
    words = ngram.split()
    n = len(words)
    for i in range(len(tokens) - n + 1):
        # the first word alone first: most positions fail on it, cheaply
        if tokens[i][0] == words[0] and all(tokens[i + k][0] == words[k] for k in range(1, n)):
            return (tokens[i][1], tokens[i + n - 1][2])
    return None


_FEATURE_TEMPLATES = {
    "voice=writer": "writer's own voice",
    "kind=headline": "headline",
    "context.disclaimer": "document disclaimer",
    "context.denied": "denied elsewhere in the text",
    "context.is_denial": "denial of an earlier claim",
    "note": "evidence note points here",
    "note.backs": "evidence note backs it",
    "quote": "direct quotation",
    "position": "position in the document",
    "cue.strength": "reporting verb strength",
    "cue.none": "source with no reporting verb",
    "hedge.noun_phrase": "topic-only hedge",
    "hedge.negated": "negated hedge",
    "quote.carried": "quotation carried on from its speaker",
    "quote.opens": "opens with a quotation",
    "quote.continues": "quotation after an attributed statement",
    "after_colon": "follows a lead-in ending in a colon",
    "question": "a question",
    "transcript.turn": "transcript turn",
}


def describe_feature(name: str, text: str) -> str:
    """A readable description of a feature that fired on ``text``."""
    quoted = " ".join(text.split())
    if len(quoted) > 60:
        quoted = quoted[:57] + "..."
    if name.startswith(TEXT_PREFIX):
        return f"word '{quoted}'"
    if name in _FEATURE_TEMPLATES:
        label = _FEATURE_TEMPLATES[name]
        return label if name in ("voice=writer", "position", "kind=headline") else f"{label} '{quoted}'"
    key, _, value = name.partition("=")
    if key.startswith("hedge"):
        return f"{value.replace('_', ' ')} '{quoted}'"
    if key.startswith("evidence") or key.startswith("note.evidence"):
        where = "note: " if key.startswith("note") else ""
        polarity = "missing or denied support" if "-" in key else "evidence"
        detail = key.split("+")[-1].split("-")[-1]
        detail = f" ({detail})" if detail and not detail.startswith(("evidence", "note")) else ""
        return f"{where}{polarity}{detail} '{quoted}'"
    if key == "cue.word":
        return f"reporting verb '{quoted}'"
    if key == "source.word":
        return f"source described as '{value}'"
    if key == "rules.level":
        return f"LABELS.md's rules give {value}"
    if key in ("frame", "frame.inner"):
        source, _, cue = value.partition("|")
        where = "inner " if key == "frame.inner" else ""
        return f"{where}{source.replace('_', ' ')} source with {cue} cue '{quoted}'"
    if key == "context.denial_within":
        return f"claim and denial in one statement '{quoted}'"
    if key.startswith("source") or key.startswith("note.source"):
        return f"{value.replace('_', ' ')} source '{quoted}'"
    if key.startswith("cue"):
        return f"{value} reporting cue '{quoted}'"
    if key.startswith("chain.depth"):
        return f"attribution chain of depth {value}"
    return f"{name} '{quoted}'"
