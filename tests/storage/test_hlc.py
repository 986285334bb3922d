"""The hybrid logical clock: sortable text, monotonic even when the wall clock goes back."""

from __future__ import annotations

import pytest

from spie_desktop.storage.hlc import HybridClock, format_hlc, parse_hlc


class Wall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_format_sorts_as_text() -> None:
    stamp = format_hlc(1_800_000_000_123, 7, "abcd")
    assert stamp == "001800000000123-00007-abcd"
    assert parse_hlc(stamp) == (1_800_000_000_123, 7, "abcd")
    assert format_hlc(999, 99, "n") < format_hlc(1000, 0, "n")


def test_now_is_strictly_increasing_even_if_the_wall_clock_goes_back() -> None:
    wall = Wall(5_000)
    clock = HybridClock("dev1", wall)
    stamps = [clock.now()]
    stamps.append(clock.now())  # same millisecond: counter
    wall.ms = 4_000  # wall clock set back
    stamps.append(clock.now())
    wall.ms = 6_000
    stamps.append(clock.now())
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert [parse_hlc(s)[:2] for s in stamps] == [(5000, 0), (5000, 1), (5000, 2), (6000, 0)]


def test_observe_moves_past_a_remote_stamp_from_the_future() -> None:
    clock = HybridClock("local", Wall(1_000))
    remote = format_hlc(9_000, 3, "server")
    after = clock.observe(remote)
    assert parse_hlc(after) == (9_000, 4, "local")
    assert clock.now() > after > remote.replace("server", "local")


def test_counter_overflow_borrows_a_millisecond() -> None:
    clock = HybridClock("n", Wall(10))
    assert parse_hlc(clock.observe(format_hlc(10, 99_999, "x")))[:2] == (11, 0)
    assert parse_hlc(clock.now())[:2] == (11, 1)


@pytest.mark.parametrize("bad", ["", "12-3-x", "00000000000000a-00001-x", "000000000000001-00001-"])
def test_malformed_stamps_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_hlc(bad)
