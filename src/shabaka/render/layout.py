"""Node positions computed in Python, so that a large graph opens still in the browser.

:func:`force_layout` is Fruchterman and Reingold's force-directed layout (edges pull
with d²/k, nodes push with k²/d) with the all-pairs repulsion computed on a grid, as
particle-mesh N-body codes do: nodes are binned, the bins' force field is one FFT
convolution, and only nodes closer than k are pushed apart exactly. An iteration costs
O(n + edges + bins·log bins) instead of networkx's O(n²) (``spring_layout`` takes about
30 s for 5,000 nodes on one core; this about 2 s).
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

_CELLS = 64  # bins per side of the grid that carries the long-range repulsion


def force_layout(
    G: nx.Graph,
    *,
    iterations: int = 120,
    seed: int = 0,
    edge_length: float = 90.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions (in pixels) of the nodes of ``G``.

    Each connected component is laid out on its own, edges pulling with the logarithm
    of their ``weight``; then the components are packed in rows, largest first, so
    that small pieces sit beside the main one instead of being pushed far away. The
    result is deterministic for a given ``seed``.

    >>> pos = force_layout(nx.path_graph(3), iterations=20)
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(G)), key=lambda c: (-len(c), str(c[0])))
    placed = [_component(G.subgraph(c), c, iterations, seed) for c in parts]
    boxes = [(p.max(axis=0) - p.min(axis=0)) if len(p) > 1 else np.zeros(2) for p in placed]
    width = max([float(boxes[0][0])] if boxes else [0.0]) + 1
    width = max(width, math.sqrt(sum(float((b[0] + 1) * (b[1] + 1)) for b in boxes)))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row = 0.0
    for nodes, pos, box in zip(parts, placed, boxes, strict=True):
        if x > 0 and x + box[0] > width:
            x, y, row = 0.0, y + row + 1, 0.0
        pos = pos - pos.min(axis=0) + (x, y)
        x += float(box[0]) + 1
        row = max(row, float(box[1]))
        out.update(
            {
                v: (round(float(a) * edge_length, 1), round(float(b) * edge_length, 1))
                for v, (a, b) in zip(nodes, pos, strict=True)
            }
        )
    return out


def _component(G: nx.Graph, nodes: list[Hashable], iterations: int, seed: int) -> np.ndarray:
    """Positions of the nodes of a connected graph, in units of the ideal edge length."""
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b], math.log1p(d.get("weight", 1))) for a, b, d in G.edges(data=True) if a != b]
    ends = np.array([(a, b) for a, b, _ in pairs], dtype=np.intp).reshape(-1, 2)
    strength = np.array([w for _, _, w in pairs], dtype=float)
    rng = np.random.default_rng(seed)
    k = 1.0
    side = math.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    if n == 1:
        return pos
    temperature = side / 8
    cooling = (0.01 / 8) ** (1 / max(iterations, 1))  # ends at 1% of the start
    for _ in range(iterations):
        disp = _far_repulsion(pos, k) + _near_repulsion(pos, k)
        delta = pos[ends[:, 0]] - pos[ends[:, 1]]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-3)[:, None]
        pull = delta * (dist / k) * strength[:, None]
        np.add.at(disp, ends[:, 0], -pull)
        np.add.at(disp, ends[:, 1], pull)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, temperature)
        temperature *= cooling
    return pos


def _far_repulsion(pos: np.ndarray, k: float, cells: int = _CELLS) -> np.ndarray:
    """Repulsion k²/d from every node, through a grid: the nodes are binned, the force
    field of the bins is one FFT convolution, each node reads the field at its bin."""
    low = pos.min(axis=0) - 1e-6
    size = max(float((pos.max(axis=0) - low).max()), 1e-3) * (1 + 1e-9)
    h = size / cells
    cell = np.minimum((pos - low) // h, cells - 1).astype(np.intp)
    density = np.zeros((cells, cells))
    np.add.at(density, (cell[:, 0], cell[:, 1]), 1.0)
    off = np.arange(-cells + 1, cells) * h
    dx, dy = np.meshgrid(off, off, indexing="ij")
    r2 = dx * dx + dy * dy
    r2[cells - 1, cells - 1] = np.inf  # no force from a node's own bin (see _near_repulsion)
    fx = _convolve_same(density, k * k * dx / r2)
    fy = _convolve_same(density, k * k * dy / r2)
    return np.stack([fx[cell[:, 0], cell[:, 1]], fy[cell[:, 0], cell[:, 1]]], axis=1)


def _near_repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Exact repulsion between nodes closer than ``k`` (they may share a bin)."""
    disp = np.zeros_like(pos)
    near = _close_pairs(pos, k)
    if len(near):
        delta = pos[near[:, 0]] - pos[near[:, 1]]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-3)[:, None]
        push = delta / dist * (k * k / dist)
        np.add.at(disp, near[:, 0], push)
        np.add.at(disp, near[:, 1], -push)
    return disp


def _convolve_same(a: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The convolution of ``a`` (n×n) with ``kernel`` ((2n-1)×(2n-1)), cut to the centre n×n,
    through one real FFT (what ``scipy.signal.fftconvolve(..., mode="same")`` gives)."""
    n = a.shape[0]
    full = 3 * n - 2
    product = np.fft.rfft2(a, (full, full)) * np.fft.rfft2(kernel, (full, full))
    return np.fft.irfft2(product, (full, full))[n - 1 : 2 * n - 1, n - 1 : 2 * n - 1]


#: The half of the 3×3 neighbourhood of a cell that is visited, so that each pair is seen once.
_HALF_NEIGHBOURHOOD = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))


def _close_pairs(pos: np.ndarray, k: float) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j`` in the same cell, of the points closer than ``k``.

    The points are binned in cells of side ``k``, so a close pair lies in one cell or in two
    neighbouring ones; candidates come from the sorted cell keys, all in array operations.

    >>> _close_pairs(np.array([[0.0, 0.0], [0.5, 0.0], [5.0, 5.0]]), 1.0).tolist()
    [[0, 1]]
    """
    cell = np.floor((pos - pos.min(axis=0)) / k).astype(np.int64)
    width = int(cell[:, 1].max()) + 3
    key = cell[:, 0] * width + cell[:, 1]
    order = np.argsort(key, kind="stable")
    keys = key[order]
    pairs = []
    for dx, dy in _HALF_NEIGHBOURHOOD:
        wanted = key + dx * width + dy
        start = np.searchsorted(keys, wanted, side="left")
        count = np.searchsorted(keys, wanted, side="right") - start
        first = np.repeat(np.arange(len(pos)), count)
        within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        second = order[np.repeat(start, count) + within]
        keep = first < second if (dx, dy) == (0, 0) else np.ones(len(first), dtype=bool)
        pairs.append(np.stack([first[keep], second[keep]], axis=1))
    pairs = np.concatenate(pairs)
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    return pairs[np.hypot(delta[:, 0], delta[:, 1]) < k]
