"""Pictures of the exercises: the mirror function, the built-in keyframes' bounds, user pictures."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from footui.content.pictures import (
    MAX_HEIGHT,
    MAX_WIDTH,
    Keyframe,
    art_problem,
    builtin_pictures,
    caption_for,
    cell_width,
    for_side,
    frame_for,
    mirror,
)
from footui.content.routines import builtin_library, load_library
from footui.text.cleaning import has_control

BUILTIN_IDS = list(builtin_library().exercises)


def test_mirror_reverses_each_row_and_swaps_paired_characters() -> None:
    assert mirror("/ab\\\n(╱ ┌") == "/ba\\\n┐ ╲)"
    assert mirror("╭─╮\n╰╯") == "╭─╮\n ╰╯"  # rows padded to the widest before they turn round
    assert mirror("→ ↻ ▌ [") == "] ▐ ↺ ←"


def test_mirror_twice_is_the_same_drawing() -> None:
    for frames in builtin_pictures().values():
        for frame in frames:
            assert mirror(mirror(frame.art)) == frame.art


def test_left_foot_frames_are_the_right_foot_mirrored() -> None:
    frames = builtin_library().exercises["toe-pencil-pickups"].pictures
    left = for_side(frames, "left")
    assert [f.art for f in left] == [mirror(f.art) for f in frames]
    assert [f.caption for f in left] == [f.caption for f in frames]
    assert for_side(frames, "right") == frames and for_side(frames, None) == frames


@pytest.mark.parametrize("exercise_id", BUILTIN_IDS)
def test_every_builtin_exercise_has_2_to_4_keyframes_within_bounds(exercise_id: str) -> None:
    frames = builtin_library().exercises[exercise_id].pictures
    assert 2 <= len(frames) <= 4
    assert any(f.ready for f in frames) and any(f.work for f in frames)
    for frame in frames + for_side(frames, "left"):
        rows = frame.art.split("\n")
        assert len(rows) <= MAX_HEIGHT
        assert max(cell_width(row) for row in rows) <= MAX_WIDTH
        assert not has_control(frame.art.replace("\n", ""))
        assert frame.caption and not has_control(frame.caption) and "\n" not in frame.caption
        assert frame.caption not in frame.art  # the caption is kept outside the art
        assert len(textwrap.wrap(frame.caption, MAX_WIDTH)) <= 2  # two lines under the picture
        assert art_problem(frame.art) == ""


def test_frames_for_a_phase() -> None:
    """A pose per set (a new pose redraws much of the picture: it changes where the phase does); a circle's
    frames, a dot going round, once a second."""
    ready = Keyframe("r", ready=True, work=False)
    a, b = Keyframe("a", ready=False, work=True), Keyframe("b", ready=False, work=True)
    frames = (ready, a, b)
    assert frame_for(frames, working=False, set_no=2, seconds_in=7) is ready
    assert [frame_for(frames, working=True, set_no=1, seconds_in=s) for s in range(4)] == [a, a, a, a]
    assert [frame_for(frames, working=True, set_no=n, seconds_in=3) for n in (1, 2, 3, 4)] == [a, b, a, b]
    start, turn = Keyframe("s", ready=True, work=True, turns=True), Keyframe("t", ready=False, work=True, turns=True)
    assert [frame_for((start, turn), working=True, set_no=1, seconds_in=s) for s in range(4)] == [start, turn] * 2
    assert frame_for((start, turn), working=False, set_no=1, seconds_in=1) is start
    assert frame_for((), working=True) is None


def test_one_caption_per_phase() -> None:
    start = Keyframe("s", "Leg raised", ready=True, work=True)
    turn = Keyframe("t", "Rotate the ankle", ready=False, work=True)
    assert caption_for((start, turn), working=False) == "Leg raised"
    assert caption_for((start, turn), working=True) == "Rotate the ankle"
    assert caption_for((start,), working=True) == "Leg raised"
    assert caption_for((), working=True) == ""


def test_art_problems() -> None:
    assert art_problem("x" * MAX_WIDTH) == ""
    assert "columns" in art_problem("x" * (MAX_WIDTH + 1))
    assert "columns" in art_problem("足" * 13)  # wide characters take two columns
    assert "rows" in art_problem("\n".join("x" * (MAX_HEIGHT + 1)))
    assert "control" in art_problem("a\x1b[31mb")
    assert "control" in art_problem("a\tb")
    assert "empty" in art_problem("  \n ")


def write(config: Path, text: str) -> None:
    config.mkdir(parents=True, exist_ok=True)
    (config / "routines.toml").write_text(text, encoding="utf-8")


USER = r'''
[[exercise]]
id = "towel"
name = "Towel scrunch"
sets = 2
hold_s = 5
pictures = [
"""
 ___
