"""Results cross the process boundary as plain data, and comparisons say where and by how much."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.grading.compare import compare, rel_error
from tutor.grading.spec import Tolerance
from tutor.grading.wire import Opaque, WireError, decode_frames, encode_frame, to_plain

TIGHT = Tolerance(rtol=1e-7, atol=1e-9)


def tol(_dtype):
    return TIGHT


def roundtrip(value):
    frames, complete = decode_frames(encode_frame({"kind": "case"}, to_plain(value)))
    assert complete
    return frames[0]["value"]


def test_arrays_tuples_and_dicts_survive_the_trip():
    value = (np.arange(6.0).reshape(2, 3), {"dw": np.float32(2.5), "n": 3}, [1, 2], None, "text")
    back = roundtrip(value)
    assert isinstance(back, tuple) and back[0].shape == (2, 3)
    assert back[1]["dw"].dtype == np.float32 and float(back[1]["n"]) == 3
    assert back[2][1] == 2 and back[3] is None and back[4] == "text"


def test_objects_arrive_as_opaque_never_as_objects():
    class Sneaky:
        def __reduce__(self):
            raise AssertionError("never pickled")

    back = roundtrip([Sneaky(), np.array([object()], dtype=object)])
    assert isinstance(back[0], Opaque) and back[0].type == "Sneaky"
    assert isinstance(back[1], Opaque)


def test_a_hostile_stream_is_an_error_not_code():
    frame = encode_frame({"kind": "case"}, np.ones(3))
    with pytest.raises(WireError):
        decode_frames(frame.replace(b"<f8", b"|O8"))  # an object dtype in the header
    frames, complete = decode_frames(frame[:-5])  # cut short: the process died mid-write
    assert frames == [] and not complete


def test_a_wrong_value_names_the_worst_element():
    expected = np.array([[0.1, 0.2], [0.3, 0.4]])
    actual = expected.copy()
    actual[1, 0] = 0.35
    result = compare(actual, expected, tol)
    assert not result.ok
    assert result.worst_index == [1, 0]
    assert result.expected_at == pytest.approx(0.3) and result.actual_at == pytest.approx(0.35)
    assert "index (1, 0)" in result.message and "1 of 4 elements" in result.message


def test_nan_passes_only_where_nan_is_expected():
    expected = np.array([np.nan, 1.0])
    assert compare(np.array([np.nan, 1.0]), expected, tol).ok
    assert not compare(np.array([1.0, np.nan]), np.array([1.0, 1.0]), tol).ok


def test_shapes_and_types_are_explained():
    assert "expected shape (3,), got (3, 1)" in compare(np.ones((3, 1)), np.ones(3), tol).message
    assert "forget `return`" in compare(None, np.ones(3), tol).message
    assert "expected 2 values (loss, dx)" in compare((1.0,), (np.float64(1), np.ones(2)), tol, names=["loss", "dx"]).message
    assert compare([1.0, 2.0], np.array([1.0, 2.0]), tol).ok  # a list of numbers is fine


def test_lower_precision_than_expected_fails():
    expected = np.linspace(0, 1, 5)
    result = compare(expected.astype(np.float32), expected, tol)
    assert not result.ok and "expected float64, got float32" in result.message


def test_relative_error_is_cs231ns():
    assert rel_error(np.array([1.0]), np.array([1.0])) == 0.0
    assert rel_error(np.array([2.0]), np.array([1.0])) == pytest.approx(1 / 3)


def test_a_zero_dimensional_result_keeps_its_shape():
    import numpy as np

    from tutor.grading.wire import to_plain

    assert to_plain(np.array(3.0)).shape == ()
    strided = to_plain(np.arange(6.0).reshape(2, 3)[:, ::2])
    assert strided.flags.c_contiguous and strided.tolist() == [[0.0, 2.0], [3.0, 5.0]]
