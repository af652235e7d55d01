"""Page Workshop: present a case vignette step by step, let the group choose, then reveal.

A presenter mode fills the screen for a projector: large type, one step at a time, and a
reveal that fits 1280x720 with the tool and the expert side by side. Icons are inline SVG,
so they show without an emoji font.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ..export import casus_handout_docx, casus_handout_markdown
from ..ranking import Recommender
from ..render import escape, markdown_to_html
from ..results import Recommendation
from ..schema import Casus
from ..vocabulary import PARTNER_TYPE
from .common import download, label, recommender, safe_markdown, t

PRESENTER_KEY = "workshop_presenter"
#: The tool answers with as many entries as the expert chose, within these bounds.
TOOL_LIST = (5, 10)

BASE_CSS = """
<style>
.presenter {font-size: 1.45rem; line-height: 1.6;}
.presenter h2 {font-size: 2rem;}
.ws-list, .ws-cols ul {list-style: none; margin: 0; padding: 0;}
.ws-list li, .ws-cols li {display: flex; align-items: flex-start; gap: 0.5rem; margin: 0 0 0.3rem;}
.ws-group {font-size: 0.85rem; color: #1f5fa8; border: 1px solid #1f5fa8;
  border-radius: 0.6rem; padding: 0 0.4rem; margin-left: 0.3rem; white-space: nowrap;}
</style>
"""
#: Presenter mode: the app's chrome hidden and the page filling the screen.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-ws_chooser {
  display: none !important;
}
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 0.75rem 2.5rem 0.5rem !important;
}
.ws-stage {font-size: 1.9rem; line-height: 1.45;}
.ws-stage h2 {font-size: 2.6rem; margin: 0 0 0.6rem;}
.ws-stage p, .ws-stage li {font-size: 1.9rem;}
.ws-step {font-size: 1.1rem; color: #555; margin: 0;}
.ws-reveal {font-size: 1.4rem; line-height: 1.28;}
.ws-reveal h2 {font-size: 2.4rem; margin: 0 0 0.2rem; padding: 0;}
.ws-reveal .ws-tally {font-size: 1.3rem; margin: 0 0 0.6rem; color: #333;}
.ws-cols {display: grid; grid-template-columns: 1fr 1fr; gap: 2.5rem;}
.ws-cols h3 {font-size: 1.7rem; margin: 0 0 0.35rem; padding: 0;}
.ws-cols li {margin: 0 0 0.35rem;}
</style>
"""
#: The group's choice is drawn in every run (so Streamlit keeps it) but hidden when not asked for.
HIDE_GROUP_CSS = "<style>.st-key-ws_group_box {display: none !important;}</style>"
#: Marks drawn with CSS rather than emoji or SVG: they look the same on every machine and
#: survive the HTML sanitiser of st.html, which drops SVG.
ICON_CSS = """
<style>
.ws-mark {display: inline-block; flex: none; position: relative; box-sizing: border-box;
  width: 1.05em; height: 1.05em; border-radius: 50%; margin-top: 0.12em;}
.ws-mark.ws-yes {background: #2e7d32;}
.ws-mark.ws-yes::after {content: ""; position: absolute; left: 0.36em; top: 0.16em;
  width: 0.26em; height: 0.52em; border: solid #fff; border-width: 0 0.13em 0.13em 0;
  transform: rotate(45deg);}
.ws-mark.ws-no {border: 0.12em solid #9e9e9e;}
</style>
"""


@dataclass(frozen=True)
class Reveal:
    """The answers compared: the tool's list, the expert's, the group's, and what they share."""

    tool: list[str]
    expert: list[str]
    group: list[str]

    @property
    def tool_shared(self) -> int:
        """How many of the expert's choices the tool also names."""
        return len(set(self.tool) & set(self.expert))

    @property
    def group_with_expert(self) -> int:
        return len(set(self.group) & set(self.expert))

    @property
    def group_with_tool(self) -> int:
        return len(set(self.group) & set(self.tool))


def tool_answer(rec: Recommender, casus: Casus) -> Recommendation:
    """Return the tool's answer for a vignette, leaving that vignette out.

    Without ``exclude_casus`` the vignette's own expert choices would lift themselves
    through the case-based signal, and the tool would seem to agree with the expert.
    """
    size = min(max(len(casus.expert_entries), TOOL_LIST[0]), TOOL_LIST[1])
    return rec.recommend(casus.profile.model_dump(), top_k=size, exclude_casus=casus.id)


