"""Handing a process's freed memory back to the system between its stages (the build's, the link scanner's)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def give_back() -> None:
    """Collect what only the cyclic collector frees, then have the C library return the free pages of its heap.

    glibc keeps freed memory in the process's heap for reuse, and a large block
    freed (a page's HTML) raises the size below which it allocates from that heap,
    so a process that read thousands of pages keeps their room. ``malloc_trim``
    returns every free page of it. Where the C library is not glibc, only the
    collection is done."""
    gc.collect()
    try:
        trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # no C library by that name, or one without malloc_trim
        return
    trim(0)
