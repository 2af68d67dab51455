"""The postsecondary plan: which path after high school, where to (programs, schools,
employers), the student's aspiration in their own words, and the shortlisted careers it leads to.

The steps that lead there (applications, financial aid, admission tests) are ActionSteps with no
goal (see plans.py), so they show in "who does what" with every other step.
"""

from __future__ import annotations

from dataclasses import dataclass

PATHWAYS: tuple[str, ...] = (
    "undecided",
    "four_year",
    "two_year",
    "apprenticeship",
    "military",
    "workforce",
    "certificate",
)
PATHWAY_LABELS: dict[str, str] = {
    "undecided": "Undecided",
    "four_year": "Four-year college or university",
    "two_year": "Two-year college",
    "apprenticeship": "Apprenticeship",
    "military": "Military",
    "workforce": "Straight into work",
    "certificate": "Certificate or technical program",
}
TARGET_KINDS: tuple[str, ...] = ("program", "school", "employer")
TARGET_KIND_LABELS: dict[str, str] = {
    "program": "Program",
    "school": "School or college",
    "employer": "Employer",
}
MAX_ASPIRATION = 2000
MAX_NAME = 200
MAX_NOTE = 1000


@dataclass(frozen=True)
class Target:
    """A program, school or employer the student is aiming for."""

    kind: str
    name: str
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CareerLink:
    """A shortlisted career the plan leads to; the title as it read when linked."""

    code: str
    title: str


@dataclass(frozen=True)
class PostsecondaryPlan:
    pathway: str = "undecided"
    also_considering: tuple[str, ...] = ()
    aspiration: str = ""  # the student's own words
    targets: tuple[Target, ...] = ()
    careers: tuple[CareerLink, ...] = ()
    updated_on: str = ""

    @property
    def is_empty(self) -> bool:
        return (
            self.pathway == "undecided"
            and not self.also_considering
            and not self.aspiration.strip()
            and not self.targets
            and not self.careers
        )


def validate_target(target: Target) -> dict[str, str]:
    problems: dict[str, str] = {}
    if target.kind not in TARGET_KINDS:
        problems["kind"] = "Choose program, school or college, or employer."
    if not target.name.strip():
        problems["name"] = "Enter the name, for example “Nursing, Valley Community College”."
    elif len(target.name) > MAX_NAME:
        problems["name"] = f"Keep the name under {MAX_NAME} characters; the note has room."
    if len(target.note) > MAX_NOTE:
        problems["note"] = f"Keep the note under {MAX_NOTE:,} characters."
    return problems


def check_plan(plan: PostsecondaryPlan) -> dict[str, str]:
    problems: dict[str, str] = {}
    if plan.pathway not in PATHWAYS:
        problems["pathway"] = "Choose a pathway, or Undecided."
    if any(p not in PATHWAYS or p == "undecided" for p in plan.also_considering):
        problems["also_considering"] = "Choose the other pathways from the list."
    if len(plan.aspiration) > MAX_ASPIRATION:
        problems["aspiration"] = (
            f"The aspiration is {len(plan.aspiration):,} characters; keep it under "
            f"{MAX_ASPIRATION:,}."
        )
    return problems
