"""The continuum's wording and number format, shared by the app and the exports."""
from lpdesk.content.stages import continuum_content
from lpdesk.model import continuum_words as words
from lpdesk.model.continuum import Placement
from lpdesk.model.statistics import Spread


def test_one_number_format_for_every_screen_and_export():
    assert words.format_position(37.0) == "37"
    assert words.format_position(36.96) == "37"
    assert words.format_position(24.63) == "24.6"  # not "25" beside Embedded (ends at 25)
    assert words.format_position(0.0) == "0"
    assert words.format_position(-0.01) == "0"
    assert words.format_position(None) == "\u2013"
    assert words.format_gap(25.0) == "+25"
    assert words.format_gap(-3.45) == "\u22123.5"
    assert words.format_gap(0.02) == "0"


def test_sentences_use_the_same_format():
    content = continuum_content()
    assert words.gap_sentence(Spread.of([24.0, 25.2])) == \
        "The median wish is a move of 24.6 points towards the learner."
    assert words.agreed_sentence(Placement(35.0, 62.5), content) == \
        "Agreed: 35 (Blended) today, 62.5 (Facilitated) as the target."
    assert words.standing_line(Spread.of([32.0]), Spread.of([51.84]), content) == \
        "now 32 (Blended) \u2192 target 51.8 (Facilitated)"


def test_the_translation_function_is_the_callers():
    content = continuum_content()
    said = []

    def tr(text):
        said.append(text)
        return text.upper()

    assert words.room_sentence([], [], content, tr=tr) == "NOBODY HAS PLACED A MARKER YET."
    assert said


def test_whose_placements_count():
    from lpdesk.model.continuum import Area
    from lpdesk.model.statistics import counts_groups

    area = Area("a", "All")
    assert not counts_groups(area) and counts_groups(area, True)
    area.placements["p"] = Placement(10.0, None)
    area.by_groups = True  # by groups, but only people placed: the page shows no group
    assert counts_groups(area)  # so the summary says no group placed, as the page does
    area.by_groups = False
    area.group_placements["g"] = Placement(20.0, None)
    assert not counts_groups(area)  # the groups' leftovers never stand in for the room
