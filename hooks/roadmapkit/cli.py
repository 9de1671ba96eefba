"""`roadmap-validate`: check the content the way the build does, without building."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .load import load_roadmap


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="roadmap-validate", description=__doc__)
    parser.add_argument(
        "content", nargs="?", default="content", type=Path, help="the content folder (default: content)"
    )
    args = parser.parse_args(argv)
    if not (args.content / "phases").is_dir():
        print(
            f"roadmap-validate: {args.content}/phases is not a folder (run it from the repository root)",
            file=sys.stderr,
        )
        return 2
    try:
        roadmap = load_roadmap(args.content, Path.cwd())
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    items, tracks = len(roadmap.items), len(roadmap.tracks)
    print(f"content is valid: {len(roadmap.phases)} phases, {items} items, {tracks} tracks")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
