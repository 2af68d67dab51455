"""Reading the imported O*NET release back as domain objects (written by :mod:`onet_import`)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from ..domain.career_library import ImportedLibrary, ReleaseInfo
from ..domain.careers import Career, ClusterPlace, JobZone
from ..domain.interests import TYPES


def load_imported(conn: sqlite3.Connection) -> ImportedLibrary | None:
    """The imported release with all its careers, or None when nothing has been imported.

    One query per table, grouped in Python: a full release (about 1,000 careers and 100,000
    titles, tasks and links) loads in a small fraction of a second.
    """
    row = conn.execute(
        "SELECT version, released, source_name, imported_at, occupations, with_interests, "
        "files, clusters_source FROM onet_release WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    info = ReleaseInfo(
        version=row[0],
        released=row[1],
        source_name=row[2],
        imported_at=row[3],
        occupations=row[4],
        with_interests=row[5],
        files=tuple(json.loads(row[6])),
        clusters_source=row[7],
    )
    related: defaultdict[str, list[str]] = defaultdict(list)
    for code, other in conn.execute(
        "SELECT code, related_code FROM onet_related ORDER BY code, position, related_code"
    ):
        related[code].append(other)
    titles: defaultdict[str, dict[str, str]] = defaultdict(dict)
    # Alternate titles first, then the titles workers reported; one of each spelling.
    for code, title in conn.execute(
        "SELECT code, title FROM onet_titles ORDER BY code, kind = 'reported', rowid"
    ):
        titles[code].setdefault(title.casefold(), title)
    tasks: defaultdict[str, list[str]] = defaultdict(list)
    for code, task in conn.execute(
        "SELECT code, task FROM onet_tasks ORDER BY code, core DESC, position"
    ):
        tasks[code].append(task)
    clusters: defaultdict[str, list[ClusterPlace]] = defaultdict(list)
    for code, cluster, pathway in conn.execute(
        "SELECT code, cluster, pathway FROM onet_clusters ORDER BY code, cluster, pathway"
    ):
        clusters[code].append(ClusterPlace(cluster, pathway))
    careers = []
    for code, title, description, *six, high_point, job_zone, education in conn.execute(
        "SELECT code, title, description, r, i, a, s, e, c, high_point, job_zone, education "
        "FROM onet_occupations ORDER BY code"
    ):
        own = titles.get(code, {})
        own.pop(title.casefold(), None)  # the occupation's own title is not an "other" title
        careers.append(
            Career(
                code=code,
                title=title,
                description=description,
                ratings=dict(zip(TYPES, six, strict=True)) if six[0] is not None else None,
                high_point=high_point,
                job_zone=job_zone,
                education=education,
                clusters=tuple(clusters.get(code, ())),
                related=tuple(related.get(code, ())),
                alternate_titles=tuple(own.values()),
                tasks=tuple(tasks.get(code, ())),
                source="onet",
            )
        )
    job_zones = {
        zone: JobZone(zone, name, experience, education, training, examples)
        for zone, name, experience, education, training, examples in conn.execute(
            "SELECT zone, name, experience, education, training, examples FROM onet_job_zones "
            "ORDER BY zone"
        )
    }
    return ImportedLibrary(info, tuple(careers), job_zones)
