"""The last diagnostic of a capped report: how many problems, of which severity, were
left out.

The loader and ``check`` report at most a hundred problems per file (most severe first)
and sum up the rest in one :class:`Omitted` diagnostic.  It is a
:class:`~argmap.errors.Diagnostic` like any other (code ``too-many-problems``, at the
file), and it also carries the number of errors, warnings and notes it stands for, so
that a report's summary counts every problem, not one for the many.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from argmap._words import noun
from argmap.errors import Diagnostic, Location, Severity

__all__ = ["Omitted", "omitted"]


@attrs.frozen
class Omitted(Diagnostic):
    """``... and N more problems, not shown``, with the count of each severity."""

    errors: int = 0
    warnings: int = 0
    notes: int = 0

    def count(self, severity: Severity) -> int:
        """How many problems of ``severity`` it stands for."""
        if severity is Severity.ERROR:
            return self.errors
        return self.warnings if severity is Severity.WARNING else self.notes

    def to_json(self) -> dict[str, object]:
        """The usual record, plus ``omitted``: the count of each severity left out."""
        record = super().to_json()
        record["omitted"] = {"errors": self.errors, "warnings": self.warnings,
                             "notes": self.notes}
        return record


def omitted(
    file: str | None,
    counts: Mapping[Severity, int],
    *,
    limit: int,
    exact: bool = True,
    hint: str,
) -> Omitted:
    """The summary of the problems left out, by severity; it has the severity of the
    most serious of them and points at the file (line 1, column 1)."""
    total = sum(counts.values())
    severity = min((s for s, n in counts.items() if n), key=lambda s: s.rank,
                   default=Severity.INFO)
    shown = f"{total:,}" if exact else f"at least {total:,}"
    return Omitted(
        "too-many-problems",
        f"... and {shown} more {noun(total, 'problem')}, not shown (at most {limit} are "
        "reported per file)",
        Location(file, 1, 1),
        severity,
        hint,
        errors=counts.get(Severity.ERROR, 0),
        warnings=counts.get(Severity.WARNING, 0),
        notes=counts.get(Severity.INFO, 0),
    )