/   \\
""",
"""
 _~_
(   )
""",
]
'''


def test_user_pictures_are_loaded(footui_dirs: tuple[Path, Path]) -> None:
    config, _ = footui_dirs
    write(config, USER)
    lib = load_library()
    assert lib.problems == []
    frames = lib.exercises["towel"].pictures
    assert [f.art for f in frames] == [" ___\n/   \\", " _~_\n(   )"]
    assert frames[0].ready and not frames[0].work and frames[1].work


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('["a", "b", "c", "d", "e"]', "must have 1 to 4 pictures"),
        ('["' + "x" * 25 + '"]', "picture 1 must be at most 24 columns wide"),
        ('["ok", "a\\u001b[2Jb"]', "picture 2 must not contain control characters"),
        ('"not a list"', "must be a list of texts"),
        ('["' + "\\n".join("x" * 9) + '"]', "picture 1 must be at most 8 rows"),
    ],
)
def test_user_pictures_are_validated(footui_dirs: tuple[Path, Path], value: str, message: str) -> None:
    config, _ = footui_dirs
    write(config, f'[[exercise]]\nid = "bad"\nname = "Bad"\nsets = 1\nhold_s = 1\npictures = {value}\n')
    lib = load_library()
    assert "bad" not in lib.exercises
    assert len(lib.problems) == 1 and lib.problems[0].startswith("routines.toml:6: exercise pictures ")
    assert message in lib.problems[0]


def test_toe_walking_alternates_the_feet_on_tiptoe() -> None:
    """Two steps on tiptoe: one work frame with the left foot ahead, one with the right (not an arrow moved)."""
    frames = builtin_library().exercises["toe-walking"].pictures
    ahead = []
    for frame in (f for f in frames if f.work):
        labels = frame.rows[0]
        assert "L" in labels and "R" in labels  # each foot is named above its leg
        ahead.append("left" if labels.index("L") > labels.index("R") else "right")  # toes point right
    assert sorted(ahead) == ["left", "right"]
    work = [f.art.replace("→", "") for f in frames if f.work]
    assert len(set(work)) == len(work)


def dot_path(frames: tuple[Keyframe, ...]) -> list[tuple[int, int]]:
    """Where the circling dot is in each work frame, as (column, row) with rows counted downwards."""
    path = []
    for frame in (f for f in frames if f.work):
        (spot,) = [(row.index("●"), y) for y, row in enumerate(frame.rows) if "●" in row]
        path.append(spot)
    return path


def turns_clockwise_on_screen(path: list[tuple[int, int]]) -> bool:
    # the shoelace sum is positive for a clockwise turn when rows count downwards
    pairs = zip(path, path[1:] + path[:1], strict=True)
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs) > 0


@pytest.mark.parametrize("side", ["right", "left"])
def test_ankle_circles_turn_clockwise_on_both_feet(side: str) -> None:
    frames = for_side(builtin_library().exercises["ankle-circles"].pictures, side)
    path = dot_path(frames)
    assert len(set(path)) == 4
    assert turns_clockwise_on_screen(path)
    assert frames[0].ready  # the circle still starts from the starting pose
