"""Where `python -m dashboard sample` writes: the large set gets its own database."""

from dashboard import cli
from dashboard.config import DEFAULT_DB_PATH, LARGE_DB_PATH, Settings


def test_cli_sample001_large_goes_to_its_own_database(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings.from_env()
    assert cli._sample_database_url("large", settings) == f"sqlite:///{LARGE_DB_PATH}"
    assert cli._sample_database_url("small", settings) == f"sqlite:///{DEFAULT_DB_PATH}"


def test_cli_sample002_database_url_wins(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    settings = Settings.from_env()
    assert cli._sample_database_url("large", settings) == "sqlite:////tmp/elsewhere.db"


def test_cli_sample003_scale_is_parsed():
    args = cli.parser().parse_args(["sample", "--scale", "large", "--output", "x"])
    assert (args.scale, args.output, args.run) == ("large", "x", cli._sample)
