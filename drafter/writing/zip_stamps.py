"""Fixed dates for the packages drafter writes (.docx, .xlsx): the same content gives the same
bytes, whatever the day it was written."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

# The date every package member and document property carries: the EU-NATO statement of
# 6 December 2016 (the 42 proposals), not the clock.
FIXED_STAMP = dt.datetime(2016, 12, 6)


def member(name: str, stamp: dt.datetime = FIXED_STAMP) -> zipfile.ZipInfo:
    """Return a package member's header: dated `stamp`, compressed, readable by all."""
    entry = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def restamped(package: bytes) -> bytes:
    """Return the zip package with each member dated FIXED_STAMP, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(member(info.filename), source.read(info))
    return out.getvalue()
