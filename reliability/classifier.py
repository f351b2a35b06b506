"""The trained scorer: a scikit-learn estimator over analysed statements.

Features combine the analysis layer's structural signals
(:func:`reliability.features.structural_features`) with word n-grams of the
statement. The four levels are ordered, so besides class probabilities the
estimator gives a strength score, the expected level divided by 3, and
explains it by the features that moved it most, each with the span of text
that fired it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .combining import LEVEL_VALUES as _LEVEL_VALUES
from .combining import HardRules, apply_hard_rules, hard_rules
from .features import Item, as_item, structural_features
from .linear import TEXT_PREFIX as _TEXT_PREFIX
from .linear import LinearScorer, describe
from .types import LEVELS

MODELS = ("logistic", "forest")


def to_label(y: Any) -> str:
    """A level name from a name or a level number (0-3)."""
    if isinstance(y, str) and y in LEVELS:
        return y
    if isinstance(y, (int, np.integer)) and not isinstance(y, bool) and 0 <= y < len(LEVELS):
        return LEVELS[int(y)]
    if isinstance(y, str) and y.strip().isdigit() and 0 <= int(y) < len(LEVELS):
        return LEVELS[int(y)]
    raise ValueError(f"unknown label {y!r}; valid labels are {', '.join(LEVELS)} or 0-3")


class ReliabilityClassifier(ClassifierMixin, BaseEstimator):
    """Evidential strength of news statements, in four ordered levels.

    Parameters
    ----------
    model : {"logistic", "forest"}, default="logistic"
        The model family: multinomial logistic regression, or a random forest.
    C : float, default=1.0
        Inverse regularisation strength of the logistic model.
    n_estimators : int, default=300
        Trees in the forest model.
    ngram_range : tuple of int, default=(1, 2)
        Word n-gram range of the text features.
    min_df : int, default=2
        Minimum number of training statements an n-gram must occur in.
    text_features : bool, default=True
        Whether to use word n-grams besides the structural features.
    class_weight : "balanced" or None, default="balanced"
        Class weighting passed to the model.
    random_state : int, default=0
        Seed for the forest (and any randomised solver).
    hard_rules : bool, default=True
        Apply two rules of LABELS.md to the probabilities whatever the model
        learnt (:func:`reliability.combining.hard_rules`): level 0 only in a
        document where the analysis finds support said to be missing, failed
        or disputed; and a claim an evidence note verifies is established
        unless it is at level 0. Each rule that moved a score is one of its
        explanation's reasons. Training is the same either way.

    Attributes
    ----------
    classes_ : ndarray of str
        The level names, weakest first: ``unsupported, hedged, attributed,
        established``.
    feature_names_ : ndarray of str
        Names of all features, structural first, then ``word:<n-gram>``.

    Examples
    --------
    >>> clf = ReliabilityClassifier(min_df=1)
    >>> texts = ["The bridge reopened on Monday.", "The mayor said the bridge reopened.",
    ...          "Officials claimed the bridge reopened.", "The claim could not be verified."]
    >>> clf.fit(texts * 3, ["established", "attributed", "hedged", "unsupported"] * 3).classes_
    array(['unsupported', 'hedged', 'attributed', 'established'], dtype='<U11')
    """

    def __init__(
        self,
        *,
        model: str = "logistic",
        C: float = 1.0,
        n_estimators: int = 300,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        text_features: bool = True,
        class_weight: str | None = "balanced",
        random_state: int = 0,
        hard_rules: bool = True,
    ):
        self.model = model
        self.C = C
        self.n_estimators = n_estimators
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.text_features = text_features
        self.class_weight = class_weight
        self.random_state = random_state
        self.hard_rules = hard_rules

    # -- fitting -----------------------------------------------------------

    def fit(self, X: Iterable[Item | str], y: Iterable[Any]) -> "ReliabilityClassifier":
        """Fit on statements (texts or :class:`~reliability.features.Item`) and levels."""
        if self.model not in MODELS:
            raise ValueError(f"model must be one of {MODELS}, got {self.model!r}")
        items = [as_item(x) for x in X]
        labels = np.array([to_label(v) for v in y])
        if len(items) != len(labels):
            raise ValueError(f"X has {len(items)} statements but y has {len(labels)} labels")
        missing = [level for level in LEVELS if level not in set(labels)]
        if missing:
            raise ValueError(
                f"every level needs training examples; none for {', '.join(missing)}"
            )
        self.classes_ = np.array(LEVELS)
        self.structure_ = DictVectorizer(sort=True)
        structure = self.structure_.fit_transform([structural_features(i)[0] for i in items])
        blocks = [structure]
        names = list(self.structure_.get_feature_names_out())
        if self.text_features:
            self.text_ = TfidfVectorizer(
                ngram_range=tuple(self.ngram_range), min_df=self.min_df, sublinear_tf=True
            )
            blocks.append(self.text_.fit_transform([i.text for i in items]))
            # a set of pruned n-grams, for introspection only; its pickled order
            # varies between runs, which would break reproducible model hashes
            self.text_.stop_words_ = None
            names += [_TEXT_PREFIX + n for n in self.text_.get_feature_names_out()]
        else:
            self.text_ = None
        self.feature_names_ = np.array(names)
        self.n_features_in_ = len(names)
        self.estimator_ = self._new_estimator()
        self.estimator_.fit(sp.hstack(blocks).tocsr(), _level_index(labels))
        return self

    def __getstate__(self):
        # scikit-learn caches an id() on the vectorizer at each transform;
        # pickling it would make the saved model differ from run to run.
        # The linear scorer is derived from the fitted state: not saved.
        state = super().__getstate__()
        state.pop("_linear_cache", None)
        text = state.get("text_")
        if text is not None and "_stop_words_id" in vars(text):
            text = copy.copy(text)
            del text._stop_words_id
            state["text_"] = text
        return state

    def _new_estimator(self):
        if self.model == "logistic":
            return LogisticRegression(
                C=self.C, class_weight=self.class_weight, max_iter=2000,
                random_state=self.random_state,
            )
        return RandomForestClassifier(
            n_estimators=self.n_estimators, class_weight=self.class_weight,
            min_samples_leaf=1, n_jobs=1, random_state=self.random_state,
        )

    # -- prediction --------------------------------------------------------

    def transform(self, X: Iterable[Item | str]) -> sp.csr_matrix:
        """The feature matrix of statements (columns: ``feature_names_``)."""
        check_is_fitted(self, "estimator_")
        items = [as_item(x) for x in X]
        return self._matrix(items, [structural_features(i)[0] for i in items])

    def _matrix(self, items: Sequence[Item], values: Sequence[dict]) -> sp.csr_matrix:
        # only the forest and transform() come here: the logistic model
        # scores through LinearScorer, which builds its rows without scipy
        blocks = [self.structure_.transform(values)]
        if self.text_ is not None:
            blocks.append(self.text_.transform([i.text for i in items]))
        return sp.hstack(blocks, format="csr")

    def predict_proba(self, X: Iterable[Item | str]) -> np.ndarray:
        """Probabilities of the four levels, columns in ``classes_`` order."""
        if self.model == "logistic":
            return self._linear().predict_proba(X)
        items = [as_item(x) for x in X]
        if not items:
            return np.zeros((0, len(LEVELS)))
        proba = self._proba(self.transform(items))
        return apply_hard_rules(proba, hard_rules(items))[0] if self.hard_rules else proba

    def _linear(self) -> LinearScorer:
        """The fitted logistic model as a :class:`LinearScorer`: the one
        implementation of its arithmetic, built once per fit and not saved
        with the estimator (it is derived state)."""
        check_is_fitted(self, "estimator_")
        cached = self.__dict__.get("_linear_cache")
        if cached is None or cached[0] is not self.estimator_ or cached[1].hard_rules != self.hard_rules:
            cached = (self.estimator_, LinearScorer.from_classifier(self))
            self.__dict__["_linear_cache"] = cached
        return cached[1]

    def _proba(self, matrix: sp.csr_matrix) -> np.ndarray:
        proba = np.zeros((matrix.shape[0], len(LEVELS)))
        proba[:, self.estimator_.classes_] = self.estimator_.predict_proba(matrix)
        return proba

    def predict(self, X: Iterable[Item | str]) -> np.ndarray:
        """The most probable level name of each statement."""
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def score_strength(self, X: Iterable[Item | str]) -> np.ndarray:
        """Strength score in [0, 1]: the expected level divided by 3."""
        return self.predict_proba(X) @ _LEVEL_VALUES

    def save(self, directory, **kwargs) -> "Path":
        """Save as a model directory (see :func:`reliability.persistence.save_model`)."""
        from .persistence import save_model

        return save_model(self, directory, **kwargs)

    # -- explanation -------------------------------------------------------

    def explain(self, X: Iterable[Item | str], top: int = 5) -> list[list[tuple[str, float, tuple[int, int]]]]:
        """For each statement, the features that moved its strength score most.

        Returns, per statement, up to ``top`` tuples ``(description,
        contribution, (start, end))``, largest absolute contribution first.
        Contributions are in score units (the score is in [0, 1]); the span
        gives the text that fired the feature, as document offsets.
        """
        return self.predict_explain(X, top=top)[1]

    def predict_explain(self, X: Iterable[Item | str], top: int = 5):
        """``predict_proba`` and ``explain`` together, computing features once."""
        if self.model == "logistic":
            return self._linear().predict_explain(X, top=top)
        check_is_fitted(self, "estimator_")
        items = [as_item(x) for x in X]
        fired = [structural_features(i) for i in items]
        matrix = self._matrix(items, [values for values, _ in fired])
        proba = self._proba(matrix)
        rules, steps = None, []
        if self.hard_rules:
            rules = hard_rules(items)
            proba, steps = apply_hard_rules(proba, rules)
        contributions = self._contributions(matrix, proba, rules)
        reasons = [
            describe(item, spans, self.feature_names_,
                     matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]], contributions[r], top,
                     extra=[(name, change[r]) for name, change in steps])
            for r, (item, (_, spans)) in enumerate(zip(items, fired))
        ]
        return proba, reasons

    def _contributions(self, matrix: sp.csr_matrix, proba: np.ndarray,
                       rules: HardRules | None) -> list[np.ndarray]:
        """Per active feature, its signed effect on the strength score: the
        score minus the score the statement would get without that feature
        (occlusion; the logistic model computes it in closed form, in
        :class:`~reliability.linear.LinearScorer`)."""
        rows = []
        score = proba @ _LEVEL_VALUES
        for r in range(matrix.shape[0]):
            row = matrix[r]
            n = row.nnz
            if n == 0:
                rows.append(np.zeros(0))
                continue
            occluded = sp.vstack([row] * n).tolil()
            for k, j in enumerate(row.indices):
                occluded[k, j] = 0
            without = self._proba(occluded.tocsr())
            if rules is not None:
                without = apply_hard_rules(without, rules.take(np.repeat(r, n)))[0]
            rows.append(score[r] - without @ _LEVEL_VALUES)
        return rows


def _level_index(labels: np.ndarray) -> np.ndarray:
    return np.array([LEVELS.index(label) for label in labels])
