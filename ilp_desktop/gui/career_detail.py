"""One career, readable with the student: how it fits, what it is, what it takes, where from."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.career_clusters import CLASSIC, MODERN, classic_clusters, modern_clusters
from ..domain.career_library import ONET_LICENSE_URL, CareerLibrary
from ..domain.career_matching import Match, StudentInterests, explain
from ..domain.careers import EDUCATION_LEVELS, JOB_ZONE_EXPLAINED, OUTLOOKS, Career
from .career_profile_chart import CareerProfileChart
from .look import heading

MAX_TASKS = 6
MAX_OTHER_TITLES = 10


def _label(parent: QWidget, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CareerDetail(QScrollArea):
    """The selected career. Emits ``related_chosen(code)`` for a clicked related occupation and
    ``shortlist_toggled(code, add)`` for the shortlist button."""

    related_chosen = Signal(str)
    shortlist_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("careerDetail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 8, 12, 12)
        self.empty = _label(page)
        self.empty.setText("Choose a career in the list to see it here.")
        self.title = _label(page)
        heading(self.title, 1.35)
        self.subtitle = _label(page)
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        self.shortlist_button = QPushButton(page)
        self.shortlist_button.setObjectName("shortlistButton")
        self.shortlist_button.clicked.connect(self._toggle_shortlist)
        buttons.addWidget(self.shortlist_button)
        buttons.addStretch(1)
        self.fit_title = _label(page)
        heading(self.fit_title, 1.1)
        self.fit_text = _label(page)
        self.chart = CareerProfileChart(page)
        self.description = _label(page)
        self.tasks_title = _label(page)
        heading(self.tasks_title, 1.1)
        self.tasks_title.setText("What the work involves")
        self.tasks = _label(page, rich=True)
        facts_box = QWidget(page)
        self.facts = QFormLayout(facts_box)
        self.facts.setContentsMargins(0, 4, 0, 4)
        self.facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.preparation = _label(page)
        self.education = _label(page)
        self.wage = _label(page)
        self.outlook = _label(page)
        self.clusters = _label(page)
        self.other_titles = _label(page)
        for name, widget in (
            ("Preparation", self.preparation),
            ("Typical education", self.education),
            ("Median pay", self.wage),
            ("Job outlook", self.outlook),
            ("Career clusters", self.clusters),
            ("Also called", self.other_titles),
        ):
            self.facts.addRow(f"<b>{name}</b>", widget)
        self.related_title = _label(page)
        heading(self.related_title, 1.1)
        self.related_title.setText("Related careers")
        self.related = _label(page, rich=True)
        self.related.setObjectName("relatedCareers")
        self.related.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.related.linkActivated.connect(self.related_chosen)
        self.source = _label(page, rich=True)
        self.source.setStyleSheet("color: palette(placeholder-text);")
        for widget in (self.empty, self.title, self.subtitle):
            column.addWidget(widget)
        column.addLayout(buttons)
        for widget in (
            self.fit_title,
            self.fit_text,
            self.chart,
            self.description,
            self.tasks_title,
            self.tasks,
            facts_box,
            self.related_title,
            self.related,
            self.source,
        ):
            column.addWidget(widget)
        column.addStretch(1)
        self.setWidget(page)
        self._content = [w for w in page.findChildren(QWidget) if w is not self.empty]
        self.career: Career | None = None
        self._on_shortlist = False
        self.show_career(None, None, None, None, False)

    def show_career(
        self,
        career: Career | None,
        found: Match | None,
        interests: StudentInterests | None,
        library: CareerLibrary | None,
        on_shortlist: bool,
    ) -> None:
        self.career = career
        self._on_shortlist = on_shortlist
        self.empty.setVisible(career is None)
        for widget in self._content:
            widget.setVisible(career is not None)
        if career is None or library is None:
            return
        self.title.setText(career.title)
        sub = [f"O*NET-SOC {career.code}"]
        if career.code_letters:
            sub.append(f"Interest code {career.code_letters}")
        if career.title_es:
            sub.append(f"En español: {career.title_es}")
        self.subtitle.setText(" · ".join(sub))
        self.set_on_shortlist(on_shortlist)
        self._show_fit(career, found, interests)
        self.description.setText(career.description or "No description in this library.")
        self.tasks_title.setVisible(bool(career.tasks))
        self.tasks.setVisible(bool(career.tasks))
        self.tasks.setText(
            "<ul style='margin-left:-20px'>"
            + "".join(f"<li>{escape(t)}</li>" for t in career.tasks[:MAX_TASKS])
            + "</ul>"
        )
        self._show_facts(career, library)
        related = library.related(career)
        self.related_title.setVisible(bool(related))
        self.related.setVisible(bool(related))
        self.related.setText(
            " · ".join(f"<a href='{escape(r.code)}'>{escape(r.title)}</a>" for r in related)
        )
        self.source.setText(self._source_text(career, library))
        self.verticalScrollBar().setValue(0)

    def set_on_shortlist(self, on_shortlist: bool) -> None:
        self._on_shortlist = on_shortlist
        self.shortlist_button.setText(
            "✓ On the shortlist (remove)" if on_shortlist else "Add to shortlist"
        )

    def _toggle_shortlist(self) -> None:
        if self.career is not None:
            self.shortlist_toggled.emit(self.career.code, not self._on_shortlist)

    def _show_fit(
        self, career: Career, found: Match | None, interests: StudentInterests | None
    ) -> None:
        if interests is None:
            self.fit_title.setText("Interest profile")
            self.fit_text.setText(
                "Type the student's interest code above, or record an interest inventory, to "
                "see how this career fits."
            )
        else:
            self.fit_title.setText(
                "How it fits" if found is None or found.fit is None else f"Fit {found.fit}"
            )
            parts = [found.reason + "." if found and found.reason else ""]
            if found is not None:
                parts.append(explain(found))
            self.fit_text.setText("\n".join(p for p in parts if p))
        scores = interests.scores if interests is not None else None
        code = interests.code if interests is not None else ""
        self.chart.set_profiles(career.ratings, scores, code)

    def _show_facts(self, career: Career, library: CareerLibrary) -> None:
        from_starter = career.filled_from_starter
        starter = library.starter
        if career.job_zone is None:
            self.preparation.setText("Not rated in this library.")
        else:
            zone = library.job_zones.get(career.job_zone)
            name = zone.name if zone else f"Job Zone {career.job_zone}"
            self.preparation.setText(f"{name}. {JOB_ZONE_EXPLAINED[career.job_zone]}")
        education = EDUCATION_LEVELS.get(career.education or "", "")
        if education and "education" in from_starter:
            education += " (from the starter library)"
        self.education.setText(education or "Not in this library.")
        if career.median_wage is None:
            self.wage.setText("Not in this library.")
        else:
            note = f"May {career.wage_year}" if career.wage_year else ""
            if career.source == "starter" or "median_wage" in from_starter:
                note = f"May {career.wage_year}, starter library; local pay differs"
            self.wage.setText(f"${career.median_wage:,} a year ({note})")
            self.wage.setToolTip(starter.wage_note)
        if career.outlook is None:
            self.outlook.setText("Not in this library.")
        else:
            self.outlook.setText(f"{OUTLOOKS[career.outlook]} ({starter.outlook_period})")
            self.outlook.setToolTip(starter.outlook_note)
        lines = []
        places = {p.cluster: p.pathway for p in career.clusters}
        classic = [
            CLASSIC[c] + (f" ({places[c]})" if places.get(c) else "")
            for c in classic_clusters(career)
        ]
        if classic:
            estimated = ""
            if career.clusters_estimated:
                estimated = " (estimated from the occupation group)"
            lines.append("Classic: " + "; ".join(classic) + estimated)
            lines.append("2024: " + "; ".join(MODERN[m] for m in modern_clusters(career)))
        self.clusters.setText("\n".join(lines) or "None in this library.")
        others = list(career.alternate_titles[:MAX_OTHER_TITLES])
        more = len(career.alternate_titles) - len(others)
        self.other_titles.setText(", ".join(others) + (f" and {more} more" if more > 0 else ""))
        self.other_titles.setVisible(bool(others))
        self.facts.labelForField(self.other_titles).setVisible(bool(others))

    @staticmethod
    def _source_text(career: Career, library: CareerLibrary) -> str:
        if career.source == "onet" and library.release is not None:
            release = library.release
            filled = ""
            if career.filled_from_starter & {"median_wage", "outlook", "education"}:
                filled = " Pay and outlook come from the starter library."
            return (
                f"Source: {escape(release.label)}"
                f"{' (' + escape(release.released) + ')' if release.released else ''}."
                f"{filled} {escape(release.attribution)} "
                f"License: CC BY 4.0, {ONET_LICENSE_URL}"
            )
        return f"Source: {escape(library.starter.name)}."
