"""The span encoder at inference: windows follow the parse's sentences, every piece gets a probability."""
import numpy as np

from newsprobe.techniques.encoder import SpanEncoder
from newsprobe.techniques.predictor import MODEL_DIR


class Recorder:
    """Stands in for the ONNX session: records the window each call gets, returns zero logits."""

    def __init__(self) -> None:
        self.lengths: list[int] = []

    def run(self, _outputs: None, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        self.lengths.append(int(feeds["attention_mask"].sum()) - 2)  # without [CLS] and [SEP]
        return [np.zeros(feeds["input_ids"].shape)]


def test_windows_end_at_sentence_starts_of_the_parse(nlp):
    sentence = "The minister said the plan would be ready next week, and the council agreed with him. "
    doc = nlp(sentence * 40)
    encoder = SpanEncoder(MODEL_DIR / "tagger.onnx")
    encoder.session = Recorder()
    probs = encoder.token_probs(doc)
    assert len(probs) == len(doc)
    per_sentence = len(encoder.tokenizer.encode(sentence.strip(), add_special_tokens=False).ids)
    lengths = encoder.session.lengths
    assert sum(lengths) == per_sentence * 40
    assert all(length % per_sentence == 0 and length <= 254 for length in lengths), lengths
    assert lengths[0] == per_sentence * (254 // per_sentence)
