"""The skills pages' pictures (Plotly JSON), each shown with a data table of the same figures beside it."""

import plotly.graph_objects as go

from ere.usage.charts import PALETTE, _layout


def evolution(statuses, levels):
    """An agent's level per area over their diagnostics (areas of one scale with at least two results)."""
    fig = go.Figure()
    for n, status in enumerate(statuses):
        fig.add_trace(
            go.Scatter(
                x=[when.isoformat() for when, _ in status.history],
                y=[level for _, level in status.history],
                mode="lines+markers",
                name=status.area.name,
                line={"color": PALETTE[n % len(PALETTE)], "width": 3},
                hovertemplate=f"{status.area.name}<br>%{{x|%d/%m/%Y}} : niveau %{{y}}<extra></extra>",
            )
        )
    fig.update_yaxes(title="niveau", dtick=1, range=[0.5, levels + 0.5])
    fig.update_xaxes(title="date du diagnostic")
    return _layout(fig, height=360, legend={"orientation": "h", "y": -0.3})


def team_heatmap(rows, levels):
    """Number of agents per area (rows) and level (columns); suppressed areas are left out."""
    shown = [row for row in rows if not row.suppressed]
    if not shown:
        return None
    names = [row.area.name for row in shown]
    columns = [shown[0].area.level_label(level) for level in range(1, levels + 1)]
    z = [[row.counts.get(level, 0) for level in range(1, levels + 1)] for row in shown]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=names,
            colorscale=[[0, "#f6f6f6"], [1, "#000091"]],
            colorbar={"title": "agents"},
            hovertemplate="%{y}, %{x} : %{z} agent(s)<extra></extra>",
            text=z,
            texttemplate="%{text}",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, height=120 + 36 * len(shown))
