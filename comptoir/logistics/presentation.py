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
