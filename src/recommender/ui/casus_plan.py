"""Casus page parts for how the case was read and for the plan: the frame panel, the plan in
lanes with its tensions, and the groups beside the ranked list.

The frame panel is correctable: the user confirms the household (relation, age, role, who the
question is about) and the signals; applying a correction puts them in the profile, which reruns
the search. Only relations and ages are kept, never names.
"""

from __future__ import annotations

import html
from typing import Protocol

import pandas as pd
import streamlit as st

from ..frame import CaseFrame
from ..lexicon import load_lexicon
from ..render import markdown_to_html
from ..results import Recommendation, Result
from ..vocabulary import POLICY_QUESTION
from . import state
from .common import (
    boxed_html,
    caption_html,
    heading_html,
    html_block,
    label,
    language,
    recommender,
    safe_html,
    t,
)

#: Columns of the household editor, in order.
MEMBER_COLUMNS = ("relation", "age", "role", "subject")


def _relation_options() -> list[str]:
    return sorted(load_lexicon().relations)


def _relation_label(relation: str) -> str:
    found = load_lexicon().relations.get(relation)
    if found is None:
        return relation
    return found.en if language() == "en" else found.nl


def _members_frame(frame: CaseFrame) -> pd.DataFrame:
    rows = [
        {
            "relation": person.relation,
            "age": person.age,
            "role": person.roles[0] if person.roles else None,
            "subject": person.is_subject,
        }
        for person in frame.persons
    ]
    return pd.DataFrame(rows, columns=list(MEMBER_COLUMNS)).astype(
        {"age": "Int64", "subject": bool}
    )


def _members_from_editor(table: pd.DataFrame) -> list[dict[str, object]]:
    members = []
    known = set(load_lexicon().relations)
    for row in table.to_dict("records"):
        relation = row.get("relation")
        if not isinstance(relation, str) or relation not in known:
            continue
        age = row.get("age")
        age = int(age) if age is not None and not pd.isna(age) and 0 <= int(age) <= 120 else None
        role = row.get("role")
        members.append(
            {
                "relation": relation,
                "age": age,
                "roles": [role] if isinstance(role, str) and role else [],
                "subject": bool(row.get("subject")),
            }
        )
    return members


def frame_panel(answer: Recommendation) -> None:
    """'Zo lezen wij de situatie': persons with age and role, and signals; each correctable."""
    frame = answer.frame
    if frame is None:
        return
    taxonomy = recommender().taxonomy
    with st.expander(t("frame_title"), expanded=True, icon=":material/visibility:"):
        # One element for the reading itself: a caption and two Markdown blocks cost the
        # browser three renders on every search.
        esc = html.escape
        kind = label("question_kinds", frame.question_kind)
        parts = [caption_html(t("frame_kind", kind=kind))]
        if frame.persons:
            items = "".join(
                f"<li><strong>{esc(p.label_en if language() == 'en' and p.label_en else p.label)}"
                "</strong>"
                + (
                    f" — {esc(', '.join(label('person_roles', r) for r in p.roles))}"
                    if p.roles
                    else ""
                )
                + (f" · {esc(t('frame_subject'))}" if p.is_subject else "")
                + "</li>"
                for p in frame.persons
            )
            parts.append(f"<ul>{items}</ul>")
        signals = [label("signals", s) for s in frame.signal_ids()]
        parts.append(
            f"<p><strong>{esc(t('frame_signals'))}:</strong> "
            f"{esc(', '.join(signals) if signals else '–')}</p>"
        )
        if frame.negated:
            negated = ", ".join(label("signals", s) for s in frame.negated_ids())
            parts.append(caption_html(t("frame_negated", signals=negated)))
        html_block("".join(parts))
        # The editors are drawn on request: two data grids on every answer cost the browser
        # more than the rest of the frame.
        if not st.toggle(t("frame_correct"), key=state.CASUS_FRAME_EDIT):
            return
        with st.form("frame-correction", border=False):
            st.caption(t("frame_correct_help"))
            roles = list(taxonomy.person_roles)
            table = st.data_editor(
                _members_frame(frame),
                key="frame-members",
                num_rows="dynamic",
                hide_index=True,
                column_config={
                    "relation": st.column_config.SelectboxColumn(
                        t("frame_col_relation"),
                        options=_relation_options(),
                        required=True,
                        help=t("frame_relation_help"),
                    ),
                    "age": st.column_config.NumberColumn(
                        t("frame_col_age"), min_value=0, max_value=120, step=1
                    ),
                    "role": st.column_config.SelectboxColumn(t("frame_col_role"), options=roles),
                    "subject": st.column_config.CheckboxColumn(t("frame_col_subject")),
                },
            )
            chosen = st.multiselect(
                t("frame_signals"),
                options=list(taxonomy.signals),
                default=[s for s in frame.signal_ids() if s in taxonomy.signals],
                format_func=lambda s: label("signals", s),
            )
            if st.form_submit_button(t("frame_apply"), icon=":material/refresh:"):
                profile = dict(st.session_state.get(state.CASUS_PROFILE) or {})
                read = set(frame.signal_ids())
                profile["members"] = _members_from_editor(table)
                profile["signals"] = sorted(set(chosen))
                profile["without_signals"] = sorted(read - set(chosen))
                st.session_state[state.CASUS_PROFILE] = profile
                st.rerun()


