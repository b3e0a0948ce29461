"""Checking a command's output paths before any work is done (:func:`check_outputs`).

A build can take hours; a typo in an output path should not cost them. Every path a
command will write is checked first, and the first problem stops the command with an
:class:`~shabaka.errors.OutputError` that names the flag, the path and the fix:

* a file output must not be a folder, nor anything but a regular file (``/dev/null``
  would be replaced by the atomic rename); a folder output (``--csv DIR``) must not be a file;
* the folder that will hold it must exist or be creatable (no file in the way), and a
  file must be creatable there: this is tried (a temporary file, removed at once), since
  permission bits do not tell the whole story (root, read-only or virtual file systems);
* two outputs must not be the same file (after resolving ``..``, relative paths and
  symbolic links), and no output may be one of the input files named on the command line.

Nothing is left behind by the check: no folder is created, no file written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from shabaka.errors import OutputError

__all__ = ["Output", "check_outputs"]


@dataclass(frozen=True, slots=True)
class Output:
    """One output of a command: the flag that named it, its path, and the files it holds.

    ``files`` is empty for a file output; for a folder output (``--csv DIR``), the names
    of the files written into it. ``example``: a file name suggested when a folder is
    given instead of a file (``graph.json``).
    """

    flag: str
    path: str
    files: tuple[str, ...] = ()
    example: str = ""

    @property
    def is_folder(self) -> bool:
        return bool(self.files)

    def targets(self) -> list[Path]:
        """The files this output writes, resolved (symbolic links, ``..``, relative paths)."""
        base = Path(os.path.realpath(self.path))
        return [base / name for name in self.files] if self.files else [base]


def check_outputs(outputs: Sequence[Output], inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Raise :class:`~shabaka.errors.OutputError` unless every one of ``outputs`` can be written.

    ``inputs`` are the paths the command reads; an output may not overwrite one of them.
    Nothing is created or written (a probe file is removed at once).

    >>> check_outputs([Output("-o", "a.html"), Output("--json", "./a.html")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    shabaka.errors.OutputError: -o a.html and --json ./a.html both write .../a.html; give each output its own path
    """
    seen: dict[Path, Output] = {}
    read = {Path(os.path.realpath(p)): str(p) for p in inputs}
    for out in outputs:
        if not out.path.strip():
            raise OutputError(f"{out.flag}: empty path; give a file name")
        for target in out.targets():
            if target in seen:
                first = seen[target]
                raise OutputError(
                    f"{first.flag} {first.path} and {out.flag} {out.path} both write {target}; "
                    "give each output its own path"
                )
            if target in read:
                raise OutputError(
                    f"{out.flag} {out.path} is the input file {read[target]}: it would be overwritten; "
                    "write the output elsewhere"
                )
            seen[target] = out
    for out in outputs:
        _check_one(out)


def _check_one(out: Output) -> None:
    where = f"{out.flag} {out.path}"
    path = Path(out.path)
    if out.is_folder:
        if path.exists() and not path.is_dir():
            raise OutputError(f"{where}: is a file, and {out.flag} takes a folder; give a folder's path")
        for name in out.files:
            _check_file(f"{where}: {path / name}", path / name, "")
        folder = path
    else:
        _check_file(where, path, out.example)
        folder = path.parent
    _check_folder(where, folder)


def _check_file(where: str, path: Path, example: str) -> None:
    if path.is_dir():
        raise OutputError(f"{where}: is a folder; give a file name{f' (such as {path / example})' if example else ''}")
    if path.exists() and not path.is_file():
        raise OutputError(f"{where}: is not a regular file (a device, pipe or socket); give a file name")


def _check_folder(where: str, folder: Path) -> None:
    """The folder that will hold an output: it exists and takes a new file, or it can be made."""
    existing = folder
    while not existing.exists():
        if existing.is_symlink():
            raise OutputError(f"{where}: {existing} is a broken symbolic link; fix it or choose another folder")
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{where}: {existing} is a file, not a folder; choose another folder")
    try:
        if existing == folder:
            fd, probe = tempfile.mkstemp(prefix=".shabaka-check-", dir=folder)
            os.close(fd)
            os.unlink(probe)
        else:
            os.rmdir(tempfile.mkdtemp(prefix=".shabaka-check-", dir=existing))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        action = "create a file" if existing == folder else f"create the folder {folder}"
        raise OutputError(
            f"{where}: cannot {action} in {existing} ({reason}); choose a folder you can write to"
        ) from None
