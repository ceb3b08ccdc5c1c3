"""Which library multiplies the model's matrices, and on how many threads.

spaCy's layers multiply with blis by default. On our machines (AMD EPYC, AVX2) the blis
wheel reaches 15 to 28 GFLOP/s on the model's shapes where numpy's OpenBLAS reaches 64 to
76 on one thread, and the two give the same parses (docs/performance.md, sixth pass).
The choice is made when the layers are built: thinc gives each layer the ops current at
that moment. The transition loops of the parser and the entity recogniser are compiled
against blis and keep it whatever is chosen here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import cache

from thinc.api import use_ops

from ..errors import BadConfig

CHOICES = ("numpy", "blis")


def building_with(library: str) -> contextlib.AbstractContextManager:
    """The context to build a pipeline's layers in for ``library``: "numpy" (numpy's
    BLAS) or "blis" (spaCy's default)."""
    if library not in CHOICES:
        raise BadConfig(f"[newsfacts] matmul = {library!r}: choose one of "
                        f"{', '.join(map(repr, CHOICES))}")
    if library == "blis":
        return contextlib.nullcontext()
    return use_ops("numpy", use_blis=False)


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with numpy's BLAS on one thread, then restore its setting.

    The model's matrices are small (a batch is some 8,000 tokens by 96 to 384 columns):
    a second OpenBLAS thread spends more CPU waiting than it saves, and an ingest runs
    a process per core already. Scoped, so a caller's own numpy keeps its threads."""
    with _controller().limit(limits=1, user_api="blas"):
        yield


@cache
def _controller():
    # Finding the loaded BLAS libraries walks the process's shared objects: once.
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
