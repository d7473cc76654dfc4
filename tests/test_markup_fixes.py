"""Unit tests of the markup fixes for Material's own HTML."""

from markup_fixes import mend


def test_checkbox_autocomplete_removed_text_input_kept():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" class="md-search__input" autocomplete="off">')
    assert mend(html) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                          '<input type="text" class="md-search__input" autocomplete="off">')


def test_empty_tabindex_removed_real_one_kept():
    html = '<label class="md-nav__link" for="a" tabindex=""></label><label for="b" tabindex="0"></label>'
    assert mend(html) == '<label class="md-nav__link" for="a"></label><label for="b" tabindex="0"></label>'


def test_search_dialog_gets_a_name():
    assert 'role="dialog" aria-label="Search"' in mend('<div class="md-search" data-md-component="search" role="dialog">')


def test_permalinks_and_backlinks_keep_their_name_without_a_tooltip():
    html = ('<a class="headerlink" href="#x" title="Permanent link">¶</a>'
            '<a class="footnote-backref" href="#fnref:k" title="Jump back to footnote 1 in the text">↩</a>'
            '<abbr title="General practitioner">GP</abbr>')
    assert mend(html) == ('<a class="headerlink" href="#x" aria-label="Permanent link">¶</a>'
                          '<a class="footnote-backref" href="#fnref:k" aria-label="Jump back to footnote 1 in the text">↩</a>'
                          '<abbr title="General practitioner">GP</abbr>')


def test_search_share_link_loses_its_javascript_url():
    html = '<a href="javascript:void(0)" class="md-search__icon md-icon" title="Share" data-md-component="search-share">'
    assert mend(html) == '<a href="#" class="md-search__icon md-icon" title="Share" data-md-component="search-share">'
