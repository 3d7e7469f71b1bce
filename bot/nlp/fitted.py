"""Fitted once per machine: a deterministic fit (the message-kind model, a cycle's day-one MOT
classifier) kept as a pickle in the app's model directory, named by a digest of everything it was
fitted from (the inputs the caller names, bot/nlp's code and the library versions), so a change to any
of them fits anew. Fitting takes seconds of CPU at every process start; reading the pickle, milliseconds.

Files are written atomically (several processes may start at once); a directory that can't be
written, or a file that can't be read (torn, foreign), only costs the fit. Older files of the same
name are removed when a new one is written.

The two fits every process needs at start-up (the question parser's intent model and the message-kind
model, tens of seconds of CPU between them: every training text goes through the question parser) also
ship with the code, in bot/nlp/data/fitted/ (`SHIPPED`), written by `devkit/prefit.py`: a fresh clone, the
demo and each test worker read them instead of fitting, for as long as their digest is today's (a test
says when they must be written again; one that is not today's is only a fit at start-up, as before)."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
SHIPPED = Path(__file__).resolve().parent / "data" / "fitted"


@cache
def _code_digest() -> bytes:
    import numpy
    import sklearn

    digest = hashlib.sha256(f"{sys.version_info[:2]} {numpy.__version__} {sklearn.__version__}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.digest()


def digest_of(parts: Iterable[bytes | str]) -> str:
    """A short digest of `parts` and of bot/nlp's code and library versions."""
    digest = hashlib.sha256(_code_digest())
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def fitted_once(directory: Path | None, name: str, digest: str, fit: Callable[[], T], kind: type[T],
                shipped: Path | None = None) -> T:
    """`directory/<name>-<digest>.pkl` when it holds a `kind`, else the one shipped in `shipped` (a fit that
    comes with the code, see `SHIPPED`), else `fit()`, written to `directory` for the next process. Without
    `directory`, the shipped one or `fit()`."""
    path = directory / f"{name}-{digest}.pkl" if directory is not None else None
    found = _read(path, kind)
    if found is None and shipped is not None and shipped != directory:
        found = _read(shipped / f"{name}-{digest}.pkl", kind)
    return found if found is not None else _write(path, name, fit())


def once_per_process(directory: Path | None, name: str, digest: str, fit: Callable[[], T], kind: type[T]) -> T:
    """`fitted_once` with the fit shipped with the code (`SHIPPED`), kept for the rest of the process by name and
    digest: the fits every process asks for again and again (the question parser's intent model, the message-kind
    model, the comment-sentiment model)."""
    kept = _this_process()
    if (name, digest) not in kept:
        kept[(name, digest)] = fitted_once(directory, name, digest, fit, kind, shipped=SHIPPED)
    return kept[(name, digest)]


@cache
def _this_process() -> dict[tuple[str, str], Any]:
    """This process's fits by name and digest (made on first use, not at import)."""
    return {}


def shipped_fit(name: str, digest: str) -> Path:
    """Where `devkit/prefit.py` writes the fit `name` of today's inputs and code."""
    return SHIPPED / f"{name}-{digest}.pkl"


def library_versions() -> dict[str, str]:
    """What a fit's digest names besides its inputs and bot/nlp's code (devkit/prefit.py records them beside the
    shipped fits: on other versions those are not read, only fitted anew)."""
    import numpy
    import sklearn

    return {"python": "%d.%d" % sys.version_info[:2], "numpy": numpy.__version__, "sklearn": sklearn.__version__}


def _read(path: Path | None, kind: type[T]) -> T | None:
    if path is None:
        return None
    try:
        if not path.is_file():
            return None
        value = pickle.loads(path.read_bytes())  # noqa: S301 - our own file, named by its content's digest
    except Exception:  # noqa: BLE001 - unreadable (permissions), torn or foreign: fit instead
        return None
    return value if isinstance(value, kind) else None


def _write(path: Path | None, name: str, value: T) -> T:
    if path is None:
        return value
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as out:
            out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
        for stale in path.parent.glob(f"{name}-*.pkl"):  # fitted from other inputs or code
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:  # read-only or full: the next process fits again
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
    return value
