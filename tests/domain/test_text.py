import pytest

from ilp_desktop.domain.text import fold, matches, search_tokens


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("nguyen", "Nguyễn Văn An"),
        ("odegard", "Ødegård"),
        ("lukasz zolc", "Łukasz Żółć"),
        ("sinead", "Sinéad Ní Bhriain"),
        ("NGUYỄN", "nguyen"),
        ("zolc lukasz", "Łukasz Żółć"),
        ("mohamed", "Mohamed Ali"),
        ("محمد", "مُحَمَّد علي"),
        ("小明", "王小明"),
        ("strasse", "Straße"),
        ("aeron", "Æron"),
    ],
)
def test_query_finds_name(query: str, name: str) -> None:
    assert matches(search_tokens(query), fold(name))


@pytest.mark.parametrize(
    ("query", "name"),
    [("nguyen x", "Nguyễn Văn An"), ("odegardd", "Ødegård"), ("lukasz zolcz", "Łukasz Żółć")],
)
def test_every_word_must_match(query: str, name: str) -> None:
    assert not matches(search_tokens(query), fold(name))


def test_fold_normalises_spacing_and_case() -> None:
    assert fold("  Ana   María\tPEÑA ") == "ana maria pena"
    assert search_tokens("   ") == []
    assert matches([], "anything")


def test_shortened_cuts_at_a_word_and_keeps_short_text() -> None:
    from ilp_desktop.domain.text import shortened

    assert shortened("Raise  my\nmath grade", 40) == "Raise my math grade"
    assert shortened("Raise my math grade to a B by June", 21) == "Raise my math grade…"
