import json

from ere.usage import charts

TOOLS = [
    {"tool": "agenda", "adoption": 1.0},
    {"tool": "crm", "adoption": 0.6},
    {"tool": "offres", "adoption": 0.5},
    {"tool": "dossier", "adoption": 0.4},
]
PAIRS = [
    {"a": "crm", "b": "offres", "phi": 0.9},
    {"a": "agenda", "b": "crm", "phi": None},
    {"a": "dossier", "b": "offres", "phi": -0.4},
]


def test_the_community_layout_keeps_communities_apart():
    position = charts.community_layout([["crm", "offres"], ["dossier"]], ["agenda", "crm", "dossier", "offres"])
    assert set(position) == {"agenda", "crm", "dossier", "offres"}
    crm, offres, dossier = position["crm"], position["offres"], position["dossier"]
    within = abs(crm[0] - offres[0]) + abs(crm[1] - offres[1])
    across = abs(crm[0] - dossier[0]) + abs(crm[1] - dossier[1])
    assert within < across


def test_the_network_draws_only_positive_links_above_the_threshold_and_names_tools():
    figure = json.loads(charts.network(TOOLS, PAIRS, [["crm", "offres"]], {"crm": "Dialogue Entreprises"}))
    lines = [trace for trace in figure["data"] if trace["mode"] == "lines"]
    assert len(lines) == 1  # crm–offres only: null and negative phi draw nothing
    nodes = figure["data"][-1]
    assert "Dialogue Entreprises" in nodes["text"]


def test_a_tool_name_cannot_close_the_script_element():
    figure = charts.network(TOOLS, PAIRS, [], {"crm": "</script><script>alert(1)</script>"})
    assert "</script>" not in figure
    assert json.loads(figure)["data"][-1]["text"][1].startswith("</script>")


def test_the_other_charts_accept_empty_data():
    for figure in (
        charts.heatmap([], [], {}),
        charts.sankey([], {}),
        charts.adoption_curves([], [], {}),
        charts.overload_histogram(None),
    ):
        assert json.loads(figure)["layout"]
