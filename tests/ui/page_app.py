"""Test entry point: the real app with the page named in $UI_TEST_PAGE opened first."""

import os

import streamlit as st

from recommender.ui.common import sidebar_language
from recommender.ui.pages import page_objects
from recommender.ui.state import keep_widget_state

keep_widget_state()
sidebar_language()
st.navigation(list(page_objects(default=os.environ.get("UI_TEST_PAGE", "casus")).values())).run()
