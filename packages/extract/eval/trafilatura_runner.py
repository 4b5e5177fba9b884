"""Runs trafilatura over the eval pages in one process and prints one JSON line per page.

Input (stdin): JSON lines {"id", "url", "file", "raw"}: a gzip file of the page; raw=true hands
trafilatura the bytes as served (it detects the charset, like our cleaner does), raw=false the
UTF-8 text. Only the extraction call is timed, by this thread's CPU clock (time.thread_time), so
interpreter start-up, imports, reading and gunzipping stay out, as they do for our extractor.
Settings follow trafilatura's own evaluation: comments excluded, metadata extracted.
"""

import gzip
import json
import sys
import time

import trafilatura


def extract(html, url):
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return {"title": "", "body": "", "authors": [], "published": None}
    author = doc.author or ""
    return {
        "title": doc.title or "",
        "body": doc.text or "",
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "published": doc.date,
    }


def load(page):
    with gzip.open(page["file"], "rb") as f:
        data = f.read()
    return data if page["raw"] else data.decode("utf-8", errors="replace")


def main():
    pages = [json.loads(line) for line in sys.stdin if line.strip()]
    warmup = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    # Untimed first calls load trafilatura's lazy parts, as the Node side warms up its JIT.
    for page in pages[:warmup]:
        extract(load(page), page["url"])
    for page in pages:
        html = load(page)
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            found = extract(html, page["url"])
        except Exception as err:  # one bad page must not end the run; it scores as empty
            found = {"title": "", "body": "", "authors": [], "published": None, "error": str(err)}
        found["ms"] = (time.thread_time() - cpu) * 1000
        found["wallMs"] = (time.perf_counter() - wall) * 1000
        found["id"] = page["id"]
        sys.stdout.write(json.dumps(found) + "\n")


if __name__ == "__main__":
    main()
