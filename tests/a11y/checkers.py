"""The two independent page checkers the accessibility test runs, and the crawl that feeds them.

- axe-core (npm `axe-core`) is evaluated inside Debian's Chromium on the rendered page, so it sees
  the CSS, the layout at each width and any HTMX partial swapped in.
- The Nu HTML Checker (npm `vnu-jar`, run with Debian's Java) reads the HTML exactly as the server
  sent it: a browser's DOM has already repaired what Nu is there to catch (a duplicate attribute,
  a list inside a `<span>`). All files go to one `java` run, because the JVM's start dominates.

Both are installed by `make setup` (the `checkers` step runs `npm ci` in tests/a11y/node).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

NODE_MODULES = Path(__file__).resolve().parent / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "/usr/bin/java"

# axe's own scale; the goal is none of the two worst kinds.
FAILING_IMPACTS = {"serious", "critical"}


def missing_tools() -> list[str]:
    missing = [str(path) for path in (AXE_JS, VNU_JAR) if not path.exists()]
    if not Path(JAVA).exists():
        missing.append(JAVA)
    return missing


@dataclass(frozen=True)
class Problem:
    role: str
    path: str
    language: str
    where: str  # "360px", "1280px" or "Nu"
    rule: str
    target: str

    def __str__(self) -> str:
        return (
            f"{self.path} [{self.language}] as {self.role}, {self.where}: {self.rule}\n"
            f"    at {self.target}"
        )


# --- Links -----------------------------------------------------------------------------


class _Links(HTMLParser):
    """Links a person can follow (`<a href>` without `download`) and HTMX GET addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.partials: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.links.append(attributes["href"])
        partial = attributes.get("data-hx-get") or attributes.get("hx-get")
        if partial:
            self.partials.append(partial)


def links_in(html: str, base: str) -> tuple[list[str], list[str]]:
    """Absolute paths (with query, without fragment) of the page's links and HTMX GETs."""
    parser = _Links()
    parser.feed(html)

    def local(href: str) -> str | None:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("http", "https", "") or (
            parts.netloc and parts.netloc != urlsplit(base).netloc
        ):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    return (
        [url for url in map(local, parser.links) if url],
        [url for url in map(local, parser.partials) if url],
    )


# --- axe-core --------------------------------------------------------------------------

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def add_axe(context) -> None:
    """axe-core in every page of the context, before the page's own scripts.

    Added through the DevTools protocol, so the pages' strict CSP does not block it."""
    context.add_init_script(path=str(AXE_JS))


def axe_violations(page) -> list[dict]:
    """Serious and critical axe violations of the page as it is now (see `add_axe`)."""
    return [v for v in page.evaluate(_AXE_RUN) if v["impact"] in FAILING_IMPACTS]


# --- Nu HTML Checker -------------------------------------------------------------------


@dataclass
class NuBatch:
    """HTML saved under `folder`, each file remembered with where it came from."""

    folder: Path
    origins: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def add(self, html: str, *, role: str, path: str, language: str) -> None:
        name = f"{len(self.origins):04d}.html"
        (self.folder / name).write_text(html, encoding="utf-8")
        self.origins[name] = (role, path, language)

    def add_fragment(self, html: str, *, role: str, path: str, language: str) -> None:
        """An HTMX partial, inside the smallest document where its first element may stand."""
        first = re.match(r"\s*(?:\{[^}]*\}\s*)?<(\w+)", html)
        tag = first.group(1).lower() if first else ""
        opening, closing = {
            "td": ("<table><tr>", "</tr></table>"),
            "th": ("<table><tr>", "</tr></table>"),
            "tr": ("<table>", "</table>"),
            "li": ("<ul>", "</ul>"),
        }.get(tag, ("", ""))
        document = (
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>HTMX partial</title></head><body><main>{opening}{html}{closing}"
            "</main></body></html>"
        )
        self.add(document, role=role, path=f"{path} (HTMX partial)", language=language)

    def problems(self) -> list[Problem]:
        if not self.origins:
            return []
        completed = subprocess.run(
            [
                JAVA,
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--errors-only",
                "--no-langdetect",
                *sorted(str(self.folder / name) for name in self.origins),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        # vnu writes its report to stderr and exits 1 when it found errors.
        report = json.loads(completed.stderr or completed.stdout)
        problems = []
        for message in report["messages"]:
            name = Path(urlsplit(message.get("url", "")).path).name
            role, path, language = self.origins.get(name, ("?", name, "?"))
            line = message.get("lastLine", "?")
            extract = " ".join(message.get("extract", "").split())
            problems.append(
                Problem(
                    role=role,
                    path=path,
                    language=language,
                    where="Nu",
                    rule=f"{message['type']}: {message['message']}",
                    target=f"line {line}: {extract}",
                )
            )
        return problems
