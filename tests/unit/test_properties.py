"""Property-based tests: random valid roadmaps always render every item as a checkbox; random
broken ones always give problems, never an exception from inside the engine."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmapkit import ContentError, Renderer, load_roadmap

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True)
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip())


@st.composite
def roadmaps(draw: st.DrawFn) -> tuple[dict, dict]:
    ids = draw(st.lists(SLUG, min_size=1, max_size=12, unique=True))
    items = []
    for n, ident in enumerate(ids):
        earlier = ids[:n]
        requires = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        item = {"id": f"i-{ident}", "title": draw(TEXT), "description": draw(st.one_of(st.just(""), TEXT))}
        if requires:
            item["requires"] = [f"i-{r}" for r in requires]
        items.append(item)
    split = draw(st.integers(min_value=1, max_value=len(items)))
    phase = {
        "id": "p",
        "title": draw(TEXT),
        "goal": draw(TEXT),
        "duration": "1 week",
        "modules": [{"id": "m-a", "title": draw(TEXT), "topics": items[:split]}],
    }
    if items[split:]:
        phase["modules"].append({"id": "m-b", "title": draw(TEXT), "projects": items[split:]})
    entries = draw(st.lists(st.sampled_from([i["id"] for i in items]), min_size=1, max_size=8, unique=True))
    track = {
        "id": "t",
        "title": draw(TEXT),
        "duration": "1 week",
        "blocks": [{"title": draw(TEXT), "notes": draw(TEXT), "items": entries}],
    }
    return phase, track


def _load(phase: object, track: object):
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        (content / "phases").mkdir(parents=True)
        (content / "tracks").mkdir()
        (content / "phases" / "p.yml").write_text(yaml.safe_dump(phase, allow_unicode=True), "utf-8")
        (content / "tracks" / "t.yml").write_text(yaml.safe_dump(track, allow_unicode=True), "utf-8")
        return load_roadmap(content, Path(tmp))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps())
def test_valid_roadmaps_build_and_every_item_gets_a_checkbox(data: tuple[dict, dict]) -> None:
    roadmap = _load(*data)
    pages = {p.src_uri: p.markdown for p in Renderer(roadmap).pages()}
    for item in roadmap.items:
        assert pages["phases/p.md"].count(f'data-roadmap-id="{item.id}"') == 1
        assert "<script" not in pages["phases/p.md"].replace("&lt;script", "")


MUTATIONS = st.sampled_from(["drop-title", "bad-id", "unknown-key", "wrong-type", "dangling", "cycle", "not-mapping"])


def _mutate(phase: dict, track: dict, how: str) -> tuple[object, dict]:
    module = phase["modules"][0]
    first = (module.get("topics") or module.get("projects"))[0]
    if how == "drop-title":
        del first["title"]
    elif how == "bad-id":
        first["id"] = "Not A Slug"
    elif how == "unknown-key":
        first["titel"] = "x"
    elif how == "wrong-type":
        phase["duration"] = 3
    elif how == "dangling":
        track["blocks"][0]["items"].append("no-such-item")
    elif how == "cycle":
        first["requires"] = [first["id"]]
    else:
        return ["a", "list"], track
    return phase, track


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roadmaps(), MUTATIONS)
def test_broken_roadmaps_always_report_problems_never_crash(data: tuple[dict, dict], how: str) -> None:
    phase, track = _mutate(*data, how)
    try:
        _load(phase, track)
    except ContentError as err:
        assert err.problems
        assert all(p.path.endswith((".yml",)) and p.line >= 1 for p in err.problems)
    else:
        raise AssertionError(f"mutation {how} was accepted")
