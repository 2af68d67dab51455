"""The top of the plan: who the student is (from self-exploration and the shortlist) beside the
plan at a glance (goals, steps, credits, the path after high school), so the page opens as one
plan a family can follow rather than a pile of forms."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ...domain.courses import CreditAudit, credit_text
from ...domain.interests import TYPE_NAMES, Inventory
from ...domain.plans import GOAL_STATUS_LABELS, GOAL_STATUSES, ActionStep, Goal
from ...domain.postsecondary import PATHWAY_LABELS, PostsecondaryPlan
from ...domain.self_exploration import Checklists, SelfExplorationProfile
from ...domain.shortlist import ShortlistEntry
from ...domain.students import Student
from ..look import heading
from ..models.attempts_model import format_date

SHOWN = 5  # strengths, supports and careers listed before "and N more"
WARN = "#b3261e"
TO_PLAN = "#7a4f01"


@dataclass(frozen=True)
class PlanFacts:
    """What the summary reads; gathered by the tab from the stores."""

    student: Student
    profile: SelfExplorationProfile
    shortlist: Sequence[ShortlistEntry]
    goals: Sequence[Goal]
    steps: Sequence[ActionStep]
    audit: CreditAudit | None
    postsecondary: PostsecondaryPlan
    today: dt.date


def _list(texts: Sequence[str]) -> str:
    shown = [html.escape(t) for t in texts[:SHOWN]]
    more = len(texts) - SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _line(label: str, value: str) -> str:
    return f"<p style='margin: 0 0 6px 0'><b>{label}</b> {value}</p>"


def _muted(text: str) -> str:
    return f"<span style='color:#5f6368'>{html.escape(text)}</span>"


def interests_text(profile: SelfExplorationProfile, inventory: Inventory) -> str:
    for attempt in profile.finished_attempts:
        result = attempt.result(inventory)
        if result.code is None:
            continue
        names = [TYPE_NAMES["en"][letter] for letter in result.ranked[:3]]
        day = dt.date.fromisoformat((attempt.finished_at or attempt.started_at)[:10])
        return (
            f"{html.escape(', '.join(names))} (code {html.escape(result.code_display or '')}), "
            f"from the inventory of {format_date(day)}"
        )
    return _muted("No interest inventory yet: take it together on the Self-exploration tab.")


def who_html(facts: PlanFacts, inventory: Inventory, checklists: Checklists) -> str:
    profile = facts.profile
    parts = [_line("Interests:", interests_text(profile, inventory))]
    strengths = [checklists.text(i) for i in profile.items_of("strength")]
    parts.append(
        _line("Strengths:", _list(strengths) if strengths else _muted("none recorded yet"))
    )
    learning = [checklists.text(i) for i in profile.items_of("learning")]
    if learning:
        parts.append(_line("Learns best:", _list(learning)))
    supports = [
        checklists.text(s) + (f" ({s.provided_by})" if s.provided_by else "")
        for s in profile.supports
        if s.active
    ]
    on_file = [
        label
        for attr, label in (("iep", "IEP"), ("plan_504", "504 plan"))
        if getattr(facts.student, attr)
    ]
    support_text = _list(supports) if supports else _muted("none recorded")
    if on_file:
        support_text += _muted(
            f" · {' and '.join(on_file)} on file (a separate document; its accommodations "
            "are not repeated here)"
        )
    parts.append(_line("Supports that help:", support_text))
    careers = [e.title for e in facts.shortlist]
    parts.append(
        _line(
            "Careers on the shortlist:",
            _list(careers)
            if careers
            else _muted("none yet: explore them on the Career exploration tab"),
        )
    )
    return "".join(parts)


def glance_html(facts: PlanFacts) -> str:
    today = facts.today
    parts = []
    if facts.goals:
        counts = {s: sum(1 for g in facts.goals if g.status == s) for s in GOAL_STATUSES}
        said = [
            f"{n} {GOAL_STATUS_LABELS[s].lower()}"
            for s, n in counts.items()
            if n and s != "dropped"
        ]
        at_risk = counts["at_risk"]
        text = f"{len(facts.goals)} ({', '.join(said)})" if said else str(len(facts.goals))
        if at_risk:
            text = text.replace(
                f"{at_risk} at risk", f"<span style='color:{WARN}'><b>{at_risk} at risk</b></span>"
            )
        parts.append(_line("Goals:", text))
    else:
        parts.append(_line("Goals:", _muted("none yet: start with one goal in each area")))
    open_steps = [s for s in facts.steps if s.is_open]
    overdue = [s for s in open_steps if s.is_overdue(today)]
    steps = f"{len(open_steps)} open"
    if overdue:
        steps += f", <span style='color:{WARN}'><b>{len(overdue)} overdue</b></span>"
    parts.append(_line("Action steps:", steps if facts.steps else _muted("none yet")))
    audit = facts.audit
    if audit is not None:
        total = audit.total
        credits = (
            f"{credit_text(total.earned)} of {credit_text(total.required)} earned, "
            f"{credit_text(total.enrolled)} in progress, {credit_text(total.planned)} planned"
        )
        if audit.on_plan:
            credits += " · on plan to graduate"
        elif audit.unplanned:
            credits += (
                f" · <span style='color:{TO_PLAN}'><b>{credit_text(total.short)} still to plan"
                "</b></span>"
            )
        else:
            short = sum(1 for line in audit.lines if line.state == "short")
            areas = f"{short} subject area" + ("s" if short != 1 else "")
            credits += (
                f" · <span style='color:{WARN}'><b>{areas} short even with the plan</b></span>"
                " (see the course plan)"
                if short
                else f" · <span style='color:{WARN}'><b>short of the total</b></span>"
            )
        parts.append(_line("Credits:", credits))
    plan = facts.postsecondary
    pathway = PATHWAY_LABELS.get(plan.pathway, plan.pathway)
    if plan.also_considering:
        pathway += "; also considering " + ", ".join(
            PATHWAY_LABELS[p].lower() for p in plan.also_considering if p in PATHWAY_LABELS
        )
    parts.append(_line("After high school:", html.escape(pathway)))
    if plan.aspiration.strip():
        words = " ".join(plan.aspiration.split())
        if len(words) > 220:
            words = words[:217].rsplit(" ", 1)[0] + "…"
        parts.append(_line("In their words:", f"<i>“{html.escape(words)}”</i>"))
    return "".join(parts)


class PlanSummary(QFrame):
    def __init__(
        self, inventory: Inventory, checklists: Checklists, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.inventory = inventory
        self.checklists = checklists
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("planSummary")
        self.setStyleSheet("QFrame#planSummary { background: #f6f8fb; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(28)
        self.who_title = QLabel(self)
        self.glance_title = QLabel("The plan at a glance", self)
        for label in (self.who_title, self.glance_title):
            heading(label, 1.15)
        self.who = QLabel(self)
        self.glance = QLabel(self)
        for label in (self.who, self.glance):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.who_title, 0, 0)
        grid.addWidget(self.glance_title, 0, 1)
        grid.addWidget(self.who, 1, 0)
        grid.addWidget(self.glance, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def set_facts(self, facts: PlanFacts) -> None:
        name = facts.student.preferred_name or facts.student.first_name
        self.who_title.setText(f"Who {name} is")
        self.who.setText(who_html(facts, self.inventory, self.checklists))
        self.glance.setText(glance_html(facts))
