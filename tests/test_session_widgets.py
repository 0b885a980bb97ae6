"""The session's countdown digits and bars: what they show, and that a second's change stays a small repaint."""

from __future__ import annotations

from textual.app import App, ComposeResult

from footui.ui.widgets.big_digits import BigDigits, render_big
from footui.ui.widgets.cells import Cells
from footui.ui.widgets.meter import Meters


def test_a_shorter_number_is_centred_in_the_room_of_the_phase_first() -> None:
    nine = render_big("9")
    assert render_big("9", room="10") == ["   " + row + "   " for row in nine]
    assert render_big("59", room="1:00") == ["     " + row + "     " for row in render_big("59")]
    assert render_big("10", room="9") == render_big("10")  # never narrower than the number itself
    large = ["".join(c * 2 for c in row) for row in render_big("9", room="10") for _ in (1, 2)]
    assert render_big("9", 2, room="10") == large  # twice as wide and twice as tall


class DigitsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield BigDigits("10", id="countdown")


async def test_ten_becomes_nine_in_place() -> None:
    """The strips stay (a narrower widget would move, and the screen repaint every row around it)."""
    app = DigitsApp()
    async with app.run_test(size=(40, 8)) as pilot:
        digits = app.query_one(BigDigits)
        digits.update("10", room="10")
        await pilot.pause()
        strips = list(digits.query(Cells))
        digits.update("9", room="10")
        await pilot.pause()
        assert list(digits.query(Cells)) == strips
        assert digits.rows == render_big("9", room="10")
        digits.update("9", room="9")  # the next phase starts at 9: its own room
        await pilot.pause()
        assert digits.rows == render_big("9")


def test_the_bars_show_whole_cells_done_and_no_percentages() -> None:
    meters = Meters(("Phase", "Exercise", "Session"), width=30)
    meters.set_fractions((1 / 3, 0.999, 2.0))
    assert meters.text("Phase") == "Phase    " + "█" * 10 + "░" * 20
    assert meters.text("Exercise") == "Exercise " + "█" * 29 + "░"  # full only when its part is over
    assert meters.text("Session") == "Session  " + "█" * 30
    assert meters.fraction("Phase") == 10 / 30
    assert "%" not in "".join(meters.rows)