def _step_key(casus_id: str) -> str:
    return f"workshop_step_{casus_id}"


def _revealed_key(casus_id: str) -> str:
    return f"workshop_revealed_{casus_id}"


def _icon(shared: bool) -> str:
    name = t("ws_shared") if shared else t("ws_not_shared")
    kind = "ws-yes" if shared else "ws-no"
    return f"<span class='ws-mark {kind}' role='img' aria-label='{escape(name)}'></span>"


def _item(title: str, shared: bool, group: bool) -> str:
    badge = f"<span class='ws-group'>{escape(t('answer_group'))}</span>" if group else ""
    return f"<li>{_icon(shared)}<span>{escape(title)}{badge}</span></li>"


def _title(kb, entry_id: str) -> str:
    return kb.entries[entry_id].title if entry_id in kb.entries else entry_id


def _reveal_html(casus: Casus, reveal: Reveal, kb) -> str:
    """Return the presenter's reveal: one heading with the count, then tool and expert side by side."""
    expert = set(reveal.expert)
    group = set(reveal.group)
    tool_items = "".join(_item(_title(kb, i), i in expert, i in group) for i in reveal.tool)
    tool_ids = set(reveal.tool)
    expert_items = "".join(_item(_title(kb, i), i in tool_ids, i in group) for i in reveal.expert)
    tally = t(
        "ws_group_tally",
        count=len(reveal.group),
        expert=reveal.group_with_expert,
        tool=reveal.group_with_tool,
    )
    return (
        "<div class='ws-reveal'>"
        f"<h2>{escape(t('ws_overlap', shared=reveal.tool_shared, total=len(reveal.expert)))}</h2>"
        f"<p class='ws-tally'>{escape(casus.title)} · {escape(tally)}</p>"
        "<div class='ws-cols'>"
        f"<section><h3>{escape(t('answer_guide'))}</h3><ul>{tool_items}</ul></section>"
        f"<section><h3>{escape(t('answer_expert'))}</h3><ul>{expert_items}</ul></section>"
        "</div></div>"
    )


def _navigation(casus: Casus, step: int, presenter: bool) -> None:
    """Previous, next and reveal buttons on one row."""
    step_key, revealed_key = _step_key(casus.id), _revealed_key(casus.id)
    revealed = st.session_state.get(revealed_key, False)
    row = st.container(horizontal=True, vertical_alignment="center")
    with row:
        if st.button(t("previous"), disabled=step == 0 and not revealed, key="workshop_prev"):
            if revealed and presenter:
                st.session_state[revealed_key] = False
            else:
                st.session_state[step_key] = step - 1
            st.rerun()
        if st.button(
            t("next"), disabled=step >= len(casus.steps) - 1 or revealed, key="workshop_next"
        ):
            st.session_state[step_key] = step + 1
            st.rerun()
        if st.button(t("hide") if revealed else t("reveal"), key="workshop_reveal", type="primary"):
            st.session_state[revealed_key] = not revealed
            st.rerun()
        st.toggle(t("ws_presenter"), key=PRESENTER_KEY, help=t("ws_presenter_help"))


def _group_choice(casus: Casus, kb, hidden: bool = False) -> list[str]:
    if hidden:
        st.html(HIDE_GROUP_CSS)
    options = sorted(
        (e for e in kb.entries.values() if e.type != PARTNER_TYPE), key=lambda e: e.title
    )
    with st.container(key="ws_group_box"):
        return st.multiselect(
            t("group_choice"),
            [e.id for e in options],
            format_func=lambda i: kb.entries[i].title,
            key=f"workshop_group_{casus.id}",
            placeholder=t("choose"),
        )


