"""The indicators page of one territory over one period: a chart, its table and how each figure
is computed, group by group. Only what the :class:`IndicatorTable` holds is shown, and it holds
only anonymised, suppressed figures."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from spie_protocol.indicators.definitions import Kind
from spie_protocol.indicators.table import Cell, IndicatorTable
from spie_server.dashboard.charts import Series, bar_chart, month_label
from spie_server.dashboard.indicator_texts import GROUPS, Group, category_text, indicator_text
from spie_server.dashboard.page_layout import HOME_PATH, logout_form, page
from spie_server.dashboard.periods import Period, months_of

PERIOD_COLUMN = "Période"

Key = tuple[str, str, str, str]


def _index(table: IndicatorTable) -> dict[Key, Cell]:
    return {(c.indicator, c.month, c.structure, c.category): c for c in table.cells}


def figure_text(cell: Cell | None, kind: Kind) -> str:
    """A table cell's content: the figure, « < 5 » / « secret » when masked, « – » when none."""
    if cell is None:
        return "–"
    if cell.suppressed:
        if 0 < cell.people < 5:
            return '<span class="secret">&lt; 5</span>'
        return '<span class="secret">secret</span>'
    if cell.value is None:
        return '<abbr title="non calculé : personne sur ce mois">–</abbr>'
    if kind == "count":
        return f"{cell.value:.0f}"
    text = f"{cell.value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return text + (" %" if kind == "share" else "")


def _series(cells: dict[Key, Cell], group: Group, months: Sequence[str]) -> list[Series]:
    series = []
    for key in group.indicators:
        values: dict[str, float | None] = {}
        masked = set()
        for month in months:
            cell = cells.get((key, month, "", ""))
            if cell is not None and cell.suppressed:
                masked.add(month)
            values[month] = None if cell is None or cell.suppressed else cell.value
        series.append(Series(indicator_text(key).label, values, frozenset(masked)))
    return series


def _group_table(cells: dict[Key, Cell], group: Group, months: Sequence[str], title: str) -> str:
    head = "".join(f'<th scope="col">{month_label(m)}</th>' for m in months)
    rows = []
    for key in group.indicators:
        text = indicator_text(key)
        figures = "".join(
            f"<td>{figure_text(cells.get((key, month, '', '')), text.kind)}</td>"
            for month in [*months, ""]
        )
        rows.append(f'<tr><th scope="row">{escape(text.label)}</th>{figures}</tr>')
    return (
        f"<table><caption>{escape(title)} — tableau des valeurs ({escape(group.unit)})"
        f'</caption><thead><tr><th scope="col">Indicateur</th>{head}'
        f'<th scope="col">{PERIOD_COLUMN}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _structure_table(cells: dict[Key, Cell], group: Group, structures: Sequence[str]) -> str:
    if not structures:
        return ""
    head = "".join(
        f'<th scope="col">{escape(indicator_text(k).label)}</th>' for k in group.indicators
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(s)}</th>'
        + "".join(
            f"<td>{figure_text(cells.get((k, '', s, '')), indicator_text(k).kind)}</td>"
            for k in group.indicators
        )
        + "</tr>"
        for s in structures
    )
    return (
        f"<table><caption>{escape(group.title)} — par structure, sur la période</caption>"
        f'<thead><tr><th scope="col">Structure</th>{head}</tr></thead><tbody>{rows}</tbody>'
        "</table>"
    )


def _detail_tables(cells: dict[Key, Cell], group: Group) -> str:
    tables = []
    for key in group.details:
        text = indicator_text(key)
        categories = sorted({c for (i, m, s, c) in cells if i == key and c and not m and not s})
        if not categories:
            continue
        rows = "".join(
            f'<tr><th scope="row">{escape(category_text(key, c))}</th>'
            f"<td>{figure_text(cells.get((key, '', '', c)), text.kind)}</td></tr>"
            for c in categories
        )
        tables.append(
            f"<table><caption>{escape(text.label)} — détail sur la période</caption>"
            f'<thead><tr><th scope="col">Catégorie</th><th scope="col">{PERIOD_COLUMN}</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    return "".join(tables)


def _how(group: Group) -> str:
    entries = "".join(
        f"<dt>{escape(indicator_text(k).label)}</dt><dd>{escape(indicator_text(k).how)}</dd>"
        for k in group.indicators
    )
    return f'<h3>Comment c\'est calculé</h3><dl class="calcul">{entries}</dl>'


def _section(n: int, cells: dict[Key, Cell], group: Group, months: Sequence[str],
             structures: Sequence[str]) -> str:  # fmt: skip
    chart = bar_chart(
        f"graphique-{n}", group.title, group.unit, months, _series(cells, group, months)
    )
    return (
        f'<section class="groupe" aria-labelledby="groupe-{n}"><h2 id="groupe-{n}">'
        f"{escape(group.title)}</h2><figure>{chart}<figcaption>{escape(group.title)}, par mois "
        f"({escape(group.unit)}). Les mêmes valeurs figurent dans le tableau ci-dessous ; « s » "
        "marque un chiffre masqué.</figcaption></figure>"
        f"{_group_table(cells, group, months, group.title)}"
        f"{_detail_tables(cells, group)}{_structure_table(cells, group, structures)}"
        f"{_how(group)}</section>"
    )


def _period_form(chosen: Period, choices: Sequence[Period]) -> str:
    options = "".join(
        f'<option value="{p.key}"{" selected" if p.key == chosen.key else ""}>'
        f"{escape(p.label)}</option>"
        for p in choices
    )
    return (
        f'<form method="get" action="{HOME_PATH}" class="periode">'
        '<label for="periode">Période affichée</label> '
        f'<select id="periode" name="periode">{options}</select> '
        '<button type="submit">Afficher</button></form>'
    )


READING_NOTE = (
    '<h2>Comment lire ces chiffres</h2><p class="note">Les chiffres sont anonymes : ils '
    "comptent des personnes, jamais une personne en particulier. Un chiffre qui porte sur moins "
    "de 5 personnes est masqué : « secret » (ou « &lt; 5 » quand le tableau le précise). Pour "
    "qu'on ne puisse pas le retrouver en soustrayant les autres chiffres d'un total, d'autres "
    "chiffres de la même ligne ou de la même colonne sont alors masqués eux aussi et affichés "
    "« secret ». « – » : rien à calculer (aucune personne).</p>"
)


def dashboard_page(
    table: IndicatorTable,
    territory: str,
    chosen: Period,
    choices: Sequence[Period],
    login: str,
    csrf_token: str,
) -> str:
    title = f"Indicateurs du territoire {territory}"
    period_text = f"{chosen.label} : du {chosen.start:%d/%m/%Y} au {chosen.end:%d/%m/%Y}"
    intro = f"<h1>{escape(title)}</h1><p>{escape(period_text)}</p>{_period_form(chosen, choices)}"
    if table.empty:
        body = f'{intro}<p class="vide" role="status">Aucune donnée sur cette période.</p>'
    else:
        cells = _index(table)
        months = months_of(chosen)
        structures = sorted({c.structure for c in table.cells if c.structure})
        sections = "".join(
            _section(n, cells, group, months, structures) for n, group in enumerate(GROUPS, 1)
        )
        body = f"{intro}{READING_NOTE}{sections}"
    return page(f"{title} — {chosen.label}", body, header_extra=logout_form(csrf_token, login))
