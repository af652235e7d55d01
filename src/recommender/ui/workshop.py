"""Page Workshop: present a case vignette step by step, let the group choose, then reveal."""

from __future__ import annotations

import streamlit as st

from ..export import casus_handout_docx, casus_handout_markdown
from ..render import escape, markdown_to_html
from .common import download, label, recommender, safe_markdown, t

PRESENTER_CSS = """
<style>
.presenter {font-size: 1.45rem; line-height: 1.6;}
.presenter h2 {font-size: 2rem;}
</style>
"""


def _step_key(casus_id: str) -> str:
    return f"workshop_step_{casus_id}"


def render() -> None:
    """Draw the Workshop page."""
    rec = recommender()
    kb = rec.kb
    st.title(t("workshop_title"))
    st.caption(t("workshop_intro"))
    if not kb.casussen:
        st.info(t("no_cases"))
        return
    casussen = sorted(kb.casussen.values(), key=lambda c: c.title)
    casus = st.selectbox(
        t("choose_case"), casussen, format_func=lambda c: c.title, key="workshop_case"
    )
    step_key = _step_key(casus.id)
    step = min(st.session_state.get(step_key, 0), len(casus.steps) - 1)
    st.html(PRESENTER_CSS)
    title, text = casus.steps[step]
    st.caption(t("step", n=step + 1, total=len(casus.steps)))
    # The story is KB Markdown: rendered by markdown-it with raw HTML escaped.
    st.markdown(
        f"<div class='presenter'><h2>{escape(title)}</h2>{markdown_to_html(text)}</div>",
        unsafe_allow_html=True,
    )
    left, right = st.columns(2)
    if left.button(t("previous"), disabled=step == 0, key="workshop_prev"):
        st.session_state[step_key] = step - 1
        st.rerun()
    if right.button(t("next"), disabled=step >= len(casus.steps) - 1, key="workshop_next"):
        st.session_state[step_key] = step + 1
        st.rerun()

    options = sorted((e for e in kb.entries.values() if e.type != "partner"), key=lambda e: e.title)
    chosen = st.multiselect(
        t("group_choice"),
        [e.id for e in options],
        format_func=lambda i: kb.entries[i].title,
        key=f"workshop_group_{casus.id}",
        placeholder=t("choose"),
    )
    revealed_key = f"workshop_revealed_{casus.id}"
    if st.button(
        t("hide") if st.session_state.get(revealed_key) else t("reveal"),
        key="workshop_reveal",
        type="primary",
    ):
        st.session_state[revealed_key] = not st.session_state.get(revealed_key, False)
        st.rerun()
    if st.session_state.get(revealed_key):
        answer = rec.recommend(casus.profile.model_dump(), top_k=8, exclude_casus=casus.id)
        expert_ids = {c.id for c in casus.expert_entries}
        group, guide, expert = st.columns(3)
        with group:
            st.subheader(t("answer_group"))
            for entry_id in chosen:
                mark = "✅ " if entry_id in expert_ids else ""
                safe_markdown(f"- {mark}{kb.entries[entry_id].title}")
            st.caption(t("overlap", count=len(set(chosen) & expert_ids)))
        with guide:
            st.subheader(t("answer_guide"))
            for result in answer.results:
                mark = "✅ " if result.id in expert_ids else ""
                safe_markdown(f"- {mark}{result.title} · *{label('types', result.type)}*")
            safe_markdown(f"**{t('partners')}**")
            for partner in answer.partners[:5]:
                safe_markdown(f"- {partner.title}")
        with expert:
            st.subheader(t("answer_expert"))
            for choice in casus.expert_entries:
                title = kb.entries[choice.id].title if choice.id in kb.entries else choice.id
                safe_markdown(f"- **{title}** — {choice.why}")
            safe_markdown(f"**{t('partners')}**")
            for choice in casus.expert_partners:
                title = kb.entries[choice.id].title if choice.id in kb.entries else choice.id
                safe_markdown(f"- {title} — {choice.why}")
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
