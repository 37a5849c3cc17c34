"""content/ as data, checked: every file loads, and each rule of the contract fails a bad file.

``test_every_article_loads`` is the one that makes ``make test`` fail on a bad field, an unknown stage
or tag, a broken internal link or raw HTML in any article the project ships (ARCHITECTURE.md 5.6).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import content
from backend.core.html import render_content_markdown
from backend.journeys.articles import render

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(content.__file__).parent


def _fixture_library(articles: Path = FIXTURES / "articles") -> content.Library:
    return content.load(articles, FIXTURES / "directory.yaml", every_region=False)


# --- the project's own content ---------------------------------------------------------------------


def test_every_article_loads() -> None:
    """Every article, the stages, the tags and the directory, checked (ContentError lists every problem)."""
    lib = content.load()
    assert len(lib.articles) >= 40, len(lib.articles)
    by_audience = {a: [x for x in lib.articles.values() if x.audience == a] for a in content.AUDIENCES}
    assert len(by_audience["adult_adoptee"]) >= 5
    assert len(by_audience["young_person"]) >= 1
    kinship = [a for a in lib.articles.values() if not {"adoption"} & set(a.legal_routes)]
    assert len(kinship) >= 5, "at least 5 articles specific to special guardians and kinship carers"
    # Every stage has something to read.
    assert {s for a in lib.articles.values() for s in a.stages} == set(lib.stages)


def test_the_directory_covers_every_region_with_marked_examples() -> None:
    lib = content.load()
    assert {e.region for e in lib.directory} == set(content.REGIONS)
    assert all(e.example for e in lib.directory)


def test_every_article_renders_through_the_sanitiser() -> None:
    lib = content.load()
    for article in lib.articles.values():
        html = render(article)
        assert "<script" not in html and "(article:" not in html and 'href="article:' not in html, (
            article.slug
        )
        for target in article.links:
            assert f'href="/api/v1/articles/{target}"' in html, (article.slug, target)


def test_stages_and_tags_are_the_contracts() -> None:
    stages = content.load_stages()
    assert list(stages) == [
        "preparing-and-approval",
        "matching-and-introductions",
        "first-year-after-placement",
        "starting-nursery-or-school",
        "moving-to-secondary-school",
        "adolescence-identity-belonging",
        "life-story-work",
        "birth-family-contact",
        "online-safety",
        "school-and-send",
        "child-to-parent-violence",
        "turning-18-and-records",
        "adult-life",
        "looking-after-yourself",
        "special-guardianship-and-kinship",
    ]
    assert len(content.load_tags()) == 50
    # Nudge titles can show on a lock screen: never a placeholder for a child's details.
    assert all("{" not in (s.nudge or "") for s in stages.values())


def test_the_content_package_never_imports_flask_or_the_backend() -> None:
    code = (
        "import sys, content; content.load(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'backend')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent
    )
    assert out.stdout.strip() == "[]"


# --- the loader's rules, on fixtures ----------------------------------------------------------------


def test_fixtures_load_and_link() -> None:
    lib = _fixture_library()
    assert set(lib.articles) == {
        "fixture-getting-ready-for-year-7",
        "fixture-who-am-i",
        "fixture-records-after-18",
    }
    article = lib.articles["fixture-who-am-i"]
    assert article.audience == "young_person"
    assert article.links == ("fixture-getting-ready-for-year-7",)
    assert 300 <= article.words <= 900
    assert [e.region for e in lib.directory] == ["North West", "London"]


def _broken(tmp_path: Path, slug: str, old: str, new: str) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(FIXTURES / "articles", folder)
    path = folder / f"{slug}.md"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return folder


Y7 = "fixture-getting-ready-for-year-7"
CASES: list[tuple[str, str, str, str]] = [
    ("unknown stage", "stages: [moving-to-secondary-school]", "stages: [moving-house]", "stages: unknown"),
    ("unknown tag", "tags: [school, transitions]", "tags: [school, homework]", "tags: unknown"),
    ("bad audience", "audience: carer", "audience: parents", "audience is one of"),
    (
        "bad route",
        "legal_routes: [adoption, special_guardianship, kinship]",
        "legal_routes: [fostering]",
        "legal_routes",
    ),
    ("bad evidence", "evidence: [lived_experience, practice]", "evidence: [opinion]", "evidence"),
    ("bad date", "reviewed_on: 2026-11-30", "reviewed_on: last week", "reviewed_on"),
    ("minutes as text", "reading_minutes: 2", "reading_minutes: two", "reading_minutes"),
    ("minutes far off", "reading_minutes: 2", "reading_minutes: 9", "reading_minutes 9"),
    ("unknown field", "tags: [school, transitions]", "tags: [school]\nauthor: me", "unknown fields"),
    (
        "missing field",
        'summary: "A small test article about planning the move to secondary school."\n',
        "",
        "missing fields",
    ),
    ("slug not file", f"slug: {Y7}", "slug: something-else", "file name"),
    ("broken link", "(article:fixture-who-am-i)", "(article:no-such-article)", "does not exist"),
    ("external link", "(article:fixture-who-am-i)", "(https://example.org/)", "only [text](article:<slug>)"),
    (
        "bare address",
        "This is a fixture article",
        "See www.example.org. This is a fixture article",
        "web address",
    ),
    ("raw html", "## Start early", "<div>## Start early</div>", "raw HTML"),
    ("script", "## Start early", "<script>alert(1)</script>", "raw HTML"),
    ("image", "## Start early", "![a photo](article:fixture-who-am-i)", "image"),
    ("level-1 heading", "## Start early", "# Start early", "level-1 heading"),
    ("other number", "call 999", "call 01632 960555", "phone number"),
    ("no front matter", "---\nslug:", "slug:", "front matter"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_broken_rule_fails_the_load(tmp_path: Path, case: tuple[str, str, str, str]) -> None:
    _name, old, new, expected = case
    folder = _broken(tmp_path, Y7, old, new)
    with pytest.raises(content.ContentError) as failed:
        _fixture_library(folder)
    assert any(expected in problem for problem in failed.value.problems), failed.value.problems
    assert all(problem.startswith(f"{Y7}.md") for problem in failed.value.problems), failed.value.problems


def test_too_short_and_too_long(tmp_path: Path) -> None:
    folder = _broken(tmp_path, Y7, "## Start early", "## Start early\n\n" + "word " * 600)
    with pytest.raises(content.ContentError, match="words; articles have 300-900"):
        _fixture_library(folder)
    folder = tmp_path / "short"
    folder.mkdir()
    head = (FIXTURES / "articles" / f"{Y7}.md").read_text().split("\n---\n")[0]
    (folder / f"{Y7}.md").write_text(head + "\n---\n\nToo short.\n")
    with pytest.raises(content.ContentError, match="2 words"):
        _fixture_library(folder)


def _directory(tmp_path: Path, text: str, **kwargs: Any) -> list[content.Entry]:
    path = tmp_path / "directory.yaml"
    path.write_text(text)
    return content.directory.load_directory(path, **kwargs)


ENTRY = """- region: "{region}"
  local_authority: "Example Council (example entry)"
  example: {example}
  support_duty_line: "{number}"
  out_of_hours: "Out-of-hours: 01632 960002; in an emergency 999"
  virtual_school: "Virtual School: 01632 960003"
"""


def test_directory_rules(tmp_path: Path) -> None:
    good = ENTRY.format(region="south east", example="true", number="01632 960001")
    assert _directory(tmp_path, good, every_region=False)[0].region == "South East"
    for bad, expected in (
        (ENTRY.format(region="Wales", example="true", number="01632 960001"), "not one of"),
        (ENTRY.format(region="London", example="false", number="01632 960001"), "example: true"),
        (ENTRY.format(region="London", example="true", number="020 7946 0000"), "drama number"),
        (good + "  website: x\n", "unknown"),
    ):
        with pytest.raises(content.ContentError, match=expected):
            _directory(tmp_path, bad, every_region=False)
    with pytest.raises(content.ContentError, match="no entry for"):
        _directory(tmp_path, good)


def test_rendering_keeps_only_internal_links() -> None:
    html = render_content_markdown(
        "## Heading\n\n[ok](/api/v1/articles/a-b) [no](https://example.org) [js](javascript:x) <b>x</b>"
    )
    assert "<h2>Heading</h2>" in html
    assert '<a href="/api/v1/articles/a-b">ok</a>' in html
    assert "https://example.org" not in html.split("<a ")[-1] or html.count("<a ") == 1
    assert html.count("<a ") == 1 and "<b>" not in html
