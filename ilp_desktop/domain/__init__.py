"""Plain-Python rules of the ILP: no Qt, no SQL."""
