"""The layout's grid helpers against the plain computations they stand for."""

import numpy as np
import pytest

from shabaka.render.layout import _close_pairs, _convolve_same


@pytest.mark.parametrize("k", [0.5, 3.0, 40.0])
def test_close_pairs_are_exactly_the_pairs_closer_than_k(k):
    pos = np.random.default_rng(1).random((400, 2)) * 100
    pos[7] = pos[3]  # two nodes on one spot
    dist = np.hypot(*(pos[:, None, :] - pos[None, :, :]).transpose(2, 0, 1))
    i, j = np.nonzero(np.triu(dist < k, 1))
    expected = set(zip(i.tolist(), j.tolist(), strict=True))
    found = [tuple(sorted(p)) for p in _close_pairs(pos, k).tolist()]
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_convolve_same_is_the_centred_direct_convolution():
    rng = np.random.default_rng(2)
    a, kernel = rng.random((6, 6)), rng.random((11, 11))
    full = np.zeros((16, 16))
    for x in range(6):
        for y in range(6):
            full[x : x + 11, y : y + 11] += a[x, y] * kernel
    assert np.allclose(_convolve_same(a, kernel), full[5:11, 5:11])
