"""The records grading produces: plain, frozen and picklable (they cross processes)."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["NOT_A_MAP", "SKIPPED", "Message", "RequirementResult", "Submission"]

#: The status of a file that is JSON or YAML but no argument map (a JSON Schema such as
#: the ``argmap.schema.json`` that ``argmap new`` suggests keeping next to a map): the
#: class report lists it as skipped, not graded.
NOT_A_MAP = "not-a-map"
#: The status of a file that turned out, when it was opened, to be what the scan skips
#: (a symbolic link, a FIFO or a device swapped in after the scan): listed as skipped,
#: with the scan's reason.
SKIPPED = "skipped"


@attrs.frozen
class Message:
    """One thing said to a student, with the line of the map it concerns.

    ``node`` is the id of the map entry it is about (highlighted in the feedback page);
    ``lost`` the points it cost (0 for a note or a problem that costs nothing itself).
    """

    text: str
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    node: str | None = None
    code: str | None = None
    severity: str = "error"
    lost: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"message": self.text, "line": self.line, "column": self.column,
                "hint": self.hint, "node": self.node, "code": self.code,
                "severity": self.severity, "lost": self.lost}


@attrs.frozen
class RequirementResult:
    """How a submission did on one requirement: points earned of points, and why."""

    name: str
    description: str
    points: float
    earned: float
    messages: tuple[Message, ...] = ()

    @property
    def lost(self) -> float:
        return round(self.points - self.earned, 2)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "points": self.points,
                "earned": self.earned, "messages": [m.to_json() for m in self.messages]}


@attrs.frozen
class Submission:
    """The grade of one file.

    ``status``: ``graded`` (a valid map, scored), ``invalid`` (the map does not
    validate: 0), ``unreadable`` (cannot be read, too large, not text: 0), ``empty``
    (no content: 0), ``timeout`` or ``memory`` (its grading ran over the time budget
    or the memory cap: 0); ``reason`` says why a file scored 0 without being graded.
    ``problems`` are the validation or reading problems, ``notes`` what the import of
    an Argdown file could not carry.  ``svg`` is the drawn map with the nodes that lost
    points marked (``None`` when not drawn; ``draw_note`` says why).
    """

    file: str
    status: str
    score: float
    max_score: float
    passed: bool
    requirements: tuple[RequirementResult, ...] = ()
    problems: tuple[Message, ...] = ()
    notes: tuple[Message, ...] = ()
    reason: str | None = None
    authors: tuple[str, ...] = ()
    title: str | None = None
    flagged: tuple[str, ...] = ()
    svg: str | None = None
    draw_note: str | None = None
    seconds: float = 0.0
    #: The sides the map defines, (id, name) each (to check the assignment against).
    sides: tuple[tuple[str, str], ...] = ()

    @property
    def lost(self) -> tuple[RequirementResult, ...]:
        """The requirements that lost points."""
        return tuple(r for r in self.requirements if r.earned < r.points)
