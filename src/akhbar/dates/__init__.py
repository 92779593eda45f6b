"""Arabic date parsing. PLACEHOLDER (issue 3 replaces it): the API below is fixed."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass


@dataclass(slots=True)
class DateMatch:
    value: _dt.date | _dt.datetime
    iso: str
    precision: str
    span: tuple[int, int]
    calendar: str = "gregorian"
    weekday_ok: bool | None = None
    label: str | None = None  # "published" | "updated" | None


def find_dates(text: str, *, reference=None) -> list[DateMatch]:
    return []


def parse_date(text: str, *, reference=None) -> DateMatch | None:
    found = find_dates(text, reference=reference)
    return found[0] if found else None
