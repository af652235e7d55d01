"""Interventiewijzer: Streamlit front end. Run with `make run`; all logic lives in src/recommender."""

import streamlit as st

from recommender.logpolicy import install_log_policy
from recommender.ui.common import sidebar_language, t
from recommender.ui.pages import page_objects
from recommender.ui.state import keep_widget_state

install_log_policy()  # before anything can log: no user input in any log line
st.set_page_config(page_title="Interventiewijzer", page_icon="🧭", layout="wide")
keep_widget_state()
sidebar_language()
st.sidebar.caption(t("privacy_note"))
st.navigation(list(page_objects().values())).run()
