"""ILP Desktop: Individualized Learning Plans for school counselors, offline."""

__version__ = "0.1.0"
