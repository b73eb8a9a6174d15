"""What people write is shown inert: scripts, event attributes, frames and dangerous links never reach the page.

Posts are written through the real form and read back on the real page: the assertions are on the HTTP response, as
a browser would get it (ere/peers/markdown.py renders Markdown with raw HTML disabled, then nh3 cleans the result).
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ere.peers import markdown
from ere.peers.models import Post
from tests.catalog.factories import ToolFactory
from tests.org.factories import AgencyFactory
from tests.peers.factories import PostFactory

ATTACKS = {
    "script": "<script>alert('xss')</script>",
    "event attribute": '<img src="x" onerror="alert(\'xss\')">',
    "svg": "<svg onload=alert('xss')></svg>",
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "raw link": "<a href=\"javascript:alert('xss')\">clic</a>",
    "markdown link": "[clic](javascript:alert('xss'))",
    "markdown link, mixed case": "[clic](JaVaScRiPt:alert('xss'))",
    "markdown link, entity": "[clic](&#106;avascript:alert('xss'))",
    "markdown link, spaces": "[clic]( javascript:alert('xss') )",
    "autolink": "<javascript:alert('xss')>",
    "vbscript": "[clic](vbscript:msgbox('xss'))",
    "data url": "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=)",
    "data image": "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoJ3hzcycpPjwvc3ZnPg==)",
    "image with event": "![x\" onerror=\"alert('xss')](https://example.org/x.png)",
    "link title": '[clic](https://example.org "x\\" onmouseover=\\"alert(\'xss\')")',
    "style": "<style>body{display:none}</style><p style=\"background:url(javascript:alert('xss'))\">x</p>",
    "form": '<form action="https://evil.example"><input name="password"></form>',
}


@pytest.fixture(autouse=True)
def agency_codes_apart():
    """AgencyFactory's codes (69000 + n) meet the `agency` fixture's « 69001 » at n = 1: start them further."""
    AgencyFactory.reset_sequence(1000)


class Elements(HTMLParser):
    """The elements of a page's main content (all of a fragment) with their attributes, and every inline script."""

    def __init__(self, html):
        super().__init__()
        self.elements, self.scripts, self._in_script = [], [], False
        self._in_main = "<main" not in html
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._in_main = self._in_main or tag == "main"
        if self._in_main:
            self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False
        if tag == "main":
            self._in_main = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


def assert_inert(html):
    page = Elements(html)
    for tag, attrs in page.elements:
        assert tag not in {"iframe", "object", "embed", "svg", "style", "img"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in {"href", "src", "action", "formaction", "style"}:
                link = "".join((value or "").split()).lower()
                assert not link.startswith(("javascript:", "vbscript:", "data:")), (tag, attrs)
                assert "javascript:" not in link, (tag, attrs)
        if tag == "form":
            assert not attrs.get("action", "").startswith("https://evil"), attrs
    assert not any("xss" in script for script in page.scripts)


@pytest.fixture
def tool(db):
    return ToolFactory(name="Agenda partagé")


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_tip_written_with_an_attack_is_shown_inert(login, agent, tool, attack):
    client = login(agent)
    response = client.post(
        reverse("peers:post_new"),
        {"kind": "tip", "tool": tool.pk, "title": f"Astuce {attack}", "body": f"Avant\n\n{attack}\n\nAprès"},
    )
    post = Post.objects.get()
    assert response.status_code == 302

    page = client.get(reverse("peers:post", args=[post.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Avant" in content and "Après" in content
    assert_inert(content)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_an_answer_and_the_list_are_inert_too(login, agent, champion, tool, attack):
    question = PostFactory(question=True, tool=tool, author=champion, body=attack, title="Question ?")
    client = login(agent)
    client.post(reverse("peers:post_answer", args=[question.pk]), {"body": attack})
    assert question.answers.count() == 1

    for url in (reverse("peers:post", args=[question.pk]), reverse("peers:post_list")):
        response = client.get(url)
        assert response.status_code == 200
        assert_inert(response.content.decode())


def test_the_preview_is_inert(login, agent, tool):
    body = "\n\n".join(ATTACKS.values())
    response = login(agent).post(
        reverse("peers:post_new"), {"kind": "tip", "tool": tool.pk, "title": "Essai", "body": body, "preview": "1"}
    )
    assert response.status_code == 200
    assert "Aperçu" in response.content.decode()
    assert_inert(response.content.decode())
    assert not Post.objects.exists()


def test_the_weekly_tip_and_the_tool_partial_are_inert(login, agent, tool):
    from django.template.loader import render_to_string

    from ere.peers import posts

    PostFactory(tool=tool, title="<script>alert('xss')</script>", body="\n\n".join(ATTACKS.values()))
    html = render_to_string("peers/_weekly_tip.html", {"tip": posts.weekly_tip()})
    html += render_to_string(
        "peers/_tool_posts.html",
        {"tool": tool, "tips": posts.tips_for_tool(tool), "questions": posts.questions_for_tool(tool)},
    )
    assert "&lt;script&gt;" in html
    assert_inert(html)


def test_safe_markdown_still_renders():
    html = markdown.render("# Titre\n\n**gras**, *italique*, [lien](https://example.org), `code`\n\n- un\n- deux")
    assert "<h3>Titre</h3>" in html
    assert "<strong>gras</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">lien</a>' in html
    assert "<li>un</li>" in html


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_the_renderer_itself_keeps_nothing_active(attack):
    assert_inert(markdown.render(attack))


@pytest.mark.parametrize(
    "html",
    [
        "<main><script>alert('xss')</script></main>",
        '<main><img src="x" onerror="alert(1)"></main>',
        '<main><a href=" JavaScript:alert(1)">x</a></main>',
        '<main><a href="data:text/html;base64,xx">x</a></main>',
        '<main><iframe src="https://evil.example"></iframe></main>',
    ],
)
def test_the_check_itself_catches_an_active_page(html):
    with pytest.raises(AssertionError):
        assert_inert(html)
