"""Check-worthiness as CheckThat! measures it: each debate ranks its own sentences; MAP over debates.

`lodo` figures are leave-one-debate-out: the committed model's recipe is refitted once per debate
without that debate (and without any training sentence duplicating one of its sentences), so each
debate is scored by a model that never saw it. `committed` scores every debate with the committed
model as it is; that model was trained on these debates, so the figure is not held out (it is there
to compare with models trained without them).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsprobe.claims.scorer import CheckworthinessModel, default_model
from newsprobe.evaluate import checkthat
from newsprobe.evaluate.ranking import average_precision


@dataclass(frozen=True)
class DebateFigures:
    mode: str  # "lodo" or "committed"
    recipe: str
    per_debate: dict[str, float]
    sizes: dict[str, tuple[int, int]]  # sentences, check-worthy

    @property
    def map(self) -> float:
        return float(np.mean(list(self.per_debate.values())))

    def as_dict(self) -> dict:
        return {"mode": self.mode, "recipe": self.recipe, "map": round(self.map, 4),
                "per_debate_ap": {k: round(v, 4) for k, v in self.per_debate.items()}}

    def lines(self) -> list[str]:
        aps = np.asarray(list(self.per_debate.values()))
        held = ("leave-one-debate-out: each debate scored by a model trained without it"
                if self.mode == "lodo" else
                "committed model, trained on these debates: NOT held out")
        rows = [f"{'debate':34s} {'sentences':>9s} {'positives':>9s} {'AP':>7s}"]
        rows += [f"{name:34s} {self.sizes[name][0]:9d} {self.sizes[name][1]:9d} {ap:7.4f}"
                 for name, ap in self.per_debate.items()]
        rows.append(f"MAP {self.map:.4f} over {len(aps)} debates ({held}); AP median "
                    f"{np.median(aps):.4f}, min {aps.min():.4f}, max {aps.max():.4f}; recipe: {self.recipe}")
        return rows


def _sizes(debates: list[checkthat.Debate]) -> dict[str, tuple[int, int]]:
    return {d.name: (len(d.lines), sum(d.labels)) for d in debates}


def committed_figures(folder: Path, model: CheckworthinessModel | None = None) -> DebateFigures:
    from newsprobe.train.claims import debate_context

    model = model or default_model()
    debates = checkthat.load_debates(folder)
    per_debate = {d.name: average_precision(np.asarray(d.labels), model.score(d.texts, debate_context(d)))
                  for d in debates}
    return DebateFigures("committed", model.meta.get("recipe", "?"), per_debate, _sizes(debates))


def lodo_figures(folder: Path, claimbuster: Path, model: CheckworthinessModel | None = None,
                 log=lambda _: None) -> DebateFigures:  # noqa: ANN001
    """Refit the committed model's recipe once per held-out debate (the text model, fitted on
    ClaimBuster alone, once; the debate head once per fold)."""
    from newsprobe.train.claims import Recipe, load_data, lodo

    model = model or default_model()
    recipe = Recipe(**model.meta["recipe_params"])
    data = load_data(claimbuster, folder, log=log)
    result = lodo(data, recipe, log)
    return DebateFigures("lodo", recipe.label(), result.per_debate, _sizes(data.debates))
