from comptoir.common import panels


def test_sections_follow_their_order_and_carry_their_context():
    panels.register(
        "test-page", "late", "late.html", lambda record, request: {"n": record}, order=90
    )
    panels.register("test-page", "early", "early.html", lambda record, request: {"x": 1}, order=10)
    sections = panels.sections("test-page", 7, None)
    assert sections == [{"template": "early.html", "x": 1}, {"template": "late.html", "n": 7}]
    assert panels.panels("no-such-page") == []
