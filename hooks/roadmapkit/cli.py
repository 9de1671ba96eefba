"""The command-line tools: `roadmap-validate`, `roadmap-render` and `roadmap-new`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .export import RenderError, render_site
from .load import load_roadmap
from .scaffold import ScaffoldError, scaffold


def main(argv: list[str] | None = None) -> int:
    """`roadmap-validate`: check the content the way the build does, without building."""
    parser = argparse.ArgumentParser(prog="roadmap-validate", description=main.__doc__)
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
    for note in roadmap.warnings:
        print(f"note: {note}", file=sys.stderr)
    print(f"content is valid: {len(roadmap.phases)} phases, {items} items, {tracks} tracks", end="")
    print(f" ({len(roadmap.warnings)} notes, listed above)" if roadmap.warnings else "")
    return 0


def render_main(argv: list[str] | None = None) -> int:
    """`roadmap-render`: write the site as Markdown and a mkdocs.yml without hooks, for any builder."""
    parser = argparse.ArgumentParser(prog="roadmap-render", description=render_main.__doc__)
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="a new or empty folder (or an earlier output)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the project's mkdocs.yml")
    args = parser.parse_args(argv)
    try:
        files = render_site(args.config_file, args.out)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 1
    except RenderError as err:
        print(f"roadmap-render: {err}", file=sys.stderr)
        return 2
    pages = sum(1 for name in files if name.startswith("docs/") and name.endswith(".md"))
    print(f"rendered {pages} pages into {args.out}; build them without hooks with either of:")
    print(f"  mkdocs build --strict -f {args.out / 'mkdocs.yml'}")
    print(f"  (cd {args.out} && zensical build)")
    return 0


def new_main(argv: list[str] | None = None) -> int:
    """`roadmap-new`: start a roadmap of your own (one phase, one track) in DIR/content."""
    parser = argparse.ArgumentParser(prog="roadmap-new", description=new_main.__doc__)
    parser.add_argument("dir", type=Path, metavar="DIR", help="the project folder (content/ is made inside it)")
    parser.add_argument("--title", default="My roadmap", help="the roadmap's title (default: My roadmap)")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.dir, args.title)
    except ScaffoldError as err:
        print(f"roadmap-new: {err}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    print(next_steps(args.dir))
    return 0


def next_steps(project: Path) -> str:
    content = project / "content"
    return (
        "\nNext steps:\n"
        f"  1. Edit {content / 'roadmap.yml'}: title, description, repository, and a storage_key that\n"
        "     stays once published (learners' progress is stored under it; see storage_key_aliases).\n"
        f"  2. Add phases in {content / 'phases'} and pacing plans in {content / 'tracks'}.\n"
        f"  3. Check them: roadmap-validate {content}\n"
        f"  4. Preview it: cd {project} && mkdocs serve\n"
        "  5. Publish: push to the default branch with GitHub Pages set to 'GitHub Actions'."
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
