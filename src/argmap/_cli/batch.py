"""Commands over many files: ``render`` and ``evaluate`` with several inputs or folders.

One rule for every batch: each input is handled on its own, and a bad one (unreadable,
invalid, hostile) never stops the others; its errors are printed as the single-file
command prints them, and the exit status is the worst of all (2 over 1 over 0).  The
outputs go into one folder, one per input, named after it (:func:`output_names`), and
never over an input.  A progress bar is drawn on standard error only when it is a
terminal; a summary line ends the run.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, redirect_stderr
from pathlib import Path
from typing import Any

import typer

from argmap._cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    expand_inputs,
    fail,
    note_skipped,
)
from argmap._display import for_display

__all__ = [
    "BatchResult",
    "gather",
    "is_batch",
    "make_output_folder",
    "make_parent",
    "output_names",
    "relative_display",
    "run_batch",
    "say",
    "say_wrote",
    "summary",
]

#: Ends of map file names that the output's name leaves out (longest first).
_MAP_ENDINGS = (".argmap.yaml", ".argmap.yml", ".argmap.json", ".yaml", ".yml", ".json",
                ".argdown", ".ad", ".af", ".apx", ".tgf")


def is_batch(inputs: Sequence[str]) -> bool:
    """Several inputs, or a folder: the command writes one output per map."""
    return len(inputs) > 1 or any(n != "-" and Path(n).is_dir() for n in inputs)


def gather(inputs: Sequence[str], suffixes: tuple[str, ...], kinds: str,
           output: str | None = None) -> list[str]:
    """The files to work on: those named, and the map files under the folders named.

    What the folders hold besides (another extension, a hidden name or folder that is
    not a tool's own) is named in one note on stderr, and so are files found in the
    ``output`` folder (the outputs of an earlier run are not inputs).  Standard input
    (``-``) cannot be one of several inputs, and no file at all is a usage error.
    """
    if "-" in inputs:
        fail("standard input (-) can only be read as the only input",
             "name files or folders, or give - alone")
    skipped: list[str] = []
    names = list(dict.fromkeys(expand_inputs(list(inputs), skipped, suffixes=suffixes,
                                             hidden_folders=True)))
    if output is not None and output != "-":
        below = Path(output).resolve()
        named = set(inputs)
        found = [n for n in names if n not in named and below in Path(n).resolve().parents]
        if found:
            shown = ", ".join(found[:10]) + (f", ... ({len(found) - 10:,} more)"
                                             if len(found) > 10 else "")
            say(for_display(f"argmap: note: left out {len(found):,} file"
                            f"{'' if len(found) == 1 else 's'} in the output folder "
                            f"{output}: {shown}"))
            names = [n for n in names if n not in set(found)]
    note_skipped(skipped, suffixes=suffixes)
    if not names:
        fail(f"no {kinds} found in the folders named ({', '.join(suffixes)})",
             "name files, or a folder with maps")
    return names


def make_output_folder(target: str | None) -> Path:
    """The output folder of a batch (``-o``), created if missing."""
    if target is None or target == "-":
        fail("several inputs need an output folder: one output is written per input",
             "add -o FOLDER (it is created if missing)")
    folder = Path(target)
    if folder.exists() and not folder.is_dir():
        fail(f"the output {target} is a file; several inputs need an output folder",
             "name a folder with -o (it is created if missing)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

        fail(f"cannot create the output folder {target}: {os_error_reason(exc, target)}")
    return folder


def make_parent(target: Path) -> None:
    """Create the folder of one output (a sub-folder kept from the inputs); a failure
    ends that input with exit 2."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from argmap._io import os_error_reason  # noqa: PLC0415 -- only on failure

        fail(f"cannot create the folder {target.parent}: "
             f"{os_error_reason(exc, str(target.parent))}")


def _stem(name: str) -> str:
    lower = name.lower()
    for ending in _MAP_ENDINGS:
        if lower.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


def _relative_name(name: str, roots: Sequence[str]) -> Path:
    """``name`` below the folder it was found in (so that sub-folders are kept), or its
    own name when it was named directly."""
    path = Path(name)
    for root in roots:
        try:
            return path.relative_to(root)
        except ValueError:
            continue
    return Path(path.name)


def output_names(names: Sequence[str], inputs: Sequence[str], folder: Path,
                 suffix: str) -> dict[str, Path]:
    """The output of each input in ``folder``: its path below the folder it was found in
    (or its own name), without the map extension, with ``suffix``.

    ``class/ann.argmap.yaml`` becomes ``OUT/ann.svg`` and ``class/b/map.yaml``
    ``OUT/b/map.svg``.  Two inputs that would meet on one name (``ann.yaml`` and
    ``ann.json``) both keep their whole name (``ann.yaml.svg``, ``ann.json.svg``).
    """
    roots = [n for n in inputs if n != "-" and Path(n).is_dir()]
    relative = {n: _relative_name(n, roots) for n in names}
    wanted = {n: r.with_name(_stem(r.name) + suffix) for n, r in relative.items()}
    seen: dict[Path, int] = {}
    for path in wanted.values():
        seen[path] = seen.get(path, 0) + 1
    out: dict[str, Path] = {}
    for name, path in wanted.items():
        whole = relative[name].with_name(relative[name].name + suffix)
        out[name] = folder / (whole if seen[path] > 1 else path)
    return out


class BatchResult:
    """What a batch did: the exit status of each input."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}

    @property
    def worst(self) -> int:
        """The exit status of the batch: the worst of its inputs'."""
        return max(self.codes.values(), default=EXIT_OK)

    @property
    def failed(self) -> list[str]:
        """The inputs that did not succeed, in order."""
        return [name for name, code in self.codes.items() if code != EXIT_OK]


class _Bar:
    """The progress of a batch: drawn on stderr when it is a terminal, else nothing."""

    def __init__(self, progress: Any = None, task: Any = None) -> None:
        self._progress = progress
        self._task = task

    def call(self, work: Callable[[str], None], name: str) -> None:
        """``work(name)``; while a bar is drawn, what it writes to stderr is printed
        above the bar (not through it)."""
        if self._progress is None:
            work(name)
            return
        buffer = io.StringIO()
        try:
            with redirect_stderr(buffer):
                work(name)
        finally:
            text = buffer.getvalue()
            if text:
                self._progress.console.out(text, end="", highlight=False)

    def advance(self, name: str) -> None:
        """One more input done (``name`` is shown beside the bar)."""
        if self._progress is not None:
            self._progress.update(self._task, advance=1,
                                  name=for_display(Path(name).name))


@contextmanager
def _progress(total: int, verb: str) -> Iterator[_Bar]:
    """A progress bar on stderr when it is a terminal; else nothing is drawn."""
    if not sys.stderr.isatty() or total < 2:
        yield _Bar()
        return
    try:
        from rich.console import Console  # noqa: PLC0415 -- only on a terminal
        from rich.progress import (  # noqa: PLC0415 -- same
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )
    except ImportError:  # a dependency, but a bar is not worth failing the batch for
        yield _Bar()
        return

    console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[name]}", markup=False))
    with Progress(*columns, console=console, transient=True, redirect_stdout=False,
                  redirect_stderr=False) as progress:
        yield _Bar(progress, progress.add_task(verb, total=total, name=""))


