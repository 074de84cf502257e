"""Reading a pasted participant list (lpdesk/model/roster.py): columns, headers, CSV quoting,
"Surname, First", e-mail address lists, duplicates and blank lines. No Qt needed."""
from lpdesk.model.roster import (
    IN_LIST,
    IN_SESSION,
    name_from_address,
    name_from_mailbox,
    plan_addition,
    read_roster,
    split_names,
)
from lpdesk.model.session import Group, Session


def pairs(roster):
    return [(r.name, r.group) for r in roster.rows]


def test_one_name_per_line_and_semicolons():
    assert split_names("Ann\n  Bob \nCé;Dee") == ["Ann", "Bob", "Cé", "Dee"]


def test_name_tab_group_is_two_columns_not_two_people():
    roster = read_roster("Ann Lee\tHarbour\nBo Chen\tQuay\nCé Diaz\n")
    assert pairs(roster) == [("Ann Lee", "Harbour"), ("Bo Chen", "Quay"), ("Cé Diaz", None)]
    assert roster.new_groups == ["Harbour", "Quay"]


def test_tab_header_row_is_read_as_column_names_in_any_order():
    roster = read_roster("Team\tName\nHarbour\tAnn Lee\nQuay\tBo Chen")
    assert roster.header == ("Team", "Name")
    assert pairs(roster) == [("Ann Lee", "Harbour"), ("Bo Chen", "Quay")]


def test_csv_with_header_first_and_last_name_email_and_quotes():
    text = ('First name,Last name,E-mail,Group\n'
            'Amira,Haddad,amira.haddad@x.org,"Harbour, north"\n'
            'Ben,Okafor,ben@example.org,Quay\n')
    roster = read_roster(text)
    assert pairs(roster) == [("Amira Haddad", "Harbour, north"), ("Ben Okafor", "Quay")]
    assert roster.header == ("First name", "Last name", "E-mail", "Group")


def test_csv_header_with_a_quoted_surname_first_name_column():
    roster = read_roster('Name,Group\n"Okafor, Ben",Quay\n"Haddad, Amira",\n')
    assert pairs(roster) == [("Ben Okafor", "Quay"), ("Amira Haddad", None)]


def test_csv_header_with_only_an_email_column_reduces_addresses_to_names():
    roster = read_roster("email\ncarl.jung@x.org\n")
    assert pairs(roster) == [("Carl Jung", None)]


def test_quoted_surname_first_on_one_line_is_swapped():
    assert split_names('"Okafor, Ben"') == ["Ben Okafor"]


def test_a_column_of_surname_first_names_one_per_line():
    assert split_names("Okafor, Ben\nHaddad, Amira") == ["Ben Okafor", "Amira Haddad"]


def test_one_line_of_comma_separated_names_is_a_list():
    assert split_names("Ann, Bob, Cé") == ["Ann", "Bob", "Cé"]
    assert split_names("Ann, Bob") == ["Ann", "Bob"]  # one line: a list, not a surname


def test_email_address_list_from_an_address_line():
    text = '"Okafor, Ben" <ben@example.org>; amira.haddad@x.org, Carl Jung <cj@x.org>'
    assert split_names(text) == ["Ben Okafor", "Amira Haddad", "Carl Jung"]


def test_email_addresses_one_per_line_and_odd_forms():
    text = "amira.haddad@x.org\n<dee_ng@x.org>\nEve Ray (eve@x.org)\nfrank-o+w@x.org"
    assert split_names(text) == ["Amira Haddad", "Dee Ng", "Eve Ray", "Frank O"]


def test_name_from_address_and_mailbox():
    assert name_from_address("amira.haddad@x.org") == "Amira Haddad"
    assert name_from_mailbox('"Okafor, Ben" <ben@example.org>') == "Ben Okafor"
    assert name_from_mailbox("Ben Okafor <ben@example.org>") == "Ben Okafor"
    assert name_from_mailbox("  plain name ") == "plain name"


def test_duplicates_within_the_list_are_reported_not_added():
    roster = read_roster("Ann\nBob\nann\n  Bob  \nCé")
    assert [r.name for r in roster.rows] == ["Ann", "Bob", "Cé"]
    assert [(d.name, d.reason, d.line) for d in roster.duplicates] == [
        ("ann", IN_LIST, 3), ("Bob", IN_LIST, 4)]


def test_duplicates_against_the_session_are_reported():
    roster = read_roster("Ann Lee\nBo\n", session_names=["ann  lee"])
    assert [r.name for r in roster.rows] == ["Bo"]
    assert [(d.name, d.reason) for d in roster.duplicates] == [("Ann Lee", IN_SESSION)]


def test_blank_lines_inside_are_counted_trailing_ones_are_not():
    roster = read_roster("\nAnn\n\n   \nBob\n\n\n")
    assert [r.name for r in roster.rows] == ["Ann", "Bob"]
    assert roster.blank_lines == 2
    assert read_roster("Ann\r\nBob\r\n").blank_lines == 0


def test_existing_groups_are_reused_by_name_not_created_again():
    roster = read_roster("Ann\tharbour\nBo\tQuay\nCé\tquay", session_groups=["Harbour"])
    assert roster.new_groups == ["Quay"]
    assert pairs(roster) == [("Ann", "Harbour"), ("Bo", "Quay"), ("Cé", "Quay")]


def test_empty_and_whitespace_only_texts_add_nothing():
    for text in ("", "\n\n", "  \t \n", ";;,", "\t\t"):
        roster = read_roster(text)
        assert roster.empty and roster.duplicates == []


def test_line_numbers_point_into_the_pasted_text():
    roster = read_roster("Name\tGroup\nAnn\tA\n\nBo\tB")
    assert [(r.name, r.line) for r in roster.rows] == [("Ann", 2), ("Bo", 4)]


def test_plan_addition_makes_groups_and_puts_people_in_them():
    session = Session(groups=[Group("g-1", "Harbour", "#0072B2")])
    roster = read_roster("Ann\tHarbour\nBo\tQuay\nCé\tQuay\nDee",
                         session_groups=[g.name for g in session.groups])
    groups, people = plan_addition(session, roster)
    assert [g.name for g in groups] == ["Quay"]
    assert groups[0].colour != "#0072B2"
    quay = groups[0].id
    assert [(p.name, p.group_id) for p in people] == [
        ("Ann", "g-1"), ("Bo", quay), ("Cé", quay), ("Dee", None)]
    ids = [p.id for p in people] + [g.id for g in groups]
    assert len(set(ids)) == len(ids) and not set(ids) & session.all_ids()
    assert session.participants == [] and len(session.groups) == 1  # nothing added yet


def test_odd_input_never_raises():
    for text in ('"unclosed, quote\n<a@b', "@@@\n,,,\t\t", "\x00\x01", "Name\n", '"",""',
                 "a@", "<>", "Name,Group\n,,,\n"):
        read_roster(text)  # no exception; whatever it finds is plain names


def test_any_text_gives_tidy_distinct_names():
    from budget import examples
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=examples(300), deadline=None)
    @given(st.text(alphabet=st.sampled_from(list('ab ,;\t\n"<>@.-É')), max_size=60))
    def check(text):
        roster = read_roster(text)
        keys = [" ".join(r.name.split()).casefold() for r in roster.rows]
        assert len(keys) == len(set(keys))
        assert all(r.name == r.name.strip() and r.name for r in roster.rows)
        assert all("\n" not in r.name and "\t" not in r.name for r in roster.rows)

    check()
