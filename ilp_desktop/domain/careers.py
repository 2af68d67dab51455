"""Careers: what the library knows about one occupation, and the words used to describe it.

A career is keyed by its O*NET-SOC code, kept as a string ("11-1011.00" and "11-1011.03" are
different occupations). Its interest profile is six ratings from 1 to 7, one per Holland type
(RIASEC), as O*NET publishes them; ``high_point`` is the career's own three-letter code.

The library can come from two places (see :mod:`career_library`): the starter library the app
ships, written by the project, and an O*NET release the counselor imports. Fields an O*NET text
release does not carry (wage, outlook, Spanish title) come from the starter library where it
covers the same code; ``filled_from_starter`` names them so the detail can say where each fact
came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .interests import TYPES

RATING_MIN, RATING_MAX = 1.0, 7.0

# Typical entry-level education, from least to most. The keys are stored; the order is used by
# the education filter ("at most a bachelor's degree").
EDUCATION_LEVELS: dict[str, str] = {
    "none": "No formal credential",
    "high_school": "High school diploma or equivalent",
    "postsecondary_award": "Certificate after high school",
    "some_college": "Some college, no degree",
    "associates": "Associate's degree",
    "bachelors": "Bachelor's degree",
    "masters": "Master's degree",
    "doctoral_professional": "Doctoral or professional degree",
}
EDUCATION_ORDER: tuple[str, ...] = tuple(EDUCATION_LEVELS)

# O*NET's "Required Level of Education" (RL) categories 1-12 in the same words.
ONET_EDUCATION_CATEGORY: dict[int, str] = {
    1: "none",
    2: "high_school",
    3: "postsecondary_award",
    4: "some_college",
    5: "associates",
    6: "bachelors",
    7: "bachelors",  # post-baccalaureate certificate: the degree is what a student plans for
    8: "masters",
    9: "masters",  # post-master's certificate
    10: "doctoral_professional",  # first professional degree (law, medicine, pharmacy)
    11: "doctoral_professional",
    12: "doctoral_professional",  # post-doctoral training
}

# Projected change in employment over ten years, as the U.S. Bureau of Labor Statistics groups it.
OUTLOOKS: dict[str, str] = {
    "declining": "Fewer jobs expected",
    "little_change": "Little or no change expected",
    "average": "About as fast as average growth",
    "faster": "Faster than average growth",
    "much_faster": "Much faster than average growth",
}

# Job zones: O*NET's five levels of preparation. The import brings O*NET's own descriptions
# (Job Zone Reference); these short ones are the project's, for filters and when none was imported.
JOB_ZONES: dict[int, str] = {
    1: "Little or no preparation",
    2: "Some preparation",
    3: "Medium preparation",
    4: "Considerable preparation",
    5: "Extensive preparation",
}
JOB_ZONE_EXPLAINED: dict[int, str] = {
    1: "A few days to a few months of training on the job; some ask for a high school diploma.",
    2: "Usually a high school diploma, then months up to a year of learning from experienced "
    "workers; some have apprenticeships.",
    3: "Usually training after high school: a vocational school, an apprenticeship, on-the-job "
    "experience or an associate's degree.",
    4: "Most need a four-year bachelor's degree and several years of related experience.",
    5: "Most need a graduate degree (master's, doctoral, law, medicine) and often years of "
    "experience.",
}


@dataclass(frozen=True)
class JobZone:
    """One job zone as the library describes it (O*NET's reference text when imported)."""

    zone: int
    name: str
    experience: str = ""
    education: str = ""
    training: str = ""
    examples: str = ""


def default_job_zones() -> dict[int, JobZone]:
    return {
        zone: JobZone(zone, f"Job Zone {zone}: {name}", education=JOB_ZONE_EXPLAINED[zone])
        for zone, name in JOB_ZONES.items()
    }


@dataclass(frozen=True)
class ClusterPlace:
    """A career's place in the classic 16-cluster framework: cluster id and pathway ('' if none)."""

    cluster: str
    pathway: str = ""


@dataclass(frozen=True)
class Career:
    code: str
    title: str
    description: str = ""
    ratings: dict[str, float] | None = None
    high_point: str = ""
    job_zone: int | None = None
    education: str | None = None
    median_wage: int | None = None
    wage_year: int | None = None
    outlook: str | None = None
    clusters: tuple[ClusterPlace, ...] = ()
    clusters_estimated: bool = False
    related: tuple[str, ...] = ()
    alternate_titles: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    title_es: str = ""
    source: str = "starter"  # "starter" or "onet"
    filled_from_starter: frozenset[str] = field(default_factory=frozenset)

    @property
    def has_profile(self) -> bool:
        return self.ratings is not None

    @property
    def code_letters(self) -> str:
        """The career's high-point code, or one worked out from its ratings."""
        if self.high_point:
            return self.high_point
        return high_point_code(self.ratings) if self.ratings else ""


def high_point_code(ratings: dict[str, float], length: int = 3) -> str:
    """The types rated highest, highest first; ties keep RIASEC order so the code is stable."""
    ranked = sorted(TYPES, key=lambda t: (-ratings[t], TYPES.index(t)))
    return "".join(ranked[:length])


def check_ratings(ratings: dict[str, float]) -> None:
    """Raise ValueError unless ``ratings`` has all six types, each from 1 to 7."""
    if set(ratings) != set(TYPES):
        raise ValueError(f"interest ratings need exactly the six types {''.join(TYPES)}")
    for letter, value in ratings.items():
        if not RATING_MIN <= float(value) <= RATING_MAX:
            raise ValueError(f"interest rating {letter}={value} is outside 1-7")


SOC_CODE_PATTERN = r"^\d\d-\d{4}\.\d\d$"
