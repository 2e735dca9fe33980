"""The summary of a check a professional reads first: grouped by outcome, blocked items with
the articles of the conditions that failed, the same for the household and for one member."""

from doorbraak.regels import uitvoer


def _stap(voldaan, regeling="Participatiewet", artikel="14 onder c"):
    return {"voldaan": voldaan, "bron": {"regeling_naam": regeling, "artikel": artikel}}


def _voorziening(code, uitkomst, stappen=()):
    return {"code": code, "uitkomst": uitkomst, "stappen": list(stappen)}


UITKOMST = {
    "voorzieningen": [
        _voorziening("a", "mogelijk", [_stap(True)]),
        _voorziening(
            "b",
            "niet_mogelijk",
            [_stap(True, artikel="11"), _stap(False), _stap(False), _stap(False, artikel="13")],
        ),
        _voorziening("c", "onbekend", [_stap(None)]),
    ],
    "uitzonderingsgronden": [
        {"code": "g1", "toepasbaar": "ja"},
        {"code": "g2", "toepasbaar": "nee"},
    ],
    "per_persoon": [
        {"naam": "Sami", "voorzieningen": [_voorziening("j", "niet_mogelijk", [_stap(False)])]},
        {"naam": "Noor", "voorzieningen": []},
    ],
}


def test_samenvatting_groepeert_op_uitkomst_met_de_artikelen_die_blokkeren():
    s = uitvoer.samenvatting(UITKOMST)
    assert [v["code"] for v in s["mogelijk"]] == ["a"]
    assert [v["code"] for v in s["onbekend"]] == ["c"]
    assert [g["code"] for g in s["af_te_wegen"]] == ["g1"]
    # Each failed source once, in order, at most two.
    assert s["geblokkeerd"][0]["artikelen"] == [
        "Participatiewet, art. 14 onder c",
        "Participatiewet, art. 13",
    ]


def test_per_persoon_alleen_leden_met_een_eigen_voorziening():
    per_persoon = uitvoer.samenvatting_per_persoon(UITKOMST)
    assert [p["naam"] for p in per_persoon] == ["Sami"]
    assert per_persoon[0]["geblokkeerd"][0]["artikelen"] == ["Participatiewet, art. 14 onder c"]
