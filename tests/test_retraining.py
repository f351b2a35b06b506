"""Retraining on a newsroom's own examples moves predictions in their domain.

A weather desk decides that forecasts are `hedged` (a prediction, not a
fact). The shipped model calls them established or attributed. Extending the
shipped corpus with a few dozen of the desk's labelled forecasts
(`--base default`) must move the predictions on new forecasts towards
`hedged`.
"""

import json

import numpy as np

from reliability import load_model
from reliability.cli import main

DESK_EXAMPLES = [
    ("The national weather service forecast up to 30 centimetres of snow for the northern valleys on Friday.", "hedged"),
    ("Forecasters expect the heatwave to break by Thursday as a cold front moves in from the Atlantic.", "hedged"),
    ("The met office predicted gusts of 90 km/h along exposed coasts overnight.", "hedged"),
    ("Rainfall totals of 80 millimetres are forecast for the hills above the town this weekend.", "hedged"),
    ("The agency's seasonal outlook calls for a wetter than normal autumn in the north-east.", "hedged"),
    ("Meteorologists said the storm would make landfall south of the port early on Tuesday.", "hedged"),
    ("Temperatures are forecast to climb to 38 degrees in the capital by the middle of next week.", "hedged"),
    ("The forecaster projected that the river would crest a metre above flood stage on Saturday.", "hedged"),
    ("Weather models show the cyclone turning east before it reaches the islands.", "hedged"),
    ("The service predicted that frost would return to low-lying areas after midnight.", "hedged"),
    ("Snow is forecast to begin falling in the mountains late on Sunday and spread to the plains.", "hedged"),
    ("The regional forecaster expects fog to linger in the valleys until late morning.", "hedged"),
    ("A forecast from the national centre puts the chance of thunderstorms at 70 percent for Friday.", "hedged"),
    ("Forecasters predicted a dry week ahead for the farming districts in the south.", "hedged"),
    ("The outlook calls for below-average rainfall across the basin through December.", "hedged"),
    ("Wind speeds are projected to reach 100 km/h on the ridge tops by evening.", "hedged"),
    ("Snow fell across the region overnight, closing two mountain passes.", "established"),
    ("The river burst its banks on Monday, flooding 40 homes in the lower town.", "established"),
    ("The transport ministry said 35 roads remained closed because of ice.", "attributed"),
    ("The fire brigade said crews had pumped water from 60 cellars since Sunday.", "attributed"),
]
NEW_FORECASTS = [
    "The weather service forecast 40 centimetres of snow for the mountain passes on Sunday.",
    "The agency's outlook calls for a drier than usual spring across the southern plains.",
    "The met office projected wind gusts of up to 120 km/h along the western coast.",
    "Forecasters expect the cold snap to last into the first week of March.",
    "Heavy rain is forecast for the coastal districts on Wednesday night.",
]


def p_hedged(model, texts):
    return model.predict_proba(texts)[:, list(model.classes_).index("hedged")]


def test_base_default_retraining_moves_predictions_toward_the_desk_labels(tmp_path, capsys):
    desk = tmp_path / "weather_desk.jsonl"
    desk.write_text("\n".join(json.dumps({"text": t, "label": y}) for t, y in DESK_EXAMPLES) + "\n")
    before = load_model("default")

    code = main(["train", str(desk), "--base", "default", "--cv", "0", "-o", str(tmp_path / "ours")])
    assert code == 0
    after = load_model(tmp_path / "ours")

    assert after.metadata_["training_data"]["statements"] > len(DESK_EXAMPLES) + 2000  # extended, not replaced
    gain = p_hedged(after, NEW_FORECASTS) - p_hedged(before, NEW_FORECASTS)
    assert np.all(gain > 0), gain
    assert gain.mean() > 0.15  # 0.18 with the schema-7 default model (0.2+ before)
    hedged_before = (before.predict(NEW_FORECASTS) == "hedged").sum()
    hedged_after = (after.predict(NEW_FORECASTS) == "hedged").sum()
    assert hedged_after > hedged_before
    # the rest of the news the model knows is not thrown away
    assert after.predict(["The rebels claimed they had shot down a jet."])[0] in ("hedged", "unsupported")
