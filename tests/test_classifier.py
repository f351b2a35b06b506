"""The scorer honours the scikit-learn estimator contract and the level order."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, GroupKFold
from sklearn.pipeline import Pipeline

from reliability import analyze, corpus
from reliability.features import Item
from reliability.classifier import ReliabilityClassifier, to_label
from reliability.linear import describe_feature
from reliability.rules import RuleBaseline


@pytest.fixture
def tiny(tiny_corpus_file):
    return corpus.load(tiny_corpus_file)


def test_init_only_stores_parameters():
    clf = ReliabilityClassifier(C=3.0, model="forest")
    assert clf.get_params()["C"] == 3.0
    assert not [k for k in vars(clf) if k.endswith("_")]
    assert clone(clf).get_params() == clf.get_params()


def test_set_params_round_trip():
    clf = ReliabilityClassifier().set_params(min_df=1, ngram_range=(1, 1))
    assert clf.get_params()["min_df"] == 1 and clf.get_params()["ngram_range"] == (1, 1)


@pytest.mark.parametrize("model", ["logistic", "forest"])
def test_fit_predict_proba_shapes_and_sums(tiny, model):
    clf = ReliabilityClassifier(model=model, min_df=1, n_estimators=20).fit(tiny.items, tiny.labels)
    assert list(clf.classes_) == ["unsupported", "hedged", "attributed", "established"]
    proba = clf.predict_proba(tiny.items)
    assert proba.shape == (len(tiny), 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    strength = clf.score_strength(tiny.items)
    assert ((0 <= strength) & (strength <= 1)).all()
    # fitted on these very statements, it must mostly reproduce them
    assert (clf.predict(tiny.items) == np.array(tiny.labels)).mean() >= 0.75


def test_score_is_expected_level_over_three(tiny):
    clf = ReliabilityClassifier(min_df=1).fit(tiny.items, tiny.labels)
    proba = clf.predict_proba(tiny.items[:3])
    np.testing.assert_allclose(clf.score_strength(tiny.items[:3]), proba @ [0, 1 / 3, 2 / 3, 1])


def test_accepts_plain_texts_and_numeric_labels(tiny):
    texts = [item.text for item in tiny.items]
    numbers = [["unsupported", "hedged", "attributed", "established"].index(y) for y in tiny.labels]
    clf = ReliabilityClassifier(min_df=1).fit(texts, numbers)
    assert clf.predict(["The mayor said the road was closed."])[0] in clf.classes_


def test_pickle_round_trip_predicts_the_same(tiny):
    clf = ReliabilityClassifier(min_df=1).fit(tiny.items, tiny.labels)
    again = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(again.predict_proba(tiny.items), clf.predict_proba(tiny.items))


def test_works_in_grid_search_with_grouped_folds(tiny):
    search = GridSearchCV(ReliabilityClassifier(min_df=1), {"C": [0.5, 4.0]}, cv=GroupKFold(n_splits=2),
                          scoring="f1_macro")
    search.fit(tiny.items, tiny.labels, groups=tiny.groups)
    assert search.best_params_["C"] in (0.5, 4.0)


def test_works_as_a_pipeline_step(tiny):
    pipe = Pipeline([("scorer", ReliabilityClassifier(min_df=1))]).fit(tiny.items, tiny.labels)
    assert len(pipe.predict(tiny.items)) == len(tiny)


def test_missing_level_is_refused(tiny):
    keep = [y != "unsupported" for y in tiny.labels]
    part = tiny.subset(keep)
    with pytest.raises(ValueError, match="none for unsupported"):
        ReliabilityClassifier(min_df=1).fit(part.items, part.labels)


def test_unknown_model_family_is_refused(tiny):
    with pytest.raises(ValueError, match="model must be one of"):
        ReliabilityClassifier(model="svm").fit(tiny.items, tiny.labels)


@pytest.mark.parametrize("model", ["logistic", "forest"])
def test_explanations_point_at_spans_that_fired_them(tiny, model):
    # 100 trees: with a handful, removing any one feature can leave every
    # tree's vote unchanged, and then there is nothing to explain
    clf = ReliabilityClassifier(model=model, min_df=1, n_estimators=100).fit(tiny.items, tiny.labels)
    explanations = clf.explain(tiny.items, top=3)
    assert len(explanations) == len(tiny)
    for item, reasons in zip(tiny.items, explanations):
        assert 0 < len(reasons) <= 3
        magnitudes = [abs(c) for _, c, _ in reasons]
        assert magnitudes == sorted(magnitudes, reverse=True)
        for _, _, (start, end) in reasons:
            st = item.statement
            inside = st.start <= start < end <= st.end
            elsewhere = any(other.start <= start < end <= other.end for other in item.doc.statements)
            assert inside or elsewhere


def test_distancing_verb_pulls_the_score_down(tiny):
    clf = ReliabilityClassifier(min_df=1).fit(tiny.items, tiny.labels)
    said, claimed = clf.score_strength([
        "The governor said turnout had doubled.",
        "The governor claimed turnout had doubled.",
    ])
    assert claimed < said


@pytest.mark.parametrize("value, label", [(0, "unsupported"), (3, "established"), ("2", "attributed"), ("hedged", "hedged")])
def test_to_label(value, label):
    assert to_label(value) == label


@pytest.mark.parametrize("value", [4, -1, "Hedged", True, None])
def test_to_label_rejects(value):
    with pytest.raises(ValueError, match="valid labels"):
        to_label(value)


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("hedge=distancing_verb", "claimed", "distancing verb 'claimed'"),
        ("word:no evidence", "no evidence", "word 'no evidence'"),
        ("evidence-missing", "provided no evidence", "missing or denied support (missing) 'provided no evidence'"),
        ("source.outer=anonymous", "a source", "anonymous source 'a source'"),
        ("voice=writer", "The bridge reopened.", "writer's own voice"),
        ("quote.carried", "the harbour master", "quotation carried on from its speaker 'the harbour master'"),
        ("rules.level=hedged", "The governor claimed turnout had doubled.", "LABELS.md's rules give hedged"),
        ("frame=anonymous|neutral", "said", "anonymous source with neutral cue 'said'"),
        ("note.backs", "Records confirm it.", "evidence note backs it 'Records confirm it.'"),
    ],
)
def test_feature_descriptions_read_as_reasons(name, text, expected):
    assert describe_feature(name, text) == expected


def test_a_quotation_that_runs_on_is_scored_as_its_speakers_words():
    from reliability import analyze
    from reliability.features import Item, structural_features

    doc = analyze('Port to reopen\n\n"We reopen Monday," the harbour master said. "Ships are waiting."')
    values, spans = structural_features(Item(doc, 2))
    assert "voice=writer" not in values and values["quote.carried"] == 1
    assert values["source.outer=official"] == 1
    assert doc.text[slice(*spans["quote.carried"])] == "the harbour master"


def test_rule_baseline_has_the_same_interface(tiny):
    rules = RuleBaseline().fit(tiny.items, tiny.labels)
    proba = rules.predict_proba(tiny.items)
    assert proba.shape == (len(tiny), 4)
    assert set(rules.predict(tiny.items)) <= set(rules.classes_)


def test_feature_matrix_and_linear_scorer_match_scikit_learn(tiny):
    from reliability.features import structural_features

    clf = ReliabilityClassifier(min_df=1, hard_rules=False).fit(tiny.items, tiny.labels)
    values = [structural_features(item)[0] for item in tiny.items]
    expected = np.hstack([clf.structure_.transform(values).toarray(),
                          clf.text_.transform([item.text for item in tiny.items]).toarray()])
    matrix = clf.transform(tiny.items)
    np.testing.assert_allclose(matrix.toarray(), expected)
    np.testing.assert_allclose(clf.predict_proba(tiny.items), clf.estimator_.predict_proba(matrix))


@pytest.mark.parametrize("model", ["logistic", "forest"])
@pytest.mark.parametrize("rules", [False, True])
def test_explanations_are_the_score_change_when_a_feature_is_removed(tiny, model, rules):
    from reliability.combining import apply_hard_rules, hard_rules

    clf = ReliabilityClassifier(model=model, min_df=1, n_estimators=20, hard_rules=rules)
    clf.fit(tiny.items, tiny.labels)
    items = tiny.items[:1]
    flags = hard_rules(items) if rules else None
    bound = (lambda p: apply_hard_rules(p, flags)[0]) if rules else (lambda p: p)
    matrix = clf.transform(items)
    (contributions,) = clf._contributions(matrix, clf.predict_proba(items), flags)
    values = [0, 1 / 3, 2 / 3, 1]
    for k in range(matrix.nnz):
        without = matrix.copy().tolil()
        without[0, matrix.indices[k]] = 0
        expected = bound(clf._proba(matrix)) @ values - bound(clf._proba(without.tocsr())) @ values
        np.testing.assert_allclose(contributions[k], expected[0], atol=1e-9)
    # the logistic scorer's closed form gives the same reasons
    if model == "logistic":
        assert clf._linear().predict_explain(items, top=50)[1] == clf.predict_explain(items, top=50)[1]


def test_logistic_scoring_arithmetic_is_scikit_learns(tiny):
    # predictions go through reliability.linear (numpy only): they must be
    # what the fitted LogisticRegression gives on the same feature matrix
    clf = ReliabilityClassifier(min_df=1, hard_rules=False).fit(tiny.items, tiny.labels)
    expected = clf.estimator_.predict_proba(clf.transform(tiny.items))
    assert abs(clf.predict_proba(tiny.items) - expected).max() < 1e-12


@pytest.mark.parametrize("model", ["logistic", "forest"])
def test_hard_rules_bind_the_probabilities_and_explain_themselves(tiny, model):
    ruled = ReliabilityClassifier(model=model, min_df=1, n_estimators=20).fit(tiny.items, tiny.labels)
    free = clone(ruled).set_params(hard_rules=False).fit(tiny.items, tiny.labels)
    quiet = analyze("The mayor claimed the bridge would reopen on Monday. Traffic was light.")
    disputed = analyze("The mayor claimed the bridge would reopen on Monday. It provided no evidence.")
    verified = analyze("The mayor claimed 40 ships were waiting to dock. Port records reviewed by"
                       " Reuters confirm the 40 ships.")
    items = [Item(quiet, 0), Item(disputed, 0), Item(verified, 0)]
    proba, learnt = ruled.predict_proba(items), free.predict_proba(items)
    values = np.array([0, 1 / 3, 2 / 3, 1])
    # level 0 needs a dispute somewhere in the document: ruled out, the rest rescaled
    assert proba[0, 0] == 0 and learnt[0, 0] > 0
    np.testing.assert_allclose(proba[0, 1:], learnt[0, 1:] / learnt[0, 1:].sum())
    # a document with a dispute keeps what the model learnt
    np.testing.assert_allclose(proba[1], learnt[1])
    # a claim an evidence note verifies is established, or level 0 if the model says so
    assert verified.statements[0].context.noted_by == (1,)
    assert proba[2, 1] == proba[2, 2] == 0 and proba[2, 0] == 0
    # each rule that moved a score is a reason, on the whole statement, by how much it moved it
    for item, row in ((items[0], 0), (items[2], 2)):
        reasons = [r for r in ruled.explain([item], top=50)[0] if ": level 0 ruled out" in r[0]
                   or ": lifted to established" in r[0]]
        assert reasons and all(r[2] == (item.statement.start, item.statement.end) for r in reasons)
        assert sum(r[1] for r in reasons) == pytest.approx(proba[row] @ values - learnt[row] @ values, abs=1e-3)


def test_the_lift_never_lifts_a_level_0_statement():
    from reliability.combining import lift_verified

    proba = np.array([[0.40, 0.25, 0.35, 0.0], [0.2, 0.3, 0.3, 0.2]])
    lifted = lift_verified(proba, np.array([True, True]))
    np.testing.assert_allclose(lifted, [[0.40, 0.25, 0.35, 0.0], [0.2, 0, 0, 0.8]])


def test_turning_the_rules_off_after_fitting_takes_effect(tiny):
    clf = ReliabilityClassifier(min_df=1).fit(tiny.items, tiny.labels)
    quiet = [Item(analyze("The mayor claimed the bridge would reopen on Monday."), 0)]
    assert clf.predict_proba(quiet)[0, 0] == 0
    assert clf.set_params(hard_rules=False).predict_proba(quiet)[0, 0] > 0


def test_ruling_out_level_0_rescales_and_never_divides_by_zero():
    from reliability.combining import rule_out_unsupported

    proba = np.array([[0.5, 0.25, 0.25, 0.0], [1.0, 0.0, 0.0, 0.0], [0.5, 0.25, 0.25, 0.0]])
    gated = rule_out_unsupported(proba, np.array([True, True, False]))
    np.testing.assert_allclose(gated, [[0, 0.5, 0.5, 0], [0, 1, 0, 0], [0.5, 0.25, 0.25, 0]])


def test_features_of_notes_sources_and_rules():
    from reliability.features import structural_features

    # a note that only names evidence backs the claim, and shares the claim's
    # own evidence features; a note saying support is missing questions it
    backed = analyze("The mayor claimed 40 ships were waiting to dock. Port records reviewed by"
                     " Reuters confirm the 40 ships.")
    values, spans = structural_features(Item(backed, 0))
    assert "note.backs" in values and "note" not in values and "evidence+" in values
    assert backed.text[slice(*spans["note.backs"])] == backed.statements[1].text
    questioned = analyze("The mayor claimed 40 ships were waiting to dock. He gave no evidence.")
    values, _ = structural_features(Item(questioned, 0))
    assert "note" in values and "note.backs" not in values
    # what the rules give, on this analysis
    assert values["rules.level=unsupported"] == 1
    # a source's words, without the function words that say nothing about it
    values, _ = structural_features(Item(analyze("A spokesman for the ministry of health said so."), 0))
    words = {name for name in values if name.startswith("source.word=")}
    assert words == {"source.word=spokesman", "source.word=ministry", "source.word=health"}
