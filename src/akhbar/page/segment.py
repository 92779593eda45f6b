"""Label every line of a page in context and group the lines into articles.

Input: the page text and its first-pass ``LineInfo`` list (``akhbar.page.lines``).
Output: the final list of labelled segments (a physical line may be split in two or
three segments when crawler text glued furniture to a sentence: a share bar or a
``NAME- سبق- جدة:`` byline before the first sentence, a back-link or an SMS
subscription line after the last one) and one ``Draft`` per article found.

The rules, in order, and the pages that justify them:

1. The main title is the line equal to the record's own title when one is given
   (SNN, ANT), else the last headline-like line before the first body run (SEED,
   GOLD renderings).
2. A body run starts at the first body-like line (>= 12 words, or a punctuated
   sentence) after the title and continues through body-like lines and short lines
   followed by body (intertitles), until a line the phrase tables mark as furniture
   (source, tags, share, related header, footer, subscription).
3. After a body run, a related header ("اقرأ أيضاً") followed by a headline and a
   body run opens a related article (SEED); followed by headlines only, it is a list
   of related links of the current article (CASE, GOLD).
4. Furniture fused to the first or last body line is cut off as its own segment
   (SNN gold: okaz share bar, sabq bylines, alweeam back-links, okaz/almadina SMS
   lines, aawsat "...المزيد", 3alyoum "سمات" tag lists).

The work is split by responsibility: ``akhbar.page.lineshape`` (decisions about single lines),
``akhbar.page.drafts`` (``Seg``, ``Draft`` and rules 1-3), ``akhbar.page.fused`` (rule 4),
``akhbar.page.glued`` (splitting glued headline runs).  This module runs them (``build``),
returns to the body a sentence glued after a run of related headlines, and applies the
furniture learned across a site's pages (``apply_repeated``).
"""

from __future__ import annotations

import re

from akhbar.page import lexicon as lx
from akhbar.page.drafts import Draft, DraftBuilder, Seg, shift_indexes
from akhbar.page.fused import split_fused
from akhbar.page.glued import split_glued_run
from akhbar.page.lines import LineInfo

__all__ = ["Draft", "Seg", "apply_repeated", "build", "split_glued_run"]

_SENT_TAIL = re.compile(r'[.!؟?]["”»]?\s*$')


def build(text: str, infos: list[LineInfo], *, meta_title: str | None = None, meta_author: str | None = None,
          line_model=None, url: str | None = None):
    """Label lines in context; return ``(segments, drafts)`` (see module docstring).

    ``line_model``: an ``akhbar.page.linemodel.LineModel``; when given, it chooses the main
    article's headline and body start from the rules' labels and the lines' features, and the
    rules lay the article out from there. ``url``: the page's URL (its slug is a feature).
    """
    bld = DraftBuilder(text, infos, meta_title, meta_author, url)
    bld.run()
    if line_model is not None and bld.start is not None:
        pick = line_model.start(infos, bld.labels, bld.start[1], url, rules_title=bld.start[0])
        if pick is not None and meta_title and bld.start[0] is not None:
            # the record's own title field names the headline; the model only moves the body start
            pick = (bld.start[0], pick[1]) if pick[1] > bld.start[0] else None
        if pick is not None and pick != bld.start:
            bld = DraftBuilder(text, infos, meta_title, meta_author, url)
            bld.run(start=pick)
    segs = [Seg(li.start, li.end, lab or "other_boilerplate") for li, lab in zip(infos, bld.labels)]
    drafts = bld.drafts
    if drafts:
        split_fused(text, segs, drafts, bld)
        _split_related_runs(text, segs, drafts)
    return segs, drafts


def _split_related_runs(text: str, segs: list[Seg], drafts: list[Draft]) -> None:
    """A "Related <headline><headline>...<sentence>." line inside a body run (SEED): the headlines
    stay a ``related`` segment, a trailing sentence glued after them goes back to the body."""
    for d in drafts:
        for j in list(d.related):
            sg = segs[j]
            m = lx.RELATED_LEAD.match(text[sg.start : sg.end])
            if not m or not d.body or not (d.body[0] < j < d.body[-1] or j == d.body[-1] + 1):
                continue
            pieces = split_glued_run(text, sg.start + m.end(), sg.end)
            if len(pieces) < 2:
                continue
            ls, le = pieces[-1]
            last = text[ls:le]
            if not (_SENT_TAIL.search(last) and len(last.split()) >= 6 and last.startswith("و")):
                continue
            # cut the segment: headlines stay "related", the sentence becomes a body segment
            sg.end = pieces[-2][1]
            segs.insert(j + 1, Seg(ls, le, "body"))
            shift_indexes(drafts, j + 1)
            d.body.append(j + 1)
            d.body.sort()


# ---------------------------------------------------------------------------- learned furniture
def apply_repeated(text: str, segs: list[Seg], drafts: list[Draft], learner, site: str, *, affixes: bool = True) -> int:
    """Relabel body segments that are furniture learned across a site's pages.

    ``learner`` is a frozen ``akhbar.corpus.repeated.RepeatedLines``. A body line repeated on many
    pages of ``site`` becomes ``other_boilerplate``; a repeated leading/trailing word run of the
    first or last body line is cut into its own ``other_boilerplate`` segment. Returns the number
    of segments changed.
    """
    changed = 0
    for d in drafts:
        for j in list(d.body):
            sg = segs[j]
            if learner.is_repeated(site, text[sg.start : sg.end]):
                sg.label = "other_boilerplate"
                d.body.remove(j)
                changed += 1
        for pos in (0, -1) if affixes else ():
            if not d.body:
                break
            j = d.body[pos]
            sg = segs[j]
            line = text[sg.start : sg.end]
            _, (s, e) = learner.strip_repeated_affixes(site, line)
            if (s, e) == (0, len(line)):
                continue
            changed += 1
            if s >= e:
                sg.label = "other_boilerplate"
                d.body.remove(j)
                continue
            start, end = sg.start, sg.end
            if e < len(line):
                segs.insert(j + 1, Seg(start + e, end, "other_boilerplate"))
                shift_indexes(drafts, j + 1)
                sg.end = start + e
            if s > 0:
                segs.insert(j, Seg(start, start + s, "other_boilerplate"))
                shift_indexes(drafts, j)
                segs[j + 1].start = start + s
    return changed
