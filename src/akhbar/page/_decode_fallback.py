"""Minimal bytes -> str decoding used only while akhbar.page.decode is unavailable."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Decoded:
    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def decode(data: bytes, *, declared: str | None = None) -> Decoded:
    if b"\x00" in data[:4096]:
        raise ValueError("binary content: NUL bytes")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ValueError("binary content: no text encoding fits") from None
        return Decoded(str(best), best.encoding)
