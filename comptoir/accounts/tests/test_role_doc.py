"""docs/roles.md shows the matrix of accounts/roles.py, not a copy that drifts."""

from comptoir.accounts.roles_doc import DOC, documented_block, matrix_markdown


def test_the_documented_matrix_is_the_one_enforced() -> None:
    assert documented_block(DOC.read_text(encoding="utf-8")) == matrix_markdown(), (
        "docs/roles.md differs from accounts/roles.py: run python -m comptoir.accounts.roles_doc"
    )


def test_the_documentation_names_the_protected_fields() -> None:
    table = matrix_markdown()
    assert "| Companies and their addresses | credit limit | Manager and above |" in table
    assert "| Price lists and their prices | Read-only | Assistant | Assistant | Manager |" in table
