"""MkDocs hook of the curriculum site: the lesson pages load nothing from another host.

mkdocs-jupyter's page template always adds a MathJax and a Mermaid loader from a CDN. The
lessons use neither formulas in TeX nor Mermaid diagrams, so both loaders are removed; without
this the pages would ask cdnjs/jsdelivr on every visit (and wait for them when offline).
"""

import re

_CDN_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=[\"'](?:https?:)?//[^\"']+[\"'][^>]*>\s*</script>"
    r"|<script\b[^>]*type=[\"']module[\"'][^>]*>[^<]*(?:https?:)?//[^<]*</script>",
    re.IGNORECASE,
)


def on_post_page(output: str, page, config) -> str:
    return _CDN_SCRIPT.sub("", output)
