"""Data and sources: what the snapshot holds and where every figure comes from."""
import streamlit as st

from atlas import numbers
from atlas.i18n import _, data_
from atlas.provenance import refresh_report, source_vintages
from atlas.themes import themes
from atlas.ui import lang
from atlas.ui.cache import store
from atlas.ui.widgets import dataset_section

lang.setup()  # this run's language (`?lang=`), its notice shown on the page

snap = store()
m = snap.manifest
st.title(_("Data and sources"))
st.caption(_("Snapshot built {built} from {files} public source files. The app reads only this snapshot; nothing is "
             "fetched at run time.").format(built=numbers.timestamp(m["built_at"]),
                                            files=numbers.count(len(m["raw_files"]))))

cols = st.columns(4)
cols[0].metric(_("Observations"), numbers.count(m["tables"]["observations"]))
cols[1].metric(_("Indicators"), numbers.count(m["tables"]["indicators"]))
cols[2].metric(_("Places and groups"), numbers.count(m["tables"]["entities"]))
cols[3].metric(_("Cited sources"), numbers.count(m["tables"]["sources"]))

dataset_section()  # the whole-dataset zip and the data API (issue 24)

st.subheader(_("Indicators"))
THEMES = {t.key: t for t in themes()}
theme = st.segmented_control(_("Theme"), list(THEMES), default=next(iter(THEMES)),
                             format_func=lambda k: _(THEMES[k].title), key="theme")
ind = THEMES[theme].catalogue(snap) if theme else snap.catalogue()
st.dataframe(ind.assign(rows=ind["id"].map(m["rows_per_indicator"]), period_type=ind["period_type"].map(
                 {"year": _("yearly"), "month": _("monthly")}))[
                 ["label", "unit_label", "measure", "period_type", "rows", "publisher", "vintage", "licence",
                  "definition", "caveats"]],
             hide_index=True, width="stretch",
             column_config={"label": _("Indicator"), "unit_label": _("Unit"), "measure": _("What a figure at a date is"),
                            "period_type": _("Period"),
                            "rows": _("Rows"), "publisher": _("Publisher"), "vintage": _("Vintage"),
                            "licence": _("Licence"), "definition": _("Definition"), "caveats": _("Caveats")})

st.subheader(_("Sources: vintage and updates"))
st.dataframe(source_vintages(snap)[["publisher", "vintage", "first period", "last period", "rows", "updated"]],
             hide_index=True, width="stretch",
             column_config={"publisher": _("Publisher"), "vintage": _("Vintage"), "first period": _("First period"),
                            "last period": _("Last period"), "rows": _("Rows"), "updated": _("How it is updated")})

st.subheader(_("Last refresh"))
report = refresh_report(snap)
if report is None:
    st.write(_("This snapshot has not been refreshed since it was built from the shared raw files."))
else:
    st.write(report["summary"])
    st.dataframe(report["kept"], hide_index=True, width="stretch",
                 column_config={"month": _("Month"), "version": _("Version"), "published": _("Published"),
                                "sha256": st.column_config.TextColumn(_("SHA-256 of the kept file"))})
    changes = {"theme": _("Theme"), "indicator": _("Indicator"), "entity": _("Code"), "name": _("Place"), "period": _("Period"),
               "previous": _("Previous value"), "new": _("New value"), "change": _("Change")}
    with st.expander(_("Values revised ({count} listed)").format(count=numbers.count(len(report["revised"])))):
        st.dataframe(report["revised"], hide_index=True, width="stretch", column_config=changes)
    with st.expander(_("Places added or gone ({count})").format(count=numbers.count(len(report["places"])))):
        st.dataframe(report["places"], hide_index=True, width="stretch", column_config=changes)

st.subheader(_("Publications cited"))
st.caption(_("A publication's own title is shown as published, in its own language."))
st.dataframe(snap.source_table()[["publisher", "title", "vintage", "licence", "url"]], hide_index=True,
             width="stretch", column_config={"publisher": _("Publisher"), "title": _("Title"), "vintage": _("Vintage"),
                                             "licence": _("Licence"), "url": st.column_config.LinkColumn(_("Link"))})

with st.expander(_("Raw files and their SHA-256")):
    files = {"file": _("File"), "sha256": "SHA-256", "bytes": _("Bytes"), "reason": _("Why it is not used")}
    st.dataframe([{"file": k, **v} for k, v in m["raw_files"].items()], width="stretch", column_config=files)
    st.write(_("Files in the raw folders that the build does not read:"))
    st.dataframe([{"file": k, "reason": data_(v)} for k, v in m["raw_files_not_used"].items()], hide_index=True,
                 width="stretch", column_config=files)
    if m.get("refreshed_files"):
        st.write(_("caniuse months fetched by the refresh, kept in the project (raw/caniuse-db):"))
        st.dataframe([{"file": k, **v} for k, v in m["refreshed_files"].items()], width="stretch",
                     column_config=files)
