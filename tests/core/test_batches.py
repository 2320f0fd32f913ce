"""`batched`: every item once, in order, in lists of the given size."""

from marsad.core.batches import batched


def test_batches_keep_order_and_size():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched(iter("ab"), 2)) == [["a", "b"]]


def test_no_items_no_batch():
    assert list(batched([], 5)) == []
