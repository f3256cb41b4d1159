"""Real-looking news pages built at test time around BBC texts (never committed).

Each page has what a saved news page carries around its article: a navigation bar, a cookie
banner, a newsletter box, related links, a comments section and a footer, with the
metadata in Open Graph tags, JSON-LD `NewsArticle` and a `<time>` element. The boilerplate
phrases are listed so tests can check that none of them becomes searchable text.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# Beside the repo in the main checkout; in a worktree, the shared folder itself.
_BBC_PLACES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc",
    Path("/work/shared/corpora/bbc"),
)
BBC = next((p for p in _BBC_PLACES if p.is_dir()), _BBC_PLACES[0])

OUTLETS = (
    ("The Daily Ledger", "www.dailyledger.example", "Maria Okafor"),
    ("Northern Courier", "news.northerncourier.example", "Tom Hardcastle"),
    ("Westminster Wire", "westminsterwire.example", "Priya Raman"),
    ("Evening Standard Times", "www.eveningst.example", "James O'Neill"),
)

BOILERPLATE = (
    "We use cookies to give you the best possible experience on our site",
    "Accept all cookies",
    "Sign up for our morning briefing newsletter",
    "Skip to main content",
    "Most read this week",
    "Comments are closed for this story",
    "Copyright Ledger Media Group Limited. All rights reserved",
    "Terms of use and privacy notice",
    "Follow us on social media",
)


@dataclass(frozen=True)
class PageSpec:
    name: str  # the BBC file it was built from, without suffix
    title: str
    body: list[str]  # paragraphs
    date: date
    outlet: str
    host: str
    author: str
    url: str


def bbc_articles(count: int, start: int = 0) -> list[tuple[str, str, list[str]]]:
    """(name, title, paragraphs) of `count` distinct BBC articles, in a stable order."""
    out, seen = [], set()
    for path in sorted(BBC.glob("*.txt"))[start:]:
        text = path.read_text(encoding="utf-8")
        title, _, rest = text.partition("\n")
        paragraphs = [" ".join(p.split()) for p in rest.split("\n\n") if p.strip()]
        key = (title.strip(), paragraphs[0] if paragraphs else "")
        if key in seen or len(paragraphs) < 3:
            continue
        seen.add(key)
        out.append((path.stem, title.strip(), paragraphs))
        if len(out) == count:
            break
    return out


def spec_for(n: int, name: str, title: str, body: list[str]) -> PageSpec:
    outlet, host, author = OUTLETS[n % len(OUTLETS)]
    day = date(2005, 1, 3) + timedelta(days=n % 300)
    slug = name.replace("_", "-")
    return PageSpec(name, title, body, day, outlet, host, author, f"https://{host}/news/{day:%Y/%m}/{slug}")


def page_html(spec: PageSpec, related: list[str], *, charset: str = "utf-8") -> str:
    """A full page around the article, the way news sites mark one up."""
    e = html.escape
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": spec.title,
        "datePublished": f"{spec.date.isoformat()}T08:30:00+00:00",
        "author": {"@type": "Person", "name": spec.author},
        "publisher": {"@type": "Organization", "name": spec.outlet},
        "mainEntityOfPage": spec.url,
    }
    paragraphs = "\n".join(f"        <p>{e(p)}</p>" for p in spec.body)
    related_items = "\n".join(f'          <li><a href="/news/{i}">{e(t)}</a></li>' for i, t in enumerate(related))
    nav = "".join(
        f'<li><a href="/{s.lower()}">{s}</a></li>' for s in ("Home", "UK", "World", "Business", "Politics", "Tech")
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="{charset}">
  <title>{e(spec.title)} | {e(spec.outlet)}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="{e(spec.body[0][:150])}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(spec.title)}">
  <meta property="og:site_name" content="{e(spec.outlet)}">
  <meta property="og:url" content="{e(spec.url)}">
  <meta property="article:published_time" content="{spec.date.isoformat()}T08:30:00Z">
  <meta name="author" content="{e(spec.author)}">
  <link rel="canonical" href="{e(spec.url)}">
  <script type="application/ld+json">{json.dumps(ld)}</script>
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "article"}});</script>
  <style>body {{ font-family: sans-serif; }} .cookie {{ position: fixed; }}</style>
</head>
<body>
  <a class="skip" href="#main">Skip to main content</a>
  <div class="cookie-banner" id="cookie-consent" role="dialog">
    <p>We use cookies to give you the best possible experience on our site. Read our cookie policy.</p>
    <button>Accept all cookies</button> <button>Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{e(spec.outlet)}</a>
    <nav class="main-nav" aria-label="Sections"><ul>{nav}</ul></nav>
    <form class="search" action="/search"><input name="q" placeholder="Search"></form>
  </header>
  <div class="ad-slot ad-leaderboard">Advertisement</div>
  <main id="main">
    <article class="story">
      <header>
        <h1 class="headline">{e(spec.title)}</h1>
        <p class="byline">By <span class="author">{e(spec.author)}</span>, {e(spec.outlet)}</p>
        <time datetime="{spec.date.isoformat()}T08:30:00Z">{spec.date:%d %B %Y}</time>
      </header>
      <div class="story-body">
{paragraphs}
      </div>
      <aside class="newsletter-signup">
        <h3>Sign up for our morning briefing newsletter</h3>
        <form><input type="email" placeholder="Email address"><button>Sign up</button></form>
      </aside>
    </article>
    <aside class="related">
      <h2>Related stories</h2>
      <ul>
{related_items}
      </ul>
      <h2>Most read this week</h2>
    </aside>
    <section class="comments" id="comments">
      <h2>Comments</h2>
      <p>Comments are closed for this story.</p>
    </section>
  </main>
  <footer class="site-footer">
    <ul><li><a href="/terms">Terms of use and privacy notice</a></li><li><a href="/contact">Contact us</a></li></ul>
    <p>Follow us on social media</p>
    <p>Copyright Ledger Media Group Limited. All rights reserved.</p>
  </footer>
</body>
</html>
"""


def write_pages(folder: Path, count: int, *, start: int = 0) -> list[PageSpec]:
    """`count` saved pages in `folder`, one `.html` each; returns what each page should read as."""
    articles = bbc_articles(count + 3, start)
    specs = []
    for n, (name, title, body) in enumerate(articles[:count]):
        spec = spec_for(n, name, title, body)
        related = [t for _, t, _ in articles[n + 1 : n + 4]]
        (folder / f"{name}.html").write_text(page_html(spec, related), encoding="utf-8")
        specs.append(spec)
    return specs