def run_batch(names: Sequence[str], work: Callable[[str], None], verb: str, *,
              progress: bool = True) -> BatchResult:
    """Call ``work(name)`` for every input; one that fails never stops the others.

    ``work`` reports its own errors on stderr, as the single-file command does, and ends
    by returning (success) or by raising ``typer.Exit``/``SystemExit`` with its exit
    status.  Any other exception is a bug of argmap: it is reported with the input's
    name (exit 2 for that input) and the batch goes on.  ``progress=False`` draws no
    bar even on a terminal (when the reports themselves go to it).
    """
    result = BatchResult()
    with _progress(len(names) if progress else 0, verb) as bar:
        for name in names:
            code = EXIT_OK
            try:
                bar.call(work, name)
            except typer.Exit as exc:
                code = exc.exit_code
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else EXIT_USAGE
            except (KeyboardInterrupt, BrokenPipeError):
                raise
            except Exception as exc:  # one input's bug never stops the rest
                sys.stderr.write(for_display(
                    f"argmap: error: {name}: internal error ({type(exc).__name__}: {exc}); "
                    "this is a bug in argmap, please report it with the input file",
                    newlines=True) + "\n")
                code = EXIT_USAGE
            result.codes[name] = code
            bar.advance(name)
    return result


def summary(result: BatchResult, done: str, where: str | None, how: str = "") -> str:
    """The last line of a batch: ``argmap: rendered 9 of 11 maps into out as SVG; 2
    failed: a.yaml, b.yaml`` (failed inputs named up to ten)."""
    total = len(result.codes)
    ok = total - len(result.failed)
    text = f"argmap: {done} {ok:,} of {total:,} file{'' if total == 1 else 's'}"
    if where is not None:
        text += f" into {where}"
    if how:
        text += f" {how}"
    failed = result.failed
    if failed:
        shown = ", ".join(failed[:10])
        if len(failed) > 10:
            shown += f", ... ({len(failed) - 10:,} more)"
        text += f"; {len(failed):,} failed: {shown}"
    return for_display(text)


def say(text: str) -> None:
    """One line on stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def say_wrote(target: str) -> None:
    """``argmap: wrote TARGET`` on stderr when ``TARGET`` is a regular file (not for
    standard output, a device such as /dev/null, or a FIFO)."""
    if target != "-" and Path(target).is_file():
        say(for_display(f"argmap: wrote {target}"))


def relative_display(path: Path) -> str:
    """``path`` as the user would type it (relative to the working folder when below)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return os.fspath(path)

