"""The usage map's pictures: Plotly figures built from the computed figures, each with its data table beside it.

Pure functions of plain data (no Django), returning JSON strings that `plotly.min.js` draws in the page.
"""

import math

import networkx as nx
import plotly.graph_objects as go

PALETTE = ["#000091", "#c9191e", "#18753c", "#b34000", "#6a6af4", "#a558a0", "#009099", "#716043", "#3a3a3a"]
FONT = {"family": "Marianne, arial, sans-serif", "size": 13}


def _layout(fig, height=480, **kwargs):
    fig.update_layout(
        font=FONT, height=height, margin={"l": 20, "r": 20, "t": 20, "b": 20}, plot_bgcolor="white", **kwargs
    )
    # Safe inside a <script type="application/json"> element whatever the tool names contain.
    return fig.to_json().replace("<", "\\u003c")


def network(tools, pairs, communities, labels, min_phi=0.1):
    """Tools as nodes (size = adoption, colour = community), co-usage as edges (phi above `min_phi`)."""
    community_of = {tool: n for n, group in enumerate(communities) for tool in group}
    graph = nx.Graph()
    graph.add_nodes_from(sorted(t["tool"] for t in tools))
    edges = [p for p in pairs if p["phi"] is not None and p["phi"] >= min_phi]
    graph.add_weighted_edges_from(sorted((p["a"], p["b"], p["phi"]) for p in edges))
    position = community_layout(communities, sorted(graph.nodes))
    fig = go.Figure()
    for pair in edges:
        (x0, y0), (x1, y1) = position[pair["a"]], position[pair["b"]]
        fig.add_trace(
            go.Scatter(
                x=[x0, x1],
                y=[y0, y1],
                mode="lines",
                line={"width": 1 + 6 * pair["phi"], "color": "rgba(0,0,145,0.35)"},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    by_tool = {t["tool"]: t for t in tools}
    nodes = sorted(by_tool)
    fig.add_trace(
        go.Scatter(
            x=[position[t][0] for t in nodes],
            y=[position[t][1] for t in nodes],
            mode="markers+text",
            text=[labels.get(t, t) for t in nodes],
            textposition="top center",
            marker={
                "size": [12 + 48 * (by_tool[t]["adoption"] or 0) for t in nodes],
                "color": [PALETTE[community_of.get(t, len(PALETTE) - 1) % len(PALETTE)] for t in nodes],
                "line": {"width": 1, "color": "white"},
            },
            hovertemplate=[
                f"{labels.get(t, t)}<br>adoption {100 * (by_tool[t]['adoption'] or 0):.0f} %<extra></extra>"
                for t in nodes
            ],
            showlegend=False,
        )
    )
    # Room around the outermost nodes for their names.
    xs = [x for x, _ in position.values()] or [0]
    ys = [y for _, y in position.values()] or [0]
    fig.update_xaxes(visible=False, range=[min(xs) - 0.6, max(xs) + 0.6])
    fig.update_yaxes(visible=False, range=[min(ys) - 0.35, max(ys) + 0.35])
    return _layout(fig, height=720)


def community_layout(communities, nodes):
    """Each community on its own small circle, the communities around a large one: clusters stay apart and
    their names readable (a force layout piles the strongly linked tools on top of each other)."""
    groups = [sorted(group) for group in communities if group]
    seen = {tool for group in groups for tool in group}
    groups += [[tool] for tool in nodes if tool not in seen]
    position, count = {}, len(groups)
    for n, group in enumerate(groups):
        angle = 2 * math.pi * n / max(count, 1)
        cx, cy = (math.cos(angle), math.sin(angle)) if count > 1 else (0.0, 0.0)
        radius = 0 if len(group) == 1 else 0.2 + 0.05 * len(group)
        for m, tool in enumerate(group):
            inner = 2 * math.pi * m / len(group)
            position[tool] = (cx * 2.2 + radius * math.cos(inner), cy * 2.2 + radius * math.sin(inner))
    return position


def heatmap(tools, pairs, labels, limit=20):
    """The phi of each pair of the `limit` most used tools."""
    top = [t["tool"] for t in tools[:limit]]
    phi = {(p["a"], p["b"]): p["phi"] for p in pairs}
    z = [[1.0 if a == b else phi.get(tuple(sorted((a, b)))) for b in top] for a in top]
    names = [labels.get(t, t) for t in top]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            zmin=-1,
            zmax=1,
            colorscale=[[0, "#c9191e"], [0.5, "#f6f6f6"], [1, "#000091"]],
            colorbar={"title": "phi"},
            hovertemplate="%{y} et %{x} : phi %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=620)


def sankey(transitions, labels, limit=30):
    """The `limit` most frequent switches from one tool to another."""
    top = transitions[:limit]
    names = sorted({row["source"] for row in top} | {row["target"] for row in top})
    index = {name: n for n, name in enumerate(names)}
    # Plotly's Sankey wants no cycles in one diagram: sources on the left, targets on the right.
    count = len(names)
    fig = go.Figure(
        go.Sankey(
            node={"label": [labels.get(n, n) for n in names] * 2, "pad": 12, "color": "#000091"},
            link={
                "source": [index[row["source"]] for row in top],
                "target": [count + index[row["target"]] for row in top],
                "value": [row["count"] for row in top],
                "color": "rgba(0,0,145,0.25)",
            },
        )
    )
    return _layout(fig, height=560)


def adoption_curves(weekly, tools, labels, limit=8):
    """Weekly adoption of the `limit` most used tools."""
    top = [t["tool"] for t in tools[:limit]]
    fig = go.Figure()
    for n, tool in enumerate(top):
        points = [row for row in weekly if row["tool"] == tool]
        fig.add_trace(
            go.Scatter(
                x=[row["week"] for row in points],
                y=[row["adoption"] for row in points],
                mode="lines+markers",
                name=labels.get(tool, tool),
                line={"color": PALETTE[n % len(PALETTE)]},
            )
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1], title="agents actifs")
    fig.update_xaxes(title="semaine")
    return _layout(fig, height=420, legend={"orientation": "h"})


def overload_histogram(overload):
    """How many distinct tools agents use within one hour."""
    distribution = overload["distribution"] if overload else []
    fig = go.Figure(
        go.Bar(
            x=[row["tools"] for row in distribution],
            y=[row["agent_hours"] for row in distribution],
            marker_color="#000091",
            hovertemplate="%{x} outils dans l'heure : %{y} heures-agents<extra></extra>",
        )
    )
    fig.update_xaxes(title="outils différents dans la même heure", dtick=1)
    fig.update_yaxes(title="heures-agents")
    return _layout(fig, height=360)
