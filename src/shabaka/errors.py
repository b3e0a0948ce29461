"""The errors shabaka raises for a user to fix: one root, :class:`ShabakaError`.

Every error a user can cause (a wrong setting, a malformed alias table or gazetteer, a
missing model or optional package, an output that cannot be written) is a
``ShabakaError``; its message says what is wrong, where (file, line, record) and what to
do. The command line reports these in one line (exit status 2); any other exception is
a bug in shabaka, shown with its traceback and a request to report it.

Subclasses also derive from the built-in exception of their kind (``ValueError`` for a
wrong value, ``OSError`` for a file, ``RuntimeError`` for a missing component), so code
written against those keeps working.
"""

from __future__ import annotations


class ShabakaError(Exception):
    """Root of the errors a user can cause and fix."""


class SettingsError(ShabakaError, ValueError):
    """A setting, option or command-line flag has a value shabaka cannot use."""


class DataFileError(ShabakaError, ValueError):
    """A user's data file (alias table, gazetteer, CoNLL file) is malformed; the message
    names the file and line."""


class InputError(ShabakaError, OSError):
    """A file named by the user cannot be read."""


class OutputError(ShabakaError, OSError):
    """An output file cannot be written; the message names the path."""


class MissingComponentError(ShabakaError, RuntimeError):
    """An optional package or a model's files are not installed; the message says how to get them."""
