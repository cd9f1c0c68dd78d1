"""Abstract argumentation frameworks (Dung 1995) and their semantics.

A :class:`Framework` is a set of arguments and an attack relation.  This module reads
and writes the formats of the ICCMA competitions, and computes the grounded, complete,
preferred and stable semantics: extensions, credulous and sceptical acceptance, and the
status of every argument with an explanation; and it answers the tasks of the ICCMA
competitions (:func:`solve_task`: ``DC``/``DS``/``SE`` for ``GR``, ``CO``, ``PR``,
``ST``, ``SST``, ``STG`` and ``ID``, what ``argmap solve`` runs)::

    from argmap import af

    framework = af.read_framework("arg(a). arg(b). att(a,b).", "apx")
    print(af.grounded(framework).in_)                 # frozenset({'a'})
    result = af.extensions(framework, "preferred", limit=10, timeout=5)
    for argument in af.evaluate_framework(framework, "stable", timeout=5):
        print(argument.label, argument.status.value, argument.explanation.text())

Grounded takes linear time.  The other semantics fix the grounded labelling first and
settle the rest with an incremental SAT solver (python-sat, imported on first use);
every such call takes a ``timeout`` and reports :attr:`Outcome.TIMEOUT` ("unknown")
instead of running on.

>>> framework = Framework.from_attacks("abc", [("a", "b"), ("b", "a"), ("b", "c")])
>>> sorted(grounded(framework).undecided)
['a', 'b', 'c']
>>> sorted(sorted(e) for e in extensions(framework, "stable").extensions)
[['a', 'c'], ['b']]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap._af.evaluation import (
        ArgumentStatus,
        Evaluation,
        Explanation,
        evaluate_framework,
    )
    from argmap._af.formats import (
        FORMATS,
        FrameworkSyntaxError,
        format_for_path,
        parse_framework,
        read_framework,
        read_framework_file,
        write_framework,
    )
    from argmap._af.framework import Framework, Semantics, Status
    from argmap._af.grounded import Labelling, grounded, labelling_of
    from argmap._af.solve import (
        DEFAULT_LIMIT,
        AcceptanceResult,
        ExtensionsResult,
        Outcome,
        acceptance,
        extensions,
    )
    from argmap._af.tasks import TASKS, TaskResult, solve_task

__all__ = [
    "DEFAULT_LIMIT",
    "FORMATS",
    "TASKS",
    "AcceptanceResult",
    "ArgumentStatus",
    "Evaluation",
    "Explanation",
    "ExtensionsResult",
    "Framework",
    "FrameworkSyntaxError",
    "Labelling",
    "Outcome",
    "Semantics",
    "Status",
    "TaskResult",
    "acceptance",
    "evaluate_framework",
    "extensions",
    "format_for_path",
    "grounded",
    "labelling_of",
    "parse_framework",
    "read_framework",
    "read_framework_file",
    "solve_task",
    "write_framework",
]

# Names are loaded on first use, so that reading a framework and computing the grounded
# labelling do not pay for the SAT-based parts.
_WHERE = {
    "ArgumentStatus": "argmap._af.evaluation",
    "Evaluation": "argmap._af.evaluation",
    "Explanation": "argmap._af.evaluation",
    "evaluate_framework": "argmap._af.evaluation",
    "FORMATS": "argmap._af.formats",
    "FrameworkSyntaxError": "argmap._af.formats",
    "format_for_path": "argmap._af.formats",
    "read_framework": "argmap._af.formats",
    "parse_framework": "argmap._af.formats",
    "read_framework_file": "argmap._af.formats",
    "TASKS": "argmap._af.tasks",
    "TaskResult": "argmap._af.tasks",
    "solve_task": "argmap._af.tasks",
    "write_framework": "argmap._af.formats",
    "Framework": "argmap._af.framework",
    "Semantics": "argmap._af.framework",
    "Status": "argmap._af.framework",
    "Labelling": "argmap._af.grounded",
    "grounded": "argmap._af.grounded",
    "labelling_of": "argmap._af.grounded",
    "DEFAULT_LIMIT": "argmap._af.solve",
    "AcceptanceResult": "argmap._af.solve",
    "ExtensionsResult": "argmap._af.solve",
    "Outcome": "argmap._af.solve",
    "acceptance": "argmap._af.solve",
    "extensions": "argmap._af.solve",
}


def __getattr__(name: str) -> Any:
    import importlib  # noqa: PLC0415 -- lazy attribute access is the point

    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.af' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
