"""The pictures of « Mes appels analysés » (Plotly JSON), each shown with a table of the same figures beside it."""

import plotly.graph_objects as go

from ere.usage.charts import PALETTE, _layout


def progress(points, metrics):
    """One small line chart per metric over the agent's calls: [{"id", "figure", "label"}] (metrics without any
    value are left out)."""
    charts = []
    for n, (key, label, hint) in enumerate(metrics):
        shown = [point for point in points if point.values.get(key) is not None]
        if len(shown) < 2:
            continue
        fig = go.Figure(
            go.Scatter(
                x=[point.when.isoformat() for point in shown],
                y=[point.values[key] for point in shown],
                text=[point.transcript.title for point in shown],
                mode="lines+markers",
                line={"color": PALETTE[n % len(PALETTE)], "width": 3},
                marker={"size": 9},
                hovertemplate=f"%{{text}}<br>%{{x|%d/%m/%Y}} : %{{y}}<extra>{label}</extra>",
            )
        )
        fig.update_yaxes(rangemode="tozero", title=None)
        fig.update_xaxes(title=None, tickformat="%d/%m")
        charts.append(
            {
                "id": f"progress-{key}",
                "title": label,
                "figure": _layout(fig, height=240),
                "label": f"{hint[0].upper()}{hint[1:]}. Un point par appel.",
            }
        )
    return charts
