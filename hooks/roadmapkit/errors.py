"""Problems found in content, and how they are reported."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Nothing a content file holds may move the cursor or fake a line in a terminal or a CI log; nor
# may a file name that is not UTF-8 (its bytes decoded as lone surrogates) stop a UTF-8 writer.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff]"
)


def _escape(char: str) -> str:
    """A byte of a non-UTF-8 name as `\\xff` (the surrogate os.fsdecode made of it), else `\\u0000`."""
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _terminal_safe(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, pointing at the line and key."""

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        key = self.key or "(file)"
        return _terminal_safe(f"{self.path}:{self.line}: {key}: {self.message}")


class ContentError(Exception):
    """Raised once, after every problem of every file has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, sorted by file and line, one per line, with a count at the end."""
    lines = [str(p) for p in sorted(set(problems))]
    count = len(lines)
    files = len({p.path for p in problems})
    noun = "problem" if count == 1 else "problems"
    fnoun = "file" if files == 1 else "files"
    lines.append(f"{count} {noun} in {files} content {fnoun}; nothing was built.")
    return "\n".join(lines)


def join_key(path: tuple[str | int, ...]) -> str:
    """Turn ('modules', 0, 'title') into 'modules[0].title'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
