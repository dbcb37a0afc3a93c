"""The arithmetic of a department appraisal's votes (部门工作评议, domain.md §11).

A tally is counts per department and voter group (满意, 基本满意, 不满意, 弃权, 不了解, with
members and present). Nothing here records who voted: there is no rater anywhere (背靠背, §10).
Group score = Σ count × vote.points ÷ (满意 + 基本满意 + 不满意); vote value = Σ group weight ×
score ÷ Σ weights; level by the majority rule over `vote.base`. Stdlib only.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from docket.core import messages as msg
from docket.core.errors import BadInput

LEVELS = ("满意", "基本满意", "不满意")
COUNT_LABELS = {"satisfied": "满意", "basic": "基本满意", "dissatisfied": "不满意", "abstain": "弃权",
                "unknown": "不了解"}
FIELD_LABELS = {"members": "应到人数", "present": "实到人数", **COUNT_LABELS}
TALLY_FIELDS = tuple(FIELD_LABELS)  # a tally's counts in the order they are stored and shown


@dataclass(frozen=True, slots=True)
class Tally:
    members: int
    present: int
    satisfied: int
    basic: int
    dissatisfied: int
    abstain: int = 0
    unknown: int = 0

    @property
    def valid(self) -> int:
        return self.satisfied + self.basic + self.dissatisfied

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong): counts ≤ present ≤ members, none negative. A total over the
        present is the field "votes" (every count together)."""
        errors = []
        for key in ("members", "present", *COUNT_LABELS):
            v = getattr(self, key)
            if v < 0:
                errors.append((key, msg.TALLY_NEGATIVE.format(field=FIELD_LABELS[key], value=v)))
        if self.present > self.members:
            errors.append(("present", msg.TALLY_PRESENT_OVER.format(present=self.present, members=self.members)))
        counted = self.valid + self.abstain + self.unknown
        if counted > self.present:
            errors.append(("votes", msg.TALLY_VOTES_OVER.format(
                satisfied=self.satisfied, basic=self.basic, dissatisfied=self.dissatisfied,
                abstain=self.abstain, unknown=self.unknown, counted=counted, present=self.present)))
        return errors

    def check(self, where: str) -> None:
        """Counts ≤ present ≤ members, none negative; every problem at once."""
        errors = [text for _, text in self.problems()]
        if errors:
            raise BadInput(msg.TALLY_BAD.format(where=where), errors)


def group_score(t: Tally, points: dict[str, Fraction]) -> Fraction | None:
    """Σ count × points ÷ valid; 弃权 and 不了解 left out. 15/10/4 → 2100/29."""
    if not t.valid:
        return None
    return (t.satisfied * points["满意"] + t.basic * points["基本满意"]
            + t.dissatisfied * points["不满意"]) / t.valid


def rate(t: Tally) -> Fraction | None:
    return Fraction(t.satisfied + t.basic, t.valid) if t.valid else None


def level(t: Tally, base: str) -> str | None:
    """满意 if 满意 > ½ base, else 基本满意 if 满意 + 基本满意 > ½ base, else 不满意 (镇海)."""
    b = {"all": t.members, "present": t.present, "valid": t.valid}[base]
    if not b:
        return None
    half = Fraction(b, 2)
    if t.satisfied > half:
        return "满意"
    if t.satisfied + t.basic > half:
        return "基本满意"
    return "不满意"


def vote_value(groups: list[tuple[Fraction, Fraction | None]]) -> Fraction | None:
    """Σ weight × score ÷ Σ weight over the groups that have a score."""
    have = [(w, s) for w, s in groups if s is not None]
    if not have:
        return None
    return sum((w * s for w, s in have), Fraction(0)) / sum((w for w, _ in have), Fraction(0))


# -- rates as printed (issue 13 item 4): exact from the counts, printed by core.numbers.percent --

def group_rate(group: dict) -> Fraction | None:
    """One voter group's 满意率 from its counts as `results` lists them: exact (the listed "rate"
    is rounded to four places), for `percent`, as the documents print it."""
    return rate(Tally(*(group[k] for k in Tally.__slots__)))


def vote_rate(department: dict) -> Fraction | None:
    """A department's 满意率 over the counts of all its tallied groups, exact (as `results`)."""
    groups = department["vote"]["groups"]
    return rate(Tally(*(sum(g[k] for g in groups) for k in Tally.__slots__)))
