"""MkDocs hook of the curriculum site: the lesson pages load nothing from another host.

mkdocs-jupyter's page template always adds a MathJax loader (with its configuration) and a
Mermaid loader that imports from a CDN. The lessons use neither formulas in TeX nor Mermaid
diagrams, so both are removed; without this a page would ask cdnjs on every visit (and wait for
it when offline).
"""

import re

_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
_MERMAID = re.compile(r"<script type=\"module\">(?:(?!</script>).)*?mermaid.*?</script>", re.DOTALL)


def on_post_page(output: str, page, config) -> str:
    return _MERMAID.sub("", _MATHJAX.sub("", output))
