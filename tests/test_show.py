"""`footui show EXERCISE_ID [--side left|right]`: the exercise's card, pictures included, without a terminal."""

from __future__ import annotations

import pytest

from footui.cli.main import main
from footui.content.pictures import mirror
from footui.content.routines import builtin_library
from footui.text import formatting
from footui.text.cleaning import has_control

EXERCISES = builtin_library().exercises


@pytest.mark.parametrize("side", [None, "left", "right"])
@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_show_prints_the_whole_card(footui_dirs, capsys, exercise_id: str, side: str | None) -> None:
    ex = EXERCISES[exercise_id]
    code = main(["show", exercise_id] + (["--side", side] if side else []))
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(f"{ex.name}  ({exercise_id})\n")
    assert f"Why: {ex.why}" in out
    for number, step in enumerate(ex.steps, start=1):
        assert f"  {number}. {step}\n" in out
    assert f"Dosage: {formatting.dosage(ex)}" in out
    assert f"Source: {ex.source}" in out  # what came from the article and what footui filled in
    mirrored = ex.sides == "both" and side == "left"
    if ex.sides == "both":
        assert f"Pictures ({side or 'right'} foot):" in out
    else:
        assert "Pictures (both feet together):" in out
    for number, frame in enumerate(ex.pictures, start=1):
        assert f"  {number}. {frame.caption} (" in out
        art = mirror(frame.art) if mirrored else frame.art
        assert "\n".join(f"    {row}".rstrip() for row in art.split("\n")) in out
    assert not has_control(out.replace("\n", ""))


def test_the_left_and_right_pictures_differ_for_a_per_foot_exercise(footui_dirs, capsys) -> None:
    main(["show", "ankle-circles", "--side", "left"])
    left = capsys.readouterr().out
    main(["show", "ankle-circles", "--side", "right"])
    right = capsys.readouterr().out
    assert left != right and left.replace("left foot", "right foot") != right


def test_an_unknown_exercise_exits_2_and_lists_the_ids(footui_dirs, capsys) -> None:
    assert main(["show", "pencil"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "footui: no exercise 'pencil' (known: toe-press, toe-pencil-pickups, toe-walking, resisted-flexion, "
        "ankle-circles)\n"
    )


def test_a_user_exercise_with_pictures(footui_dirs, capsys) -> None:
    config, _ = footui_dirs
    (config / "routines.toml").write_text(
        '[[exercise]]\nid = "towel"\nname = "Towel"\nsets = 1\nhold_s = 2\nsides = "both"\n'
        'pictures = ["(o  ", "  o)"]\n'
    )
    assert main(["show", "towel", "--side", "left"]) == 0
    out = capsys.readouterr().out
    assert "  1. picture 1 (get ready, rest)\n    o)\n" in out
    assert "  2. picture 2 (hold)\n    (o\n" in out
