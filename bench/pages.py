"""Page weight, Lighthouse and HTML validity per page type. Prints figures, asserts nothing.

Run: npm ci --prefix bench && python3 bench/pages.py [--presets mobile,desktop] [--pages home,track,...]
     [--runs 3] [--reports DIR]
Builds the site, serves it like GitHub Pages (gzip, /dir -> /dir/ redirects) on 127.0.0.1, and
runs Lighthouse (Debian Chromium, CHROME_PATH) and the Nu validator (java -jar vnu.jar) on each.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: gzip for text, a redirect from /dir to /dir/."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            self.send_response(301)
            self.send_header("Location", self.path.split("?")[0] + "/")
            self.end_headers()
            return None
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.split("/")[0] in ("text", "application")
        if zipped:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return _Body(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # Lighthouse drops connections as it finishes a run


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        return self.data

    def close(self) -> None:
        pass


def page_types(site: Path) -> dict[str, str]:
    """One page of each type: the largest phase and track by HTML size."""

    def largest(folder: str) -> str:
        return max((site / folder).glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name

    return {
        "home": "",
        "phase": f"phases/{largest('phases')}/",
        "track": f"tracks/{largest('tracks')}/",
        "progress": "progress/",
        "resources": "resources/",
        "map": "map/",
    }


def lighthouse(url: str, preset: str, save: Path | None = None, slowdown: float | None = None) -> dict[str, float]:
    cmd = [
        str(BENCH / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--output=json",
        "--quiet",
        "--chrome-flags=--headless --no-sandbox",
        "--only-categories=performance,accessibility",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    if slowdown is not None:  # Lighthouse's own flag: its default is 4 (mobile) and 1 (desktop)
        cmd.append(f"--throttling.cpuSlowdownMultiplier={slowdown:g}")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": CHROME})
    report = json.loads(out.stdout)
    if save:  # the whole report, for its long-tasks, bootup-time and mainthread-work-breakdown audits
        save.write_text(out.stdout, "utf-8")
    audits = report["audits"]
    return {
        "perf": round(report["categories"]["performance"]["score"] * 100),
        "a11y": round(report["categories"]["accessibility"]["score"] * 100),
        "tbt": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "dom": int(audits["dom-size"].get("numericValue", 0)),
        # Lighthouse's "CPU/Memory Power" of this machine during the run: its 4x slowdown assumes
        # 1,500-2,000 (docs/throttling.md), and TBT moves with it, so a figure needs it beside it.
        "cpu": round(report["environment"]["benchmarkIndex"]),
    }


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs (a shared machine makes single Lighthouse runs noisy)."""
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def vnu_errors(site: Path, rel: str) -> int:
    jar = BENCH / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    cmd = ["java", "-jar", str(jar), "--errors-only", "--format", "json", str(site / rel / "index.html")]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return sum(m["type"] == "error" for m in json.loads(out.stderr or '{"messages":[]}')["messages"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", default="mobile,desktop")
    parser.add_argument("--pages", default="home,phase,track,progress,resources,map")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per figure (the median is shown)")
    parser.add_argument("--reports", type=Path, help="write each Lighthouse report (JSON) into this folder")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="Lighthouse's CPU slowdown instead of its preset's (calibrate it from the cpu column: "
        "its default 4x for mobile assumes a benchmark index of 1,500-2,000)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        handler = lambda *a: PagesHandler(*a, directory=str(site))  # noqa: E731
        httpd = QuietServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        print(f"# load average {os.getloadavg()[0]:.1f}; cpu: Lighthouse's benchmark index (median)")
        print(
            f"{'page':10} {'preset':8} {'KB':>6} {'gzKB':>5} {'perf':>4} {'a11y':>4} "
            f"{'TBT':>4} {'CLS':>6} {'DOM':>5} {'vnu':>4} {'cpu':>5}"
        )
        for name, rel in page_types(site).items():
            if name not in args.pages.split(","):
                continue
            html = (site / rel / "index.html").read_bytes()
            errors = vnu_errors(site, rel)
            for preset in args.presets.split(","):
                saves: list[Path | None] = [None] * args.runs
                if args.reports:
                    args.reports.mkdir(parents=True, exist_ok=True)
                    saves = [args.reports / f"{name}-{preset}-{n + 1}.json" for n in range(args.runs)]
                f = median([lighthouse(base + rel, preset, save, args.cpu_slowdown) for save in saves])
                print(
                    f"{name:10} {preset:8} {len(html) / 1000:6.1f} {len(gzip.compress(html)) / 1000:5.1f} "
                    f"{f['perf']:4g} {f['a11y']:4g} {f['tbt']:4g} {f['cls']:6.3f} {f['dom']:5g} "
                    f"{errors:4} {f['cpu']:5g}",
                    flush=True,
                )
        httpd.shutdown()


if __name__ == "__main__":
    main()
