"""The supervisor's and evaluator's view of a batch run: ``collect`` builds the data model,
and one module per format writes it (``html``, ``xlsx``, ``json``)."""

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".json": "json"}


def writer(name: str):
    """The ``write(batch, path)`` function of a format, imported on demand."""
    from importlib import import_module

    return import_module(f"govlint.summary.{name}").write
