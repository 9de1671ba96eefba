"""Every bound on the work that content can cause, named in one place.

Content comes from pull requests, so each limit is enforced in code (never only in the editor's
schema) and reported as a problem at the limit. The budgets allow a roadmap about 100 times the
canonical one (about 600 items, 31 files, 235 kB): bench/bench.py builds 10x and 100x copies.
CONTRIBUTING.md and SECURITY.md list them; bench/hostile.py times the inputs they stop.
"""

from __future__ import annotations

# One YAML file (hooks/roadmapkit/loader.py).
MAX_BYTES = 1_000_000  # bytes in one content file
MAX_DEPTH = 16  # mappings and lists inside each other; the deepest real file uses 7
MAX_TEXT = 20_000  # characters in one value; the schema's own limits are lower
MAX_NUMBER = 30  # characters in a number (Python refuses to read ints past 4,300 digits)
MAX_LIST = 2_000  # entries in one list; the longest real list has 68

# The whole of content/ (hooks/roadmapkit/budget.py), a little above the 100x copy of the canonical
# roadmap: 13.9 MB in 1,809 files and folders, 58,900 items, 9,400 Markdown texts weighing 2.8
# million. Validation and the build grow with these (the build is about 4 ms an item), so the
# budget, not a per-input bound, is what keeps a pull request's build to minutes.
MAX_CONTENT_BYTES = 20_000_000  # bytes of every file under content/
# Each phase and track file is a page, and every page carries the whole navigation, so the build
# grows with the square of the file count: at 2,000 files about 1.2 times the 100x roadmap's build.
MAX_CONTENT_FILES = 2_000  # files and folders under content/
MAX_ITEMS = 75_000  # items in all phases
MAX_MARKDOWN_TEXTS = 100_000  # Markdown texts (descriptions, notes) in all files
# Markdown's cost grows with its markup: each character below weighs MARKUP_WEIGHT, any other 1.
# Prose renders in well under 1 us a character, the worst markup in about 25 us, so the weight caps
# the rendering of all YAML texts together at a few seconds whatever they hold. The canonical
# roadmap weighs 28,049, its 100x copy 2.8 million.
MAX_MARKDOWN_WEIGHT = 5_000_000
MARKUP = "`*_[]()<>&\\!|#~=+-"
MARKUP_WEIGHT = 40
MAX_HINTS = 10  # unknown ids that get a "did you mean" (difflib over every item id); the rest are listed

# Markdown, in YAML texts and hand-written pages alike (hooks/roadmapkit/text.py).
MAX_NESTING = 8  # lists and quotes inside each other (Markdown recurses once per level)
MAX_BRACKETS = 200  # '[' in one YAML text
# Python-Markdown searches from each '[' and each run of backticks to its match, or to the end of
# the paragraph when there is none: characters read, at most this many per character of text
# (plus a floor for short texts). Real text reads about one character per character.
MAX_SCAN_PER_CHAR = 10
MIN_SCAN = 20_000
MAX_BLOCK_LINES = 150  # lines without a blank line between them (Markdown re-splits a block per line)
MAX_SECONDS = 1.0  # no single YAML text may take longer than this to render

# Hand-written pages (hooks/roadmapkit/pages.py).
MAX_PAGE_BYTES = 100_000  # bytes in one page; the about page has 872
# All pages together, weighed as YAML Markdown is, with each character of fenced code (which is
# highlighted) weighing CODE_WEIGHT: a few seconds of checking at most. The about page weighs
# 2,003, a README-like page of 13 kB about 47,000.
MAX_PAGES_WEIGHT = 1_000_000
CODE_WEIGHT = 20
MAX_HEADINGS = 300  # headings in one page (the table of contents makes each id unique, pairwise)
MAX_FENCES = 500  # code fence lines in one page
MAX_PAGE_SECONDS = 2.0  # no page may take longer than this to check and render
