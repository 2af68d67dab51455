"""Shortlists for the demo school: careers that fit each invented student, in their words.

Most students with an interest code get two to five careers drawn from their best matches
(not always the very top ones: real students pick what they know and like), ranked, with a
short note on why and on what it would take. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from .career_matching import from_result, rank
from .careers import Career
from .interests import Inventory
from .self_exploration import SelfExplorationProfile
from .shortlist import ShortlistEntry

SHARE_WITH_SHORTLIST = 0.85
_WHY = {
    "R": [
        "I like working with my hands and seeing what I built.",
        "I would rather be outside or in a shop than at a desk.",
        "I like fixing things; my uncle lets me help in his garage.",
    ],
    "I": [
        "I like figuring out how things work.",
        "Science is my favourite class and I like solving hard problems.",
        "I want a job where I keep learning new things.",
    ],
    "A": [
        "I want to make things people enjoy.",
        "I draw every day and want to use that in a job.",
        "I like jobs where there is no single right answer.",
    ],
    "S": [
        "I like helping people and explaining things.",
        "My friends always come to me when they have a problem.",
        "I want to make a difference in my community.",
    ],
    "E": [
        "I like leading a team and making decisions.",
        "I want to run my own business one day.",
        "I like convincing people and organising events.",
    ],
    "C": [
        "I like things to be organised and done right.",
        "I am good with numbers and details.",
        "I like knowing what is expected and doing it well.",
    ],
}
_NEED = {
    "none": ["Get a part-time job to try it out.", "Ask about training on the job."],
    "high_school": [
        "Finish high school and look for an apprenticeship.",
        "Take the CTE classes at school and get work experience.",
    ],
    "postsecondary_award": [
        "A certificate program after high school; ask about dual credit.",
        "Look at the community college programs and what they cost.",
    ],
    "some_college": ["Some college classes; look at the community college."],
    "associates": [
        "A two-year degree; keep my grades up in math and science.",
        "Community college, then maybe transfer.",
    ],
    "bachelors": [
        "A four-year degree; take the advanced classes and plan for the SAT.",
        "College, so I need to look at scholarships.",
    ],
    "masters": ["College and then a master's degree; talk to someone who does this job."],
    "doctoral_professional": [
        "Many years of school after college; strong grades in science.",
        "Medical or law school later; volunteer to see if I like it.",
    ],
}


def generate_shortlists(
    profiles: Sequence[SelfExplorationProfile],
    careers: Sequence[Career],
    bank: Inventory,
    seed: int,
) -> Iterator[list[ShortlistEntry]]:
    """One shortlist (maybe empty) per profile, in the same order."""
    rng = random.Random(f"shortlists-{seed}")
    for profile in profiles:
        yield _shortlist(profile, careers, bank, rng)


def _shortlist(
    profile: SelfExplorationProfile,
    careers: Sequence[Career],
    bank: Inventory,
    rng: random.Random,
) -> list[ShortlistEntry]:
    finished = profile.finished_attempts
    if not finished or rng.random() > SHARE_WITH_SHORTLIST:
        return []
    latest = finished[0]
    interests = from_result(latest.result(bank))
    if interests is None:
        return []
    best = [m for m in rank(careers, interests) if m.fit is not None][:15]
    picked = rng.sample(best, k=min(len(best), rng.randint(2, 5)))
    added_on = (latest.finished_at or latest.started_at)[:10]
    entries = []
    used: set[str] = set()
    for number, found in enumerate(picked, start=1):
        career = found.career
        # The career's own strongest side that the student shares says best why it appeals.
        letter = next((t for t in career.code_letters if t in found.shared), "")
        letter = letter or career.code_letters[:1] or "S"
        fresh = [w for w in _WHY[letter] if w not in used]
        why = rng.choice(fresh) if fresh and rng.random() < 0.8 else ""
        used.add(why)
        need_pool = _NEED.get(career.education or "", [])
        need = rng.choice(need_pool) if need_pool and rng.random() < 0.6 else ""
        entries.append(
            ShortlistEntry(None, career.code, career.title, number, why, need, added_on, added_on)
        )
    return entries
