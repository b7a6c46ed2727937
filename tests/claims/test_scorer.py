"""The committed check-worthiness model: loads, ranks the obvious right, survives bad input."""
import json

import numpy as np
import pytest

from newsprobe.claims.scorer import MODEL_DIR, CheckworthinessModel, default_model
from newsprobe.errors import Code, NewsprobeError


def test_scores_rank_claims_above_chatter():
    model = default_model()
    claims = ["The unemployment rate fell from 10 percent to 4.7 percent over the last eight years.",
              "We have cut taxes for 95 percent of working families, the biggest cut since 1981.",
              "Tens of millions of people attended the funeral, unprecedented since World War II."]
    chatter = ["Thank you very much, it is a pleasure to be here tonight.",
               "I think we need to do better for our children.",
               "Well, let me just say this."]
    scores = model.score(claims + chatter)
    assert scores.shape == (6,) and ((scores >= 0) & (scores <= 1)).all()
    assert scores[:3].min() > scores[3:].max()
    assert scores[:3].min() >= model.threshold > scores[3:].max()


@pytest.mark.parametrize("text", ["", "Yes.", "TAXES", "THE ECONOMY GREW BY 4 PERCENT LAST YEAR UNDER OUR PLAN",
                                  "Name | Votes | Share | Alice | 1,200 | 40% | Bob | 900 | 30%",
                                  "1. Taxes 2. Jobs 3. Health 4. Crime 5. 2016 6. 2020 7. 8. 9.", "\u00e9" * 5000])
def test_bad_input_scores_low(text):
    model = default_model()
    [score] = model.score([text])
    assert 0.0 <= score < model.claim_threshold <= model.threshold


def test_empty_batch():
    assert default_model().score([]).shape == (0,)


def test_stale_model_is_refused(tmp_path):
    for name in ("weights.npz", "vocabulary.json.gz"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes())
    settings = json.loads((MODEL_DIR / "settings.json").read_text())
    settings["features_fingerprint"] = "0" * 16
    (tmp_path / "settings.json").write_text(json.dumps(settings))
    with pytest.raises(NewsprobeError) as error:
        CheckworthinessModel.load(tmp_path)
    assert error.value.code == Code.CLAIMS_MODEL_STALE


def test_missing_model_is_coded(tmp_path):
    with pytest.raises(NewsprobeError) as error:
        CheckworthinessModel.load(tmp_path)
    assert error.value.code == Code.CLAIMS_MODEL_MISSING


def test_outlet_voice_news_claim_is_checkworthy():
    """A news claim from the reference article (relayed in a quote) passes the claims threshold."""
    model = default_model()
    [score] = model.score(["In Yemen, the Resistance front is advancing."])
    assert score >= model.claim_threshold


def test_debate_head_uses_context_and_plain_sentences_ignore_it():
    from newsprobe.claims.context import Utterance, transcript_features

    model = default_model()
    assert len(model.head), "the committed model carries a debate head"
    texts = ["What is your plan on taxes?", "We cut taxes by 3 trillion dollars in 2017.", "Thank you."]
    speakers = ["MODERATOR", "CANDIDATE", "MODERATOR"]
    context = transcript_features([Utterance(s, t) for s, t in zip(speakers, texts)])
    plain, debate = model.score(texts), model.score(texts, context)
    assert np.array_equal(plain, model.score(texts, None))
    assert not np.allclose(plain, debate)
    assert debate[1] > max(debate[0], debate[2])
