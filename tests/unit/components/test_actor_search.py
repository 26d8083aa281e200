import pandas as pd

from dashboard.components.actor_search import matching_options
from dashboard.i18n.folding import fold

CANDIDATES = pd.DataFrame(
    {
        "value": ["duesseldorf", "dortmund", "muenchen", "muenster", "nebenan"],
        "label": ["Düsseldorf", "Dortmund", "München", "Münster (Westf.)", "nebenan.de Stiftung"],
    }
)


def test_search001_matches_words_without_case_or_umlauts_and_limits():
    assert [o["value"] for o in matching_options(CANDIDATES, "MUEN")] == ["muenchen", "muenster"]
    assert [o["value"] for o in matching_options(CANDIDATES, "münster westf")] == ["muenster"]
    assert [o["value"] for o in matching_options(CANDIDATES, "d", limit=2)] == [
        "duesseldorf",
        "dortmund",
    ]
    assert matching_options(CANDIDATES, "xyz") == []
    assert len(matching_options(CANDIDATES, None)) == 5


def test_search002_chosen_values_stay_first_and_once():
    options = matching_options(CANDIDATES, "dor", chosen=["nebenan", "dortmund"])
    assert options == [
        {"label": "nebenan.de Stiftung", "value": "nebenan"},
        {"label": "Dortmund", "value": "dortmund"},
        {"label": "Düsseldorf", "value": "duesseldorf"},  # "dor" is in "duesseldorf" too
    ]
    assert matching_options(CANDIDATES, "", chosen=["gone"])[0] == {
        "label": "gone",
        "value": "gone",
    }


def test_search003_fold():
    assert (
        fold("  Düsseldorf   Süd ") == "duesseldorf sued"
        and fold(None) == ""
        and fold(float("nan")) == ""
    )
