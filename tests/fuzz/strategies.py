"""Hypothesis strategies for hostile Arabic news input (shared by the fuzz tests and benchmarks/fuzz.py).

Texts mix what real crawled pages carry and what breaks tools: Arabic, Persian and Urdu letters,
diacritics and tatweel, presentation forms, Arabic-Indic and Persian digits, bidi controls and
zero-width characters, Latin runs (slugs, URLs), punctuation of both scripts, date words, line
breaks, NUL and control characters, lone surrogates, and long runs of one character; plus
mutations (cuts, insertions, repeats) of the example pages in ``examples/``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
SEED_HTML = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.html"))]

ATOMS = [
    # letters and words
    "ا", "ب", "ة", "ى", "ي", "ی", "ک", "ە", "ۀ", "ه", "ٔ", "ے", "ں", "ٹ", "ﻻ", "ﺍ", "لا", "ال", "و",
    "قال", "الرئيس", "الرياض", "يوم", "الأحد", "يناير", "كانون الثاني", "رمضان", "هـ", "م", "منذ",
    "ساعات", "أمس", "اليوم", "الماضي", "اقرأ أيضاً", "المصدر:", "كتب:", "(واس)", "(أ ف ب)", "تاريخ النشر",
    # marks and controls
    "\u064b", "\u0651", "\u0670", "\u0640", "\u200c", "\u200d", "\u200f", "\u200e", "\u202b", "\u202c",
    "\u2066", "\u2069", "\ufeff", "\u00a0", "\x00", "\x07", "\r", "\t", "\ud800", "\udfff",
    # digits, punctuation, Latin
    "0", "7", "2025", "١", "٢٠٢٥", "۱۴۰۲", "/", "-", ":", "،", "؛", "؟", ".", "«", "»", '"', "(", ")",
    "www-sabq-org", "https://example.com/a/b", "GMT", "Share", "Loader Search", "aaaaaaaa", "<p>", "</div>",
    " ", " ", " ", "\n", "\n", "\n\n",
]

atom_texts = st.lists(st.sampled_from(ATOMS), max_size=120).map("".join)
runs = st.builds(lambda a, n: a * n, st.sampled_from(["a", "ا", "-", "\u0640", " ", "\n", "(", "١"]),
                 st.integers(1, 3000))
unicode_texts = st.text(max_size=300)


@st.composite
def mutated_seed(draw) -> str:
    """An example page cut, with hostile pieces inserted at random places."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "insert", "repeat"]))
        if op == "cut":
            j = draw(st.integers(i, min(len(text), i + 400)))
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.one_of(atom_texts, runs)) + text[i:]
        else:
            j = draw(st.integers(i, min(len(text), i + 200)))
            text = text[:j] + text[i:j] * draw(st.integers(1, 5)) + text[j:]
    return text


hostile_texts = st.one_of(atom_texts, runs, unicode_texts, mutated_seed())


@st.composite
def hostile_bytes(draw) -> bytes:
    """Bytes: hostile text in UTF-8, cp1256 or UTF-16, with flipped bytes and cuts."""
    text = draw(hostile_texts)
    enc = draw(st.sampled_from(["utf-8", "cp1256", "utf-16", "latin-1"]))
    data = bytearray(text.encode(enc, "surrogatepass" if enc.startswith("utf") else "replace"))
    for _ in range(draw(st.integers(0, 3))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@st.composite
def hostile_html(draw) -> bytes:
    """An HTML page: an example page mutated, or hostile text wrapped in (possibly broken) markup."""
    if draw(st.booleans()) and SEED_HTML:
        data = bytearray(draw(st.sampled_from(SEED_HTML)))
        for _ in range(draw(st.integers(0, 6))):
            i = draw(st.integers(0, len(data)))
            data[i:i] = draw(st.sampled_from([b"<div>", b"</p>", b"<<", b"\x00", b"<script>", b"&#0;",
                                              "ـــ".encode(), b'<meta charset="x\x00y">', b"<!--"]))
        return bytes(data)
    body = draw(hostile_texts)
    depth = draw(st.integers(0, 300))
    charset = draw(st.sampled_from(["utf-8", "windows-1256", "bogus", "utf\x00-8", ""]))
    return (f'<html><head><meta charset="{charset}"><title>{body[:50]}</title></head><body>'
            + "<div>" * depth + f"<p>{body}</p>" + "</div>" * (depth // 2) + "</body></html>"
            ).encode("utf-8", "surrogatepass")


def input_file_seeds() -> dict[str, bytes]:
    """One small input file of every kind ``akhbar refine`` reads, made from ``examples/``: JSON
    Lines (plain, gzipped, UTF-16), a JSON array, zips of JSON and of pages, a tarball of ANT
    documents and pages, WARC (plain and gzipped), Parquet, HTML (plain and gzipped), text and a
    loose ANT file. File name -> bytes."""
    import gzip
    import io
    import json
    import tarfile
    import zipfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = [json.loads(x) for x in (EXAMPLES / "03_records.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [r.get("text") or r.get("content") or "" for r in recs]
    txt = (EXAMPLES / "01_crawler_page.txt").read_bytes()
    html = (EXAMPLES / "04_page.html").read_bytes()
    jl = b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in recs)
    arr = json.dumps(recs, ensure_ascii=False).encode("utf-8")

    def zipped(members: dict[str, bytes]) -> bytes:
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            for n, d in members.items():
                z.writestr(n, d)
        return b.getvalue()

    def tarred(members: dict[str, bytes]) -> bytes:
        b = io.BytesIO()
        with tarfile.open(fileobj=b, mode="w:gz") as t:
            for n, d in members.items():
                ti = tarfile.TarInfo(n)
                ti.size = len(d)
                t.addfile(ti, io.BytesIO(d))
        return b.getvalue()

    ant = "".join(f"<DOC><DOCNO>d{i}</DOCNO><TITLE>t{i}</TITLE><TEXT>{t}</TEXT></DOC>\n"
                  for i, t in enumerate(texts)).encode("utf-8")
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    warc = b"".join(
        (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\nWARC-Target-URI: https://x.com/{i}\r\n"
         f"WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
         f"Content-Length: {len(body)}\r\n\r\n").encode() + body + b"\r\n\r\n" for i in range(2))
    pqb = io.BytesIO()
    pq.write_table(pa.table({"id": [r.get("id") for r in recs], "text": texts}), pqb)
    return {
        "a.jsonl": jl, "b.jsonl.gz": gzip.compress(jl), "c.json": arr, "d16.jsonl": jl.decode("utf-8").encode("utf-16"),
        "e.zip": zipped({"x.json": arr, "y.jsonl": jl}),
        "f.zip": zipped({"p/a.html": html, "p/b.txt": txt, "p/c.json": arr, "__MACOSX/p/._a.html": b"\x00\x05"}),
        "g.tar.gz": tarred({"p/a.txt": ant, "p/b.txt": txt, "p/c.html": html, "p/README.md": b"#"}),
        "h.warc": warc, "i.warc.gz": gzip.compress(warc), "j.parquet": pqb.getvalue(),
        "k.html": html, "l.html.gz": gzip.compress(html), "m.txt": txt, "n.txt": ant,
    }
