"""The command-line tools: `roadmap-validate`, `roadmap-render` and `roadmap-new`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError, Problem
from .export import RenderError, render_site
from .files import display_path
from .load import load_roadmap
from .scaffold import ScaffoldError, leftovers, scaffold


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
        print(ContentError([*err.problems, *_site_files(args.content)]), file=sys.stderr)
        return 1
    if _site_files(args.content):
        print(ContentError(_site_files(args.content)), file=sys.stderr)
        return 1
    for note in roadmap.warnings:
        print(f"note: {note}", file=sys.stderr)
    counts = (
        _count(len(roadmap.phases), "phase"),
        _count(len(roadmap.items), "item"),
        _count(len(roadmap.tracks), "track"),
    )
    print(f"content is valid: {', '.join(counts)}", end="")
    print(f" ({len(roadmap.warnings)} notes, listed above)" if roadmap.warnings else "")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _site_files(content: Path) -> list[Problem]:
    """What the build needs beside the YAML: content/pages/ (MkDocs' docs_dir) with the About page
    that the nav links to. A roadmap without them validates but does not build."""
    about = content / "pages" / "about.md"
    if about.is_file():
        return []
    what = "is missing (expected a Markdown page: the site's About page, and content/pages/ is where MkDocs looks)"
    return [Problem(display_path(about, Path.cwd()), 1, "", what)]


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
    print(next_steps(args.dir, leftovers(args.dir, written)))
    return 0


def next_steps(project: Path, left: list[Path] | None = None) -> str:
    """What to do after roadmap-new: the files to edit, what is left of another roadmap, the
    commands (run from the project folder; a `cd` first only when that is elsewhere)."""
    content = project / "content"
    here = project.resolve() == Path.cwd().resolve()
    go = "" if here else f"cd {project} && "
    content_arg = "" if here else f" {content}"
    steps = [
        f"Edit {content / 'roadmap.yml'}: title, description, audience, repository (the header's link,\n"
        "     edit links and the site's address), and a storage_key that stays once published (learners'\n"
        "     progress is stored under it; see storage_key_aliases).",
        f"Add phases in {content / 'phases'} and pacing plans in {content / 'tracks'}.",
    ]
    if left:
        names = "".join(f"\n       {path}" for path in left[:20]) + ("\n       ..." if len(left) > 20 else "")
        steps.append(f"Delete what is left of the roadmap you copied (the starter does not use it):{names}")
    copied = [name for name in ("README.md", "CHANGELOG.md") if (project / name).is_file()]
    if copied:
        subject = "they describe" if len(copied) > 1 else "it describes"
        steps.append(f"Rewrite {' and '.join(copied)}: {subject} the project you copied, not yours.")
    steps += [
        f"Check them: roadmap-validate{content_arg}",
        f"Preview it: {go}mkdocs serve",
        "Publish: push to the default branch with GitHub Pages set to 'GitHub Actions'.",
    ]
    return "\nNext steps:\n" + "\n".join(f"  {n}. {step}" for n, step in enumerate(steps, start=1))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
