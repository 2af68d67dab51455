"""The starter library, the crosswalk, and how an import and the starter library combine."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from ilp_desktop import bundled
from ilp_desktop.domain.career_clusters import (
    CLASSIC,
    CLASSIC_PATHWAYS,
    MODERN,
    classic_cluster_id,
    classic_clusters,
    crosswalk_table,
    modern_clusters,
)
from ilp_desktop.domain.career_library import (
    ImportedLibrary,
    ReleaseInfo,
    StarterLibraryError,
    assemble,
    load_starter,
)
from ilp_desktop.domain.careers import Career, ClusterPlace, JobZone

from onet_fixtures import real_onet_dir


@pytest.fixture(scope="module")
def starter():  # type: ignore[no-untyped-def]
    return bundled.starter_library()


def test_starter_library_covers_what_the_issue_asks(starter) -> None:  # type: ignore[no-untyped-def]
    careers = starter.careers
    assert len(careers) >= 200
    assert {z for c in careers for z in [c.job_zone]} == {1, 2, 3, 4, 5}
    clusters = Counter(x for c in careers for x in classic_clusters(c))
    assert set(clusters) == set(CLASSIC)
    assert min(clusters.values()) >= 10  # every cluster has something to browse
    assert set(Counter(m for c in careers for m in modern_clusters(c))) == set(MODERN)
    for career in careers:
        assert career.ratings is not None and len(career.code_letters) == 3
        assert 15 <= len(career.description.split()) <= 80, career.code
        assert career.education and career.outlook and career.title_es
        assert career.related, career.code
    assert starter.source.wage_year == 2023 and starter.source.written >= 2025


def test_starter_library_rejects_a_broken_entry(starter) -> None:  # type: ignore[no-untyped-def]
    good = {
        "code": "15-1252.00",
        "title": "Software Developers",
        "description": "Write programs.",
        "ratings": {"R": 3, "I": 6, "A": 3, "S": 2, "E": 2, "C": 5},
        "job_zone": 4,
        "education": "bachelors",
        "median_wage": 1,
        "outlook": "faster",
        "clusters": [{"cluster": "it", "pathway": "Programming and Software Development"}],
    }
    source = {
        "name": "x",
        "written": 2026,
        "wage_year": 2023,
        "wage_note": "",
        "outlook_period": "",
        "outlook_note": "",
    }
    assert load_starter({"source": source, "careers": [good]}).careers[0].high_point == "ICR"
    for change, message in (
        ({"code": "15-1252"}, "not an O\\*NET-SOC code"),
        ({"ratings": {"R": 8, "I": 6, "A": 3, "S": 2, "E": 2, "C": 5}}, "outside 1-7"),
        ({"job_zone": 6}, "job zone 6"),
        ({"education": "phd"}, "education"),
        ({"clusters": [{"cluster": "space"}]}, "16 classic clusters"),
        ({"clusters": [{"cluster": "it", "pathway": "Welding"}]}, "pathway"),
    ):
        with pytest.raises(StarterLibraryError, match=message):
            load_starter({"source": source, "careers": [{**good, **change}]})
    with pytest.raises(StarterLibraryError, match="twice"):
        load_starter({"source": source, "careers": [good, good]})


def test_crosswalk_places_every_pathway() -> None:
    rows = crosswalk_table()
    assert len(rows) == sum(len(p) for p in CLASSIC_PATHWAYS.values())
    assert {r.modern for r in rows if r.modern} | {"digital_technology"} <= set(MODERN)
    # Every 2024 cluster is reachable.
    reached = {r.modern for r in rows if r.modern}
    civil = Career("17-2051.00", "Civil Engineers", clusters=(ClusterPlace("stem", ""),))
    chemist = Career("19-2031.00", "Chemists", clusters=(ClusterPlace("stem", ""),))
    reached |= set(modern_clusters(civil)) | set(modern_clusters(chemist))
    assert reached == set(MODERN)
    assert modern_clusters(civil) == ("construction",)
    assert modern_clusters(chemist) == ("energy_natural_resources",)


def _info() -> ReleaseInfo:
    return ReleaseInfo("29.3", "May 2025", "db_29_3_text.zip", "2026-11-22T10:00:00", 2, 1)


def test_an_import_is_completed_from_the_starter_library(starter) -> None:  # type: ignore[no-untyped-def]
    known = starter.careers[0]
    imported = ImportedLibrary(
        _info(),
        (
            Career(known.code, "Imported title", "O*NET words", source="onet"),
            Career("47-2061.00", "Construction Laborers", source="onet"),
        ),
        {4: JobZone(4, "Job Zone Four: Considerable Preparation Needed")},
    )
    library = assemble(starter, imported)
    assert library.release is not None and library.source_label == "O*NET 29.3"
    assert len(library.careers) == 2
    completed = library.get(known.code)
    assert completed is not None
    assert completed.title == "Imported title" and completed.description == "O*NET words"
    assert completed.median_wage == known.median_wage
    assert completed.outlook == known.outlook
    assert completed.clusters == known.clusters
    assert completed.filled_from_starter >= {"median_wage", "outlook", "clusters"}
    assert completed.title_es == known.title_es
    laborers = library.get("47-2061.00")
    assert laborers is not None
    # Not in the starter library: placed by its SOC group, and marked as estimated.
    if "47-2061.00" not in {c.code for c in starter.careers}:
        assert laborers.clusters_estimated
        assert classic_clusters(laborers) == ("architecture_construction",)
    assert library.job_zones[4].name.startswith("Job Zone Four")
    assert library.job_zones[1].name.startswith("Job Zone 1")  # the project's own text
    assert "CC BY 4.0" in library.release.attribution


def test_without_an_import_the_starter_library_is_the_library(starter) -> None:  # type: ignore[no-untyped-def]
    library = assemble(starter, None)
    assert library.release is None
    assert len(library.careers) == len(starter.careers)
    nurse = next(c for c in library.careers if c.code == "29-1141.00")
    assert library.matches_search(nurse.code, ["nurse"])
    assert library.matches_search(nurse.code, ["enfermer"])  # the Spanish title, no accents


# --- Against the real O*NET files, when they are beside the checkout --------------------------


@pytest.fixture(scope="module")
def onet():  # type: ignore[no-untyped-def]
    folder = real_onet_dir()
    if folder is None:
        pytest.skip("the O*NET files are not beside this checkout")
    return folder


def _onet_occupations(onet) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    path = onet / "db_29_3_text" / "Occupation Data.txt"
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {r["O*NET-SOC Code"]: (r["Title"], r["Description"]) for r in rows}


def test_starter_codes_are_real_onet_codes(starter, onet) -> None:  # type: ignore[no-untyped-def]
    occupations = _onet_occupations(onet)
    unknown = [c.code for c in starter.careers if c.code not in occupations]
    assert unknown == []


def test_starter_descriptions_are_our_own_words(starter, onet) -> None:  # type: ignore[no-untyped-def]
    """No run of eight words in a row is taken from O*NET's description of the same career."""
    occupations = _onet_occupations(onet)

    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z]+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    copied = [
        c.code
        for c in starter.careers
        if c.code in occupations and runs(c.description) & runs(occupations[c.code][1])
    ]
    assert copied == []


def test_every_exported_cluster_and_pathway_is_known(onet) -> None:  # type: ignore[no-untyped-def]
    path = onet / "career_clusters" / "All_Career_Clusters.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        clusters = row["Career Cluster"].split("; ")
        pathways = row["Career Pathway"].split("; ")
        for cluster, pathway in zip(clusters, pathways, strict=True):
            key = classic_cluster_id(cluster)
            assert key is not None, cluster
            assert pathway in CLASSIC_PATHWAYS[key], (cluster, pathway)
