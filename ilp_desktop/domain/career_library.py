"""The career library the app shows: the starter library, or an O*NET import completed by it.

How the two live together (the Sources screen says the same to the counselor):

- With nothing imported, the library is the starter library that ships with the app.
- Once an O*NET release is imported, the library is that release: its occupations, titles,
  descriptions, interest profiles, job zones, related occupations and education. O*NET's text
  release carries no wages, outlook or career clusters; for codes the starter library also
  covers, those come from the starter library, marked as such. Clusters come from the cluster
  file when one was imported with the release, else from the starter library, else they are
  estimated from the occupation's SOC group (and marked estimated).
- A new import replaces the previous one; removing it returns to the starter library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .career_clusters import CLASSIC, CLASSIC_PATHWAYS, estimated_classic
from .careers import (
    EDUCATION_LEVELS,
    OUTLOOKS,
    SOC_CODE_PATTERN,
    Career,
    ClusterPlace,
    JobZone,
    check_ratings,
    default_job_zones,
    high_point_code,
)
from .interests import TYPES
from .text import fold

ONET_ATTRIBUTION = (
    "This information comes from the O*NET {version} Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. ILP Desktop has modified some of the "
    "information (for example, by choosing one typical education level). USDOL/ETA has not "
    "approved, endorsed, or tested these modifications."
)
ONET_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"


class StarterLibraryError(ValueError):
    """The bundled starter library file is not what the app expects (a packaging fault)."""


@dataclass(frozen=True)
class StarterSource:
    name: str
    written: int
    wage_year: int
    wage_note: str
    outlook_period: str
    outlook_note: str


@dataclass(frozen=True)
class StarterLibrary:
    source: StarterSource
    careers: tuple[Career, ...]


@dataclass(frozen=True)
class ReleaseInfo:
    """What was imported, and when."""

    version: str
    released: str
    source_name: str
    imported_at: str
    occupations: int
    with_interests: int
    files: tuple[str, ...] = ()
    clusters_source: str = ""

    @property
    def label(self) -> str:
        return f"O*NET {self.version}"

    @property
    def attribution(self) -> str:
        return ONET_ATTRIBUTION.format(version=self.version)


@dataclass(frozen=True)
class ImportedLibrary:
    info: ReleaseInfo
    careers: tuple[Career, ...]
    job_zones: Mapping[int, JobZone]


class CareerLibrary:
    """The careers on offer, by code, with the search text and the job zone descriptions."""

    def __init__(
        self,
        careers: Sequence[Career],
        job_zones: Mapping[int, JobZone],
        starter: StarterSource,
        release: ReleaseInfo | None = None,
    ) -> None:
        self.careers: tuple[Career, ...] = tuple(sorted(careers, key=lambda c: fold(c.title)))
        self.by_code: dict[str, Career] = {c.code: c for c in self.careers}
        self.job_zones = dict(job_zones)
        self.starter = starter
        self.release = release
        # Folded once: typing in the search box then only compares plain strings.
        self.search_text: dict[str, str] = {
            c.code: fold(" \n".join((c.title, c.title_es, *c.alternate_titles, c.code)))
            for c in self.careers
        }

    @property
    def source_label(self) -> str:
        if self.release is not None:
            return self.release.label
        return self.starter.name

    def get(self, code: str) -> Career | None:
        return self.by_code.get(code)

    def related(self, career: Career) -> list[Career]:
        """Related careers that are in this library, in the order given."""
        return [self.by_code[code] for code in career.related if code in self.by_code]

    def matches_search(self, code: str, folded_words: Sequence[str]) -> bool:
        text = self.search_text.get(code, "")
        return all(word in text for word in folded_words)

    def source_of(self, career: Career) -> str:
        if career.source == "onet" and self.release is not None:
            return self.release.label
        return self.starter.name


# --- The starter library ----------------------------------------------------------------------

_CODE = re.compile(SOC_CODE_PATTERN)


def load_starter(data: Mapping[str, Any]) -> StarterLibrary:
    """Read the starter library (resources/careers/starter.json), checking every entry."""
    try:
        raw_source = data["source"]
        source = StarterSource(
            name=str(raw_source["name"]),
            written=int(raw_source["written"]),
            wage_year=int(raw_source["wage_year"]),
            wage_note=str(raw_source["wage_note"]),
            outlook_period=str(raw_source["outlook_period"]),
            outlook_note=str(raw_source["outlook_note"]),
        )
        entries = data["careers"]
    except (KeyError, TypeError, ValueError) as error:
        raise StarterLibraryError(f"starter library: bad source block ({error})") from error
    careers = []
    seen: set[str] = set()
    for entry in entries:
        career = _starter_career(entry, source)
        if career.code in seen:
            raise StarterLibraryError(f"starter library: {career.code} appears twice")
        seen.add(career.code)
        careers.append(career)
    return StarterLibrary(source, tuple(careers))


def _starter_career(entry: Mapping[str, Any], source: StarterSource) -> Career:
    code = str(entry.get("code", ""))
    where = f"starter library, {code or 'an entry without a code'}"
    try:
        if not _CODE.match(code):
            raise ValueError(f"code {code!r} is not an O*NET-SOC code")
        ratings = {letter: float(entry["ratings"][letter]) for letter in TYPES}
        check_ratings(ratings)
        zone = int(entry["job_zone"])
        if zone not in range(1, 6):
            raise ValueError(f"job zone {zone} is not 1-5")
        education = str(entry["education"])
        if education not in EDUCATION_LEVELS:
            raise ValueError(f"education {education!r} is not one of {list(EDUCATION_LEVELS)}")
        outlook = str(entry["outlook"])
        if outlook not in OUTLOOKS:
            raise ValueError(f"outlook {outlook!r} is not one of {list(OUTLOOKS)}")
        # null where no comparable figure exists (military pay).
        wage = None if entry["median_wage"] is None else int(entry["median_wage"])
        if wage is not None and wage <= 0:
            raise ValueError("median wage must be positive")
        places = tuple(_place(p) for p in entry["clusters"])
        if not places:
            raise ValueError("needs at least one career cluster")
        title = str(entry["title"]).strip()
        description = " ".join(str(entry["description"]).split())
        if not title or not description:
            raise ValueError("needs a title and a description")
        related = tuple(str(c) for c in entry.get("related", ()) if str(c) != code)
        for other in related:
            if not _CODE.match(other):
                raise ValueError(f"related code {other!r} is not an O*NET-SOC code")
    except (KeyError, TypeError, ValueError) as error:
        raise StarterLibraryError(f"{where}: {error}") from error
    return Career(
        code=code,
        title=title,
        title_es=str(entry.get("title_es", "")).strip(),
        description=description,
        ratings=ratings,
        high_point=high_point_code(ratings),
        job_zone=zone,
        education=education,
        median_wage=wage,
        wage_year=source.wage_year if wage is not None else None,
        outlook=outlook,
        clusters=places,
        related=related,
        alternate_titles=tuple(str(t).strip() for t in entry.get("alternate_titles", ())),
        source="starter",
    )


def _place(raw: Mapping[str, Any]) -> ClusterPlace:
    cluster = str(raw["cluster"])
    pathway = str(raw.get("pathway", ""))
    if cluster not in CLASSIC:
        raise ValueError(f"cluster {cluster!r} is not one of the 16 classic clusters")
    if pathway and pathway not in CLASSIC_PATHWAYS[cluster]:
        raise ValueError(f"pathway {pathway!r} is not in cluster {cluster!r}")
    return ClusterPlace(cluster, pathway)


# --- Putting them together -------------------------------------------------------------------


def assemble(starter: StarterLibrary, imported: ImportedLibrary | None) -> CareerLibrary:
    """The library to show: the import completed from the starter library, or the starter."""
    if imported is None or not imported.careers:
        return CareerLibrary(starter.careers, default_job_zones(), starter.source)
    by_code = {c.code: c for c in starter.careers}
    careers = [_completed(c, by_code.get(c.code)) for c in imported.careers]
    zones = dict(default_job_zones())
    zones.update(imported.job_zones)
    return CareerLibrary(careers, zones, starter.source, imported.info)


def _completed(career: Career, starter: Career | None) -> Career:
    filled: set[str] = set()
    changes: dict[str, Any] = {}
    if starter is not None:
        if career.median_wage is None and starter.median_wage is not None:
            changes.update(median_wage=starter.median_wage, wage_year=starter.wage_year)
            filled.add("median_wage")
        if career.outlook is None and starter.outlook is not None:
            changes["outlook"] = starter.outlook
            filled.add("outlook")
        if career.education is None and starter.education is not None:
            changes["education"] = starter.education
            filled.add("education")
        if not career.clusters and starter.clusters:
            changes["clusters"] = starter.clusters
            filled.add("clusters")
        if not career.title_es and starter.title_es:
            changes["title_es"] = starter.title_es
        extra = [t for t in starter.alternate_titles if t not in career.alternate_titles]
        if extra:
            changes["alternate_titles"] = career.alternate_titles + tuple(extra)
    if not career.clusters and "clusters" not in changes:
        place = estimated_classic(career.code)
        if place is not None:
            changes.update(clusters=(place,), clusters_estimated=True)
    if not changes:
        return career
    return replace(career, filled_from_starter=frozenset(filled), **changes)
