"""The shell every page shares: home page per role, navigation."""

from django.urls import reverse


def test_home_shows_the_subtree_counts(login, district):
    page = login("qingbo_admin").get(reverse("core:home"), follow=True).content.decode()
    assert "清波街道总工会" in page
    assert 'href="/indicators/employers.without_union/?year=' in page  # the 未建会 figure links to its list


def test_menu_is_hidden_while_the_password_must_be_changed(login, personas):
    user = personas["qingbo_admin"]
    user.must_change_password = True
    user.save()
    page = login("qingbo_admin").get(reverse("accounts:password-change")).content.decode()
    assert "组织架构" not in page
    user.must_change_password = False
    user.save()
    assert "组织架构" in login("qingbo_admin").get(reverse("core:home"), follow=True).content.decode()
