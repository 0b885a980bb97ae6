"""The built-in catalogue, the planned-time formula, and validation of the user's routines.toml."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from footui.content import catalogue
from footui.content.routines import Exercise, Routine, builtin_library, load_library, planned_seconds

QUICK = """\
[[exercise]]
id = "quick-press"
name = "Quick press"
sets = 3
hold_s = 1
rest_s = 1
sides = "none"

[[routine]]
id = "quick"
name = "Quick"
prepare_s = 1
exercises = ["quick-press", "toe-press"]
"""

ARTICLE_TABLE = {
    # id: (sets, hold_s, rest_s, sides, per_day, cue, equipment)
    "toe-press": (10, 3, 3, "none", 3, "HOLD", ()),
    "toe-pencil-pickups": (5, 10, 5, "both", 1, "HOLD", ("a pencil",)),
    "toe-walking": (5, 20, 15, "none", 2, "WALK", ()),
    "resisted-flexion": (10, 5, 10, "none", 1, "HOLD", ("an exercise band", "a bedpost")),
    "ankle-circles": (1, 10, 0, "both", 1, "CIRCLE", ()),
}


def write(config: Path, text: str | bytes) -> Path:
    path = config / "routines.toml"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def problems_of(config: Path, text: str | bytes) -> list[str]:
    return load_library(write(config, text)).problems


def line_of(problems: list[str], needle: str) -> int:
    """The line number of the one problem that mentions `needle`."""
    hits = [p for p in problems if needle in p]
    assert len(hits) == 1, (needle, problems)
    match = re.match(r"routines\.toml:(\d+): ", hits[0])
    assert match, hits[0]
    return int(match.group(1))


# --- the catalogue ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("ex_id", list(ARTICLE_TABLE))
def test_catalogue_matches_the_article_table(ex_id: str) -> None:
    ex = builtin_library().exercises[ex_id]
    sets, hold, rest, sides, per_day, cue, equipment = ARTICLE_TABLE[ex_id]
    assert (ex.sets, ex.hold_s, ex.rest_s, ex.sides, ex.per_day, ex.cue, ex.equipment) == (
        sets,
        hold,
        rest,
        sides,
        per_day,
        cue,
        equipment,
    )
    assert ex.builtin
    assert ex.side_list == (("left", "right") if sides == "both" else (None,))


def test_every_builtin_has_its_texts() -> None:
    for raw in catalogue.EXERCISES:
        for key in ("id", "name", "why", "steps", "source"):
            assert raw[key], (raw["id"], key)
        assert all(isinstance(step, str) and step for step in raw["steps"])
    for raw in catalogue.ROUTINES:
        assert raw["id"] and raw["name"] and raw["description"]
    assert catalogue.HEALTH_NOTE and catalogue.ARTICLE


def test_back_relief_is_all_five_in_order() -> None:
    lib = builtin_library()
    routine = lib.routines["back-relief"]
    assert routine.exercises == tuple(ARTICLE_TABLE)
    assert [ex.id for ex in lib.routine_exercises(routine)] == list(ARTICLE_TABLE)
    for other in lib.routines.values():
        assert all(ex_id in lib.exercises for ex_id in other.exercises)


def test_targets_and_names() -> None:
    lib = builtin_library()
    assert lib.targets() == {ex_id: row[4] for ex_id, row in ARTICLE_TABLE.items()}
    assert lib.names()["toe-walking"] == "Toe walking"


# --- planned time -------------------------------------------------------------------------------------------
def formula(routine: Routine, exercises: list[Exercise]) -> float:
    return sum(
        routine.prepare_s + ex.sets * ex.hold_s + (ex.sets - 1) * ex.rest_s
        for ex in exercises
        for _side in ex.side_list
    )


def test_planned_time_of_the_builtins() -> None:
    lib = builtin_library()
    back = lib.routines["back-relief"]
    assert planned_seconds(back, lib.routine_exercises(back)) == 552
    for routine in lib.routines.values():
        exercises = lib.routine_exercises(routine)
        assert planned_seconds(routine, exercises) == formula(routine, exercises)


def test_planned_time_of_the_quick_example(footui_dirs: tuple[Path, Path]) -> None:
    lib = load_library(write(footui_dirs[0], QUICK))
    assert lib.problems == []
    quick = lib.routines["quick"]
    assert not quick.builtin and quick.exercises == ("quick-press", "toe-press")
    assert planned_seconds(quick, lib.routine_exercises(quick)) == (1 + 3 + 2) + (1 + 30 + 27) == 64


def test_default_path_is_the_config_dir(footui_dirs: tuple[Path, Path]) -> None:
    write(footui_dirs[0], QUICK)
    assert "quick" in load_library().routines


def test_no_file_means_builtins_only(tmp_path: Path) -> None:
    lib = load_library(tmp_path / "missing.toml")
    assert lib.problems == [] and set(lib.exercises) == set(ARTICLE_TABLE)


# --- validation ---------------------------------------------------------------------------------------------
def test_toml_syntax_error_gives_its_line(footui_dirs: tuple[Path, Path]) -> None:
    problems = problems_of(footui_dirs[0], '[[exercise]]\nid = "a"\nname = "A\nsets = 3\n')
    assert len(problems) == 1
    assert problems[0].startswith("routines.toml:3: TOML syntax error")


def test_toml_error_at_end_of_document_points_at_the_last_line(footui_dirs: tuple[Path, Path]) -> None:
    # tomllib says "(at end of document)" instead of a line for these
    problems = problems_of(footui_dirs[0], '[[exercise]]\nid = "a"\nname = "A"\nsets = 3\nhold_s = ')
    assert problems == ["routines.toml:5: TOML syntax error: Invalid value"]
    problems = problems_of(footui_dirs[0], "x = 1\n\nx = 2\n")
    assert problems == ["routines.toml:3: TOML syntax error: Cannot overwrite a value"]


def test_not_utf8(footui_dirs: tuple[Path, Path]) -> None:
    assert problems_of(footui_dirs[0], b'[[exercise]]\nname = "\xff"\n') == [
        "routines.toml:1: the file is not UTF-8 text"
    ]


BROKEN = """\
colour = "red"
[[exercise]]
id = "a1"
name = "A one"
sets = 3
hold_s = 2
wobble = 1
[[exercise]]
id = "a2"
name = "A two"
sets = 3
[[exercise]]
id = "a3"
name = "A three"
sets = true
hold_s = "5"
[[exercise]]
id = "a4"
name = "A four"
sets = 3
hold_s = nan
rest_s = inf
[[exercise]]
id = "a5"
name = "A five"
sets = 101
hold_s = 0
per_day = 25
sides = "left"
[[exercise]]
id = "a1"
name = "A one again"
sets = 1
hold_s = 1
[[exercise]]
id = "toe-press"
name = "My toe press"
sets = 1
hold_s = 1
[[exercise]]
id = "a6"
name = "Bad \\u001b[31m name"
sets = 1
hold_s = 1
[[exercise]]
id = "good"
name = "Good one"
sets = 2
hold_s = 4
rest_s = 1.5
[[routine]]
id = "r1"
name = "R one"
exercises = ["good", "ghost", "a4"]
[[routine]]
id = "back-relief"
name = "Mine"
exercises = ["good"]
[[routine]]
id = "fine"
name = "Fine"
prepare_s = 0
exercises = ["good", "toe-press"]
[[routine]]
id = "fine"
name = "Fine again"
exercises = ["good"]
[[routine]]
id = "BAD ID"
exercises = "good"
"""

EXPECTED_LINES = {
    "unknown top-level key 'colour'": 1,
    "unknown key 'wobble'": 7,
    "[[exercise]] is missing 'hold_s'": 8,
    "exercise sets must be a whole number from 1 to 100 (got true)": 15,
    "exercise hold_s must be a number above 0 and at most 3600 (got '5')": 16,
    "hold_s must be a finite number": 21,
    "rest_s must be a finite number": 22,
    "sets is out of range": 26,
    "hold_s is out of range": 27,
    "per_day is out of range": 28,
    "exercise sides must be": 29,
    "duplicate exercise id 'a1'": 31,
    "'toe-press' is a built-in exercise": 36,
    "must not contain control characters": 42,
    "unknown exercise id 'ghost'": 54,
    "unknown exercise id 'a4' in routine 'r1' (it has a problem above)": 54,
    "'back-relief' is a built-in routine": 56,
    "duplicate routine id 'fine'": 65,
    "routine id must be": 69,
    "[[routine]] is missing 'name'": 68,
    "routine exercises must be a non-empty list": 70,
}


def test_every_problem_reported_at_once_with_its_line(footui_dirs: tuple[Path, Path]) -> None:
    lines = BROKEN.splitlines()
    problems = problems_of(footui_dirs[0], BROKEN)
    for needle, line in EXPECTED_LINES.items():
        assert line_of(problems, needle) == line, (needle, lines[line - 1])
    assert len(problems) == len(EXPECTED_LINES), problems
    assert all(p.startswith("routines.toml:") for p in problems)
    assert [int(p.split(":")[1]) for p in problems] == sorted(int(p.split(":")[1]) for p in problems)
    assert not any("\x1b" in p for p in problems)  # control characters are shown, not sent


def test_valid_parts_still_used_and_builtins_still_load(footui_dirs: tuple[Path, Path]) -> None:
    lib = load_library(write(footui_dirs[0], BROKEN))
    assert set(lib.exercises) == set(ARTICLE_TABLE) | {"good"}
    assert set(lib.routines) == {"back-relief", "no-equipment", "toe-press-only", "fine"}
    good = lib.exercises["good"]
    assert (good.sets, good.hold_s, good.rest_s, good.sides, good.cue, good.builtin) == (
        2,
        4,
        1.5,
        "none",
        "HOLD",
        False,
    )
    assert lib.routines["fine"].name == "Fine" and lib.routines["fine"].prepare_s == 0
    assert lib.routines["back-relief"].name == "Back-pain relief" and lib.routines["back-relief"].builtin
    assert lib.exercises["toe-press"].name == "Toe press"


def test_a_float_count_and_wrong_containers(footui_dirs: tuple[Path, Path]) -> None:
    problems = problems_of(
        footui_dirs[0],
        '[[exercise]]\nid = "x"\nname = "X"\nsets = 3.0\nhold_s = 1\nsteps = "one"\n[exercise.extra]\nq = 1\n',
    )
    assert line_of(problems, "written without a decimal point") == 4
    assert line_of(problems, "exercise steps must be a list") == 6
    assert line_of(problems, "unknown key 'extra'") == 7
    assert len(problems) == 3


def test_single_bracket_tables_are_explained(footui_dirs: tuple[Path, Path]) -> None:
    problems = problems_of(footui_dirs[0], '[exercise]\nid = "x"\nname = "X"\nsets = 1\nhold_s = 1\n')
    assert problems == ["routines.toml:1: write exercises as [[exercise]] and routines as [[routine]] tables"]


def test_footui_never_rewrites_the_file(footui_dirs: tuple[Path, Path]) -> None:
    path = write(footui_dirs[0], BROKEN)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_library(path)
    load_library()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in footui_dirs[0].iterdir()) == ["routines.toml"]


def test_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    lib = load_library(tmp_path)  # a directory: reading it fails
    assert lib.problems == [f"{tmp_path.name}:1: cannot read it (not a regular file)"]
    assert "back-relief" in lib.routines


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("steps", '["Stand.", "Press \\u001b[2J hard."]', "steps item 2 must not contain control characters"),
        ("equipment", '["a band\\u0007"]', "equipment item 1 must not contain control characters"),
        ("why", '"Because\\u009b31m."', "why must not contain control characters"),
        ("steps", '["' + "x" * 401 + '"]', "steps item 1 must be at most 400 characters"),
    ],
)
def test_control_characters_in_prose_fields_are_refused_with_their_line(
    footui_dirs: tuple[Path, Path], field: str, value: str, needle: str
) -> None:
    text = f'[[exercise]]\nid = "mine"\nname = "Mine"\nsets = 1\nhold_s = 3\n{field} = {value}\n'
    problems = problems_of(footui_dirs[0], text)
    assert line_of(problems, needle) == 6, problems
    assert "mine" not in load_library(write(footui_dirs[0], text)).exercises


def test_a_step_over_two_lines_is_still_fine(footui_dirs: tuple[Path, Path]) -> None:
    head = '[[exercise]]\nid = "mine"\nname = "Mine"\nsets = 1\nhold_s = 3\n'
    text = head + 'steps = ["""\nOne step\r\nover two\tlines."""]\n'
    lib = load_library(write(footui_dirs[0], text))
    assert not lib.problems and lib.exercises["mine"].steps == ("One step\nover two\tlines.",)  # TOML reads CRLF as LF
