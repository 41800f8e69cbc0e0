"""Agreement between the two reviewers per checklist item: the share of dossiers on which they
gave the same answer and Cohen's kappa, the agreement beyond what chance would give.

kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement expected
from each reviewer's own answer frequencies. The kappa comes from scikit-learn; when both
reviewers used one and the same answer throughout, p_e is 1 and kappa is undefined (None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Landis & Koch (1977), the usual reading of kappa.
BANDS: list[tuple[float, Promise]] = [
    (0.0, _("poor")),
    (0.20, _("slight")),
    (0.40, _("fair")),
    (0.60, _("moderate")),
    (0.80, _("substantial")),
    (1.0, _("almost perfect")),
]


@dataclass(frozen=True)
class Agreement:
    pairs: int
    agreed: int
    kappa: float | None

    @property
    def observed(self) -> float | None:
        return self.agreed / self.pairs if self.pairs else None


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa for two raters' nominal answers on the same items; None when undefined
    (no pairs, or both raters gave a single identical answer to everything)."""
    if len(first) != len(second):
        raise ValueError("Both reviewers must answer the same dossiers.")
    if not first or len(set(first) | set(second)) < 2:
        return None
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(list(first), list(second)))


def agreement(first: Sequence[str], second: Sequence[str]) -> Agreement:
    agreed = sum(a == b for a, b in zip(first, second, strict=True))
    return Agreement(pairs=len(first), agreed=agreed, kappa=cohen_kappa(first, second))


def band(kappa: float) -> Promise:
    """The Landis & Koch band the kappa falls in (below 0: poor)."""
    for upper, label in BANDS:
        if kappa <= upper:
            return label
    return BANDS[-1][1]
