from wirescope.nlp.entity_typer import TyperModel, load_model, span_features


def test_features_describe_span_and_context() -> None:
    feats = span_features(["Marco", "Pantani"], ["zei"], ["dat", "hij"], initial=False, common=[False, False])
    assert {"w:marco", "last:pantani", "s3:ani", "prev:zei", "next:dat", "len:2"} <= set(feats)
    assert "initial" not in feats


def test_probabilities_follow_weights() -> None:
    model = TyperModel(classes=("O", "PER"), bias=(0.0, 0.0), weights={"s3:ani": (-1.0, 2.0)})
    probs = model.probabilities(["s3:ani", "unknown"])
    assert probs["PER"] > 0.9
    assert abs(sum(probs.values()) - 1.0) < 1e-9


def test_shipped_model_types_a_surname_in_context() -> None:
    model = load_model()
    assert model is not None
    feats = span_features(["Verhoeven"], ["zegt"], [",", "die"], initial=False, common=[False])
    probs = model.probabilities(feats)
    assert max(probs, key=lambda k: probs[k]) == "PER"
