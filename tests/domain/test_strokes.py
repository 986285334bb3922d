"""The stroke rules of a handwritten signature, without Qt."""

from __future__ import annotations

import json
import math

import pytest

from spie_desktop.domain import strokes as s
from spie_desktop.domain.errors import ValidationError
from spie_desktop.plan.handwriting import PAD_RATIO


def wave(count: int = 200, x0: float = 0.1, x1: float = 0.9) -> list[tuple[float, float]]:
    return [
        (x0 + (x1 - x0) * i / (count - 1), 0.5 + 0.3 * math.sin(i / (count - 1) * 4 * math.pi))
        for i in range(count)
    ]


def polyline_distance(point: tuple[float, float], line: list[tuple[float, float]]) -> float:
    return min(s._segment_distance(point, a, b) for a, b in zip(line, line[1:], strict=False))


def test_the_box_shape_is_the_one_the_pdf_draws() -> None:
    assert s.PAD_ASPECT_RATIO == PAD_RATIO


def test_distances_are_in_pad_widths() -> None:
    # A full-height move is a third of a full-width one on a 3:1 pad.
    assert s.distance((0, 0), (1, 0)) == pytest.approx(1.0)
    assert s.distance((0, 0), (0, 1)) == pytest.approx(1 / 3)


def test_decimation_drops_close_points_and_keeps_the_ends() -> None:
    stroke = [(0.1 + 0.001 * i, 0.5) for i in range(101)]  # every 0.001: 4x too dense
    kept = s.decimate(stroke)
    assert kept[0] == stroke[0] and kept[-1] == stroke[-1]
    assert 24 <= len(kept) <= 27
    gaps = [s.distance(a, b) for a, b in zip(kept, kept[1:-1], strict=False)]
    assert min(gaps) >= s.MIN_POINT_DISTANCE - 1e-12


def test_decimation_of_a_dot_is_one_point() -> None:
    assert s.decimate([(0.5, 0.5), (0.5, 0.5), (0.5001, 0.5)]) == [(0.5, 0.5), (0.5001, 0.5)]
    assert s.decimate([(0.5, 0.5), (0.5, 0.5)]) == [(0.5, 0.5)]
    assert s.decimate([]) == []


def test_simplify_keeps_endpoints_and_shape_within_epsilon() -> None:
    original = wave(400)
    simple = s.simplify(original, 0.002)
    assert simple[0] == original[0] and simple[-1] == original[-1]
    assert len(simple) < len(original) / 4
    assert set(simple) <= set(original)
    assert max(polyline_distance(p, simple) for p in original) <= 0.002 + 1e-12


def test_simplify_collapses_a_straight_line() -> None:
    line = [(0.1 + 0.8 * i / 99, 0.2 + 0.6 * i / 99) for i in range(100)]
    assert s.simplify(line) == [line[0], line[-1]]


def test_simplify_keeps_a_sharp_corner() -> None:
    corner = [(0.1 + 0.01 * i, 0.1) for i in range(50)] + [
        (0.59, 0.1 + 0.02 * i) for i in range(1, 40)
    ]
    assert (0.59, 0.1) in [(round(x, 6), round(y, 6)) for x, y in s.simplify(corner)]


def test_the_point_cap_is_enforced_and_the_shape_survives() -> None:
    strokes = [wave(3000, 0.05, 0.45), wave(3000, 0.55, 0.95)]
    capped = s.fit_to_budget(strokes, 500)
    assert s.point_count(capped) <= 500
    assert len(capped) == 2
    assert capped[0][0] == strokes[0][0] and capped[1][-1] == strokes[1][-1]


def test_the_cap_drops_strokes_when_there_are_too_many() -> None:
    many = [[(0.1, 0.1), (0.2, 0.2)] for _ in range(100)]
    assert s.point_count(s.fit_to_budget(many, 50)) <= 50


def test_recorder_keeps_a_long_scribble_under_the_cap() -> None:
    recorder = s.StrokeRecorder(max_points=300)
    for stroke in range(4):
        points = wave(2000, 0.05 + 0.22 * stroke, 0.25 + 0.22 * stroke)
        recorder.begin(points[0])
        for point in points[1:]:
            recorder.extend(point)
        assert recorder.end()
        assert len(recorder.current) == 0
    assert s.point_count(recorder.strokes()) <= 300
    assert len(recorder.strokes()) == 4


def test_recorder_clamps_rounds_and_undoes() -> None:
    recorder = s.StrokeRecorder()
    recorder.begin((-0.2, 0.5))
    assert not recorder.extend((-0.2, 0.5001))  # too close to count
    recorder.extend((0.5, 0.123456789))
    recorder.end((1.3, 0.5))
    (stroke,) = recorder.strokes()
    assert stroke[0] == (0.0, 0.5) and stroke[-1] == (1.0, 0.5)
    assert all(round(v, 4) == v for point in stroke for v in point)
    assert recorder.undo() and recorder.is_empty() and not recorder.undo()


def test_a_dot_or_a_tiny_scribble_is_not_a_signature() -> None:
    assert not s.is_meaningful([])
    assert not s.is_meaningful([[(0.5, 0.5)]])
    tiny_zigzag = [[(0.5 + 0.01 * (i % 2), 0.5 + 0.001 * i) for i in range(40)]]
    assert s.path_length(tiny_zigzag[0]) > s.MIN_INK_LENGTH  # long enough, but too small
    assert not s.is_meaningful(tiny_zigzag)
    short_dash = [[(0.4, 0.5), (0.46, 0.5)]]  # wide enough, too little ink
    assert not s.is_meaningful(short_dash)


def test_a_real_signature_is_meaningful() -> None:
    assert s.is_meaningful([wave(50)])
    assert s.is_meaningful([[(0.3, 0.5), (0.45, 0.5)]])  # just over both thresholds


def test_json_round_trip() -> None:
    strokes = [s.round_stroke(s.simplify(wave(120))), [(0.25, 0.75)]]
    text = json.dumps(s.to_json(strokes))
    data = json.loads(text)
    assert data[1] == [[0.25, 0.75]]
    assert s.from_json(data) == strokes
    assert all(len(str(v).split(".")[-1]) <= 4 for st in data for p in st for v in p)


def test_to_json_rounds_to_four_decimals() -> None:
    assert s.to_json([[(0.123456, 0.987654)]]) == [[[0.1235, 0.9877]]]


@pytest.mark.parametrize(
    "data",
    [{"x": 1}, [[1, 2]], [[[0.1]]], [[["0.1", 0.2]]], [[[float("nan"), 0.2]]], [[[True, 0.2]]]],
)
def test_malformed_json_is_refused(data: object) -> None:
    with pytest.raises(ValidationError) as caught:
        s.from_json(data)
    assert "illisible" in caught.value.message_fr


def test_foreign_strokes_are_cleaned() -> None:
    assert s.clean_strokes([[(1.5, -1.0), (0.333333, 0.5)], []]) == [[(1.0, 0.0), (0.3333, 0.5)]]
