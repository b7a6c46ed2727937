"""Server-rendered pages over the corpus and the pipeline: article, analyse, corpus (Jinja2, no CDN)."""
