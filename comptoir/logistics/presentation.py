"""What the plan page, the 3D view and the loading list show of a computed plan."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .drawings import PALLET_COLOUR


def unit_name(unit: dict[str, Any], language: str) -> str:
    return str(unit["name_fr"] if language == "fr" else unit["name_en"])


def product_name(product: dict[str, Any], language: str) -> str:
    return str(product["name_fr"] if language == "fr" else product["name_en"])


def _pallet_contents(result: dict[str, Any], n: int, language: str) -> str:
    products = {p["key"]: p for p in result["products"]}
    pallet = result["pallets"][n - 1]
    return ", ".join(
        f"{count} × {products[key]['reference']}" for key, count in pallet["cartons"].items()
    )


def viewer_data(result: dict[str, Any], language: str) -> dict[str, Any]:
    """The JSON read by ``loadview.js``: one entry per vehicle, boxes in loading order.

    A pallet is drawn as its deck plus its cartons; a pallet turned on the floor has its
    cartons' x and y swapped (a mirror of the pallet, the same physical build).
    """
    products = {p["key"]: p for p in result["products"]}
    pallet = result.get("pallet")
    pallets = {p["n"]: p for p in result.get("pallets", [])}
    units = []
    for index, unit in enumerate(result["units"], start=1):
        boxes: list[dict[str, Any]] = []
        for item in unit["items"]:
            seq = item["seq"]
            if "pallet" in item and pallet is not None:
                n = item["pallet"]
                deck = pallet["deck"]
                boxes.append(
                    {
                        "x": item["x"],
                        "y": item["y"],
                        "z": item["z"],
                        "dx": item["dx"],
                        "dy": item["dy"],
                        "dz": deck,
                        "color": PALLET_COLOUR,
                        "label": _("%(seq)d · pallet %(n)d (%(name)s)")
                        % {"seq": seq, "n": n, "name": pallet["name"]},
                        "seq": seq,
                        "group": n,
                    }
                )
                for key, cx, cy, cz, cdx, cdy, cdz in pallets[n]["placements"]:
                    if item.get("turned"):
                        cx, cy, cdx, cdy = cy, cx, cdy, cdx
                    product = products[key]
                    boxes.append(
                        {
                            "x": item["x"] + cx,
                            "y": item["y"] + cy,
                            "z": item["z"] + deck + cz,
                            "dx": cdx,
                            "dy": cdy,
                            "dz": cdz,
                            "color": product["colour"],
                            "label": _("%(seq)d · pallet %(n)d · %(ref)s %(name)s")
                            % {
                                "seq": seq,
                                "n": n,
                                "ref": product["reference"],
                                "name": product_name(product, language),
                            },
                            "seq": seq,
                            "group": n,
                        }
                    )
            else:
                product = products[item["carton"]]
                boxes.append(
                    {
                        "x": item["x"],
                        "y": item["y"],
                        "z": item["z"],
                        "dx": item["dx"],
                        "dy": item["dy"],
                        "dz": item["dz"],
                        "color": product["colour"],
                        "label": f"{seq} · {product['reference']} {product_name(product, language)}",
                        "seq": seq,
                    }
                )
        units.append(
            {
                "label": f"{unit_name(unit, language)} #{index}",
                "length": unit["length"],
                "width": unit["width"],
                "height": unit["height"],
                "boxes": boxes,
            }
        )
    return {"units": units}


def loading_steps(
    result: dict[str, Any], unit: dict[str, Any], language: str
) -> list[dict[str, Any]]:
    """The loading list of one vehicle: step, what, contents, where (cm from the front wall,
    from the left side, above the floor), size as loaded and weight."""
    products = {p["key"]: p for p in result["products"]}
    rows = []
    for item in unit["items"]:
        if "pallet" in item:
            what = _("Pallet %(n)d") % {"n": item["pallet"]}
            contents = _pallet_contents(result, item["pallet"], language)
            if item.get("turned"):
                what += " " + _("(turned: long side across)")
        else:
            product = products[item["carton"]]
            what = _("Carton %(ref)s") % {"ref": product["reference"]}
            contents = product_name(product, language)
        rows.append(
            {
                "seq": item["seq"],
                "what": what,
                "contents": contents,
                "x": item["x"],
                "y": item["y"],
                "z": item["z"],
                "size": (item["dx"], item["dy"], item["dz"]),
                "weight": item["weight"],
                "stacked": item["z"] > 0.05,
                "is_pallet": "pallet" in item,
            }
        )
    return rows


def candidates(result: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """The vehicle sets compared, cheapest first, as '2 × 40' HC + 1 × 20' dry'."""
    out = []
    for c in result.get("candidates", []):
        counts: dict[str, int] = {}
        for code in c["codes"]:
            counts[code] = counts.get(code, 0) + 1
        text = " + ".join(f"{n} × {names.get(code, code)}" for code, n in counts.items())
        out.append({"text": text, "cost": c["cost"], "units": len(c["codes"])})
    return out


#: Rows of the printed loading list, in all: WeasyPrint took 6.5 minutes for a table of
#: 7 820 cartons, one row each; grouped, a full 40' high cube fits in a few hundred rows.
MAX_PRINTED_STEPS = 600


def grouped_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive cartons of one product, loaded the same way in one row (same height) or
    one column (each on the previous one), as one line of the list.

    The line keeps the first carton's position and the size of one carton, and gives the
    steps it covers (``"12–35"``), their number and total weight. Pallets stay one a line.
    """
    out: list[dict[str, Any]] = []
    for step in steps:
        last = out[-1] if out else None
        mode = None
        if (
            last is not None
            and not step["is_pallet"]
            and last["what_one"] == step["what"]
            and last["size"] == step["size"]
            and last["last_seq"] + 1 == step["seq"]
        ):
            top = last["last_z"] + step["size"][2]
            if abs(last["z"] - step["z"]) < 0.05:
                mode = "row"
            elif (
                abs(last["x"] - step["x"]) < 0.05
                and abs(last["y"] - step["y"]) < 0.05
                and abs(top - step["z"]) < 0.05
            ):
                mode = "column"
        if last is not None and mode is not None and last["mode"] in (None, mode):
            last["mode"] = mode
            last["count"] += 1
            last["last_seq"] = step["seq"]
            last["last_z"] = step["z"]
            last["weight"] += step["weight"]
            continue
        out.append(
            {
                **step,
                "what_one": step["what"],
                "count": 1,
                "last_seq": step["seq"],
                "last_z": step["z"],
                "mode": None,
            }
        )
    for row in out:
        if row["count"] > 1:
            row["seq"] = f"{row['seq']}–{row['last_seq']}"
            row["what"] = f"{row['count']} × {row['what_one']}"
    return out
