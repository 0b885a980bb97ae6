"""Per-routine dosage tables in routines.toml: checked like exercises, used by the plan, the listing, the history."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from footui.cli.main import main
from footui.content.routines import load_library
from footui.history.store import new_record
from footui.session.plan import build_plan

PHYSIO = """\
[[routine]]
id = "physio"
name = "Physio's version"
exercises = [
  "toe-walking",
  { id = "toe-press", sets = 12, hold_s = 5, rest_s = 3 },
  { id = "ankle-circles", sides = "none" },
]
"""


def test_a_dosage_table_changes_that_routine_only(tmp_path: Path) -> None:
    path = tmp_path / "routines.toml"
    path.write_text(PHYSIO)
    library = load_library(path)
    assert library.problems == []
    toe_walking, toe_press, circles = library.routine_exercises(library.routines["physio"])
    assert (toe_press.id, toe_press.sets, toe_press.hold_s, toe_press.rest_s) == ("toe-press", 12, 5, 3)
    assert toe_press.per_day == 3  # the daily target is the exercise's own: one target, one history
    assert toe_walking.sets == 5 and circles.sides == "none"
    builtin = library.routine_exercises(library.routines["back-relief"])[0]
    assert (builtin.sets, builtin.hold_s) == (10, 3)
    plan = build_plan(library.routines["physio"], library.routine_exercises(library.routines["physio"]))
    assert [e.sets for e in plan.entries] == [5, 12, 1]
    record = new_record(
        "physio",
        "Physio",
        [(e.exercise.id, e.side, e.sets, e.exercise.hold_s, e.exercise.rest_s) for e in plan.entries],
        datetime.now().astimezone(),
    )
    assert record["exercises"][1]["exercise_id"] == "toe-press"
    assert (record["exercises"][1]["sets_planned"], record["exercises"][1]["hold_s"]) == (12, 5)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('{ id = "toe-press", sets = 0 }', "routines.toml:6: routine dosage of 'toe-press': sets is out of range"),
        (
            '{ id = "toe-press", hold_s = "5" }',
            "routines.toml:6: routine dosage of 'toe-press': hold_s must be a number",
        ),
        ('{ id = "toe-press", sides = "left" }', "routines.toml:6: routine dosage of 'toe-press': sides must be"),
        ('{ id = "toe-press", per_day = 2 }', "routines.toml:6: unknown key 'per_day' in the dosage of 'toe-press'"),
        ('{ id = "nope", sets = 2 }', "routines.toml:4: unknown exercise id 'nope' in routine 'r'"),
        ("{ sets = 2 }", "routines.toml:4: routine exercises must be a non-empty list of exercise ids or tables"),
    ],
)
def test_dosage_tables_are_checked_with_the_exercise_rules(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "routines.toml"
    path.write_text(f'[[routine]]\nid = "r"\nname = "R"\nexercises = [\n  "toe-walking",\n  {entry},\n]\n')
    library = load_library(path)
    assert "r" not in library.routines
    assert any(p.startswith(message) for p in library.problems), library.problems


def test_footui_routines_shows_the_dosage_done(
    footui_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (footui_dirs[0] / "routines.toml").write_text(PHYSIO)
    assert main(["routines", "--format", "json"]) == 0
    physio = next(r for r in json.loads(capsys.readouterr().out) if r["id"] == "physio")
    assert [(e["id"], e["sets"], e["hold_s"]) for e in physio["exercises"]][1] == ("toe-press", 12, 5)
    assert main(["routines"]) == 0
    assert "Toe press: 12 x hold 5 s, rest 3 s" in capsys.readouterr().out
