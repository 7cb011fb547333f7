from comptoir.common import gates


def test_refusals_gather_every_registered_check_in_name_order():
    gates.register("test.step", "b-second", lambda *, thing: [f"b refuses {thing}"])
    gates.register("test.step", "a-first", lambda *, thing: [] if thing == "ok" else ["a refuses"])
    try:
        assert gates.refusals("test.step", thing="ok") == ["b refuses ok"]
        assert gates.refusals("test.step", thing="x") == ["a refuses", "b refuses x"]
        assert gates.refusals("other.step", thing="x") == []
    finally:
        gates.unregister("test.step", "a-first")
        gates.unregister("test.step", "b-second")
    assert gates.refusals("test.step", thing="x") == []


def test_registering_twice_replaces_the_check():
    gates.register("test.twice", "one", lambda **_: ["old"])
    gates.register("test.twice", "one", lambda **_: ["new"])
    try:
        assert gates.refusals("test.twice") == ["new"]
    finally:
        gates.unregister("test.twice", "one")