def plan_view(answer: Recommendation) -> None:
    """The plan: one block per lane, each step with for whom, by whom, why and what comes first."""
    plan = answer.plan
    if not plan.lanes:
        st.info(t("plan_empty"))
        return
    english = language() == "en"
    # The whole plan is one element: a heading and a block per step each cost the browser a
    # render (a plan of four lanes and eight steps was twelve).
    parts = [caption_html(t("plan_intro"))]
    for lane in plan.lanes:
        parts.append(heading_html(lane.title_en if english and lane.title_en else lane.title))
        for item in lane.items:
            lines = [f"**{t('plan_step', step=item.step)}: {item.title}** — {item.for_}"]
            if item.partner:
                role = label("partner_roles", item.partner_role) if item.partner_role else ""
                lines.append(
                    f"{t('plan_by')}: {item.partner}" + (f" ({role.lower()})" if role else "")
                )
            lines.append(item.why)
            if item.first_step:
                lines.append(f"*{t('plan_first_step')}: {item.first_step}*")
            parts.append(boxed_html(markdown_to_html("\n\n".join(lines))))
    html_block("".join(parts))
    for tension in plan.tensions:
        titles = [
            recommender().kb.entries[i].title
            for i in tension.between
            if i in recommender().kb.entries
        ]
        st.warning(
            f"**{t('tension_title')}** ({' ↔ '.join(titles)}): {tension.note}",
            icon=":material/balance:",
        )
    for note in answer.package_notes:
        st.info(note, icon=":material/info:")


class CardDrawer(Protocol):
    """The page's result card: a heading above it, a rank, and a note in it are optional."""

    def __call__(
        self, result: Result, rank: int | None, *, heading: str | None = None, note: str = ""
    ) -> None: ...


def other_groups(answer: Recommendation, draw: CardDrawer) -> None:
    """Under the ranked list, on request: the other kind of step, approaches from elsewhere,
    misfits.

    Args:
        answer: The answer to show.
        draw: The page's result card, called without a rank for these groups; the group's
            heading goes with its first card (one element fewer per group).
    """
    key = "group_cases" if answer.question_kind == POLICY_QUESTION else "group_organisation"
    groups = [
        f"{t(name)} ({len(found)})"
        for name, found in (
            (key, answer.other_scope),
            ("group_elsewhere", answer.elsewhere),
            ("group_not_fitting_short", answer.not_fitting),
        )
        if found
    ]
    # Drawn on request, under the ranked list: their cards were a fifth of an answer's
    # elements, and every element costs the browser a render on each search.
    if not groups or not st.toggle(
        t("others_show", groups=", ".join(groups)), key=state.CASUS_SHOW_OTHERS
    ):
        return
    for position, result in enumerate(answer.other_scope):
        draw(result, None, heading=None if position else t(key))
    for position, result in enumerate(answer.elsewhere):
        draw(
            result,
            None,
            heading=None if position else t("group_elsewhere"),
            note=t("elsewhere_note", region=result.region),
        )
    if answer.not_fitting:
        with st.expander(t("group_not_fitting")):
            safe_html(
                "\n".join(
                    f"- **{misfit.title}**: {'; '.join(misfit.reasons)}"
                    for misfit in answer.not_fitting
                )
            )


def safety_notes(result: Result) -> list[str]:
    """Lines that mark a step put first because someone is unsafe, with who decides."""
    if not result.safety_first:
        return []
    notes = [t("safety_first_note")]
    if result.decision_maker:
        notes.append(f"{t('decides')}: {result.decision_maker}")
    return notes