def _presenter(casus: Casus, rec: Recommender, step: int) -> None:
    """Full-screen view: either the current step or the reveal, never both."""
    kb = rec.kb
    if st.session_state.get(_revealed_key(casus.id)):
        chosen = _group_choice(casus, kb, hidden=True)
        reveal = Reveal(
            tool=[r.id for r in tool_answer(rec, casus).results],
            expert=[c.id for c in casus.expert_entries],
            group=list(chosen),
        )
        st.html(_reveal_html(casus, reveal, kb))
        _navigation(casus, step, presenter=True)
        return
    title, text = casus.steps[step]
    st.html(
        f"<p class='ws-step'>{escape(casus.title)} · "
        f"{escape(t('step', n=step + 1, total=len(casus.steps)))}</p>"
        f"<div class='ws-stage'><h2>{escape(title)}</h2>{markdown_to_html(text)}</div>"
    )
    _navigation(casus, step, presenter=True)
    # The group chooses after the last step; earlier the list would give the story away.
    _group_choice(casus, kb, hidden=step < len(casus.steps) - 1)


def render() -> None:
    """Draw the Workshop page."""
    rec = recommender()
    kb = rec.kb
    if not kb.casussen:
        st.title(t("workshop_title"))
        st.info(t("no_cases"))
        return
    presenter = st.session_state.get(PRESENTER_KEY, False)
    st.html(BASE_CSS + ICON_CSS + (PRESENTER_CSS if presenter else ""))
    if not presenter:
        st.title(t("workshop_title"))
        st.caption(t("workshop_intro"))
    casussen = sorted(kb.casussen.values(), key=lambda c: c.title)
    with st.container(key="ws_chooser"):
        casus = st.selectbox(
            t("choose_case"), casussen, format_func=lambda c: c.title, key="workshop_case"
        )
    step = min(st.session_state.get(_step_key(casus.id), 0), len(casus.steps) - 1)
    if presenter:
        _presenter(casus, rec, step)
        return
    title, text = casus.steps[step]
    st.caption(t("step", n=step + 1, total=len(casus.steps)))
    # The story is KB Markdown: rendered by markdown-it with raw HTML escaped.
    st.markdown(
        f"<div class='presenter'><h2>{escape(title)}</h2>{markdown_to_html(text)}</div>",
        unsafe_allow_html=True,
    )
    chosen = _group_choice(casus, kb)
    _navigation(casus, step, presenter=False)
    if st.session_state.get(_revealed_key(casus.id)):
        answer = tool_answer(rec, casus)
        reveal = Reveal(
            tool=[r.id for r in answer.results],
            expert=[c.id for c in casus.expert_entries],
            group=chosen,
        )
        expert_ids = set(reveal.expert)
        safe_markdown(f"**{t('ws_overlap', shared=reveal.tool_shared, total=len(expert_ids))}**")
        group, guide, expert = st.columns(3)
        with group:
            st.subheader(t("answer_group"))
            st.html(
                "<ul class='ws-list'>"
                + "".join(_item(_title(kb, i), i in expert_ids, False) for i in chosen)
                + "</ul>"
            )
            st.caption(t("overlap", count=reveal.group_with_expert))
        with guide:
            st.subheader(t("answer_guide"))
            st.html(
                "<ul class='ws-list'>"
                + "".join(
                    _item(f"{r.title} · {label('types', r.type)}", r.id in expert_ids, False)
                    for r in answer.results
                )
                + "</ul>"
            )
            safe_markdown(f"**{t('partners')}**")
            for partner in answer.partners[:5]:
                safe_markdown(f"- {partner.title}")
        with expert:
            st.subheader(t("answer_expert"))
            for choice in casus.expert_entries:
                safe_markdown(f"- **{_title(kb, choice.id)}** — {choice.why}")
            safe_markdown(f"**{t('partners')}**")
            for choice in casus.expert_partners:
                safe_markdown(f"- {_title(kb, choice.id)} — {choice.why}")
        st.subheader(t("questions"))
        safe_markdown("\n".join(f"{n}. {q}" for n, q in enumerate(casus.questions, 1)))
        if casus.trainer_notes:
            with st.expander(t("trainer_notes")):
                safe_markdown(casus.trainer_notes)
    left, right = st.columns(2)
    download(
        left,
        t("handout_md"),
        lambda: casus_handout_markdown(casus, kb),
        f"handout-{casus.id}.md",
        "workshop_handout_md",
    )
    download(
        right,
        t("handout"),
        lambda: casus_handout_docx(casus, kb),
        f"handout-{casus.id}.docx",
        "workshop_handout_docx",
    )
