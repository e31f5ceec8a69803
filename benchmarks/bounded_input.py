"""Memory of the largest inputs: an organisation import of 20 MB (refused) and of just
under the 2 MiB limit (imported), each in a process of its own, and a 1 GiB upload sent
to a running app server through a real browser session's upload address (refused while
it streams in). Peak resident memory in MB.

    python -m benchmarks.bounded_input
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 300

IMPORT = """
import resource, sys, tempfile, time
from benchmarks import bench_admin, open_store
from cxmaturity.errors import InvalidInput
from cxmaturity.services.catalog import CatalogSource
from cxmaturity.config import catalog_dir
store = open_store(f"sqlite:///{tempfile.mkdtemp()}/x.db")
raw = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    catalog = CatalogSource(catalog_dir()).current()
    store.import_organization(bench_admin(store), raw, "big.json", catalog)
    outcome = "imported"
except InvalidInput:
    outcome = "refused"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(outcome, round(time.perf_counter() - started, 2), round(peak, 1))
"""


def organisation_file(size_mb: float) -> bytes:
    """A valid organisation record of about ``size_mb`` MB (50-person grid rounds)."""
    items = ["billing", "security", "business-intelligence"]
    rounds, key = [], 1
    while True:
        responses = [
            {"respondent": f"participant-{p}", "item": item, "current": "2", "ideal": "4",
             "note": "x" * 40}
            for p in range(50) for item in items
        ]  # fmt: skip
        rounds.append({"key": key, "questionnaire": "avaya-capability-grid",
                       "questionnaire_version": "1", "assessed_on": "2026-01-05",
                       "language": "es", "responses": responses})  # fmt: skip
        key += 1
        text = json.dumps({"format": "cxmaturity-organization", "version": 1,
                           "organization": {"name": "Big"}, "assessments": rounds})  # fmt: skip
        if len(text) > size_mb * 1024 * 1024:
            return json.dumps({"format": "cxmaturity-organization", "version": 1,
                               "organization": {"name": "Big"},
                               "assessments": rounds[:-1]}).encode()  # fmt: skip


def import_memory(size_mb: float) -> tuple[str, float, float, int]:
    raw = organisation_file(size_mb)
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(raw)
        handle.flush()
        done = subprocess.run([sys.executable, "-c", IMPORT, handle.name], cwd=ROOT,
                              capture_output=True, text=True, check=True)  # fmt: skip
    outcome, seconds, peak = done.stdout.split()
    return outcome, float(seconds), float(peak), len(raw)


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def upload_memory(gib: float = 1.0) -> tuple[float, float, str]:
    """The app server's peak memory before and after a ``gib`` GiB upload is sent to it
    through a real browser session's upload address (chunked, no length given: the
    server has to count while it reads)."""
    import http.client
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import ARGS, CHROMIUM, serve

    with (
        tempfile.TemporaryDirectory() as folder,
        serve(Path(folder), Path(folder)) as url,
        sync_playwright() as playwright,
    ):
        pid = int(subprocess.run(["pgrep", "-n", "-f", "streamlit run"], capture_output=True,
                                 text=True, check=True).stdout.split()[0])  # fmt: skip
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()  # its session stays open while the big upload is sent
        page.goto(f"{url}/answer?questionnaire=avaya-cx-quiz&lang=en")
        page.get_by_text("Save or resume answers").first.click()
        with page.expect_request(lambda r: "/_stcore/upload_file/" in r.url) as sent:
            page.locator("input[type=file]").first.set_input_files(
                files=[
                    {
                        "name": "a.yaml",
                        "mimeType": "application/x-yaml",
                        "buffer": b"questionnaire: avaya-cx-quiz\n",
                    }
                ]
            )
        real = sent.value
        headers = {k: v for k, v in real.all_headers().items()
                   if k.lower() in ("cookie", "x-xsrftoken")}  # fmt: skip
        before = _peak_rss_mb(pid)
        target = urlparse(real.url)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        chunk = b"\0" * (1024 * 1024)
        boundary = "cxmaturity-bench"

        def body():
            yield (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="big.yaml"\r\nContent-Type: application/x-yaml\r\n\r\n'
            ).encode()
            for _ in range(int(gib * 1024)):
                yield chunk

        status = "sent"
        try:
            connection.request("PUT", target.path, body=body(), encode_chunked=True,
                               headers={**headers, "Content-Type":
                                        f"multipart/form-data; boundary={boundary}"})  # fmt: skip
            status = str(connection.getresponse().status)
        except OSError as error:  # the server closed the connection: refused
            status = f"closed ({type(error).__name__})"
        time.sleep(1)
        browser.close()
        return before, _peak_rss_mb(pid), status


def main() -> int:
    ok = True
    for size in (20.0, 1.95):
        outcome, seconds, peak, length = import_memory(size)
        within = peak < LIMIT_MB
        ok &= within
        print(f"organisation import, {length / 1e6:.1f} MB: {outcome} in {seconds:.2f} s, "
              f"peak RSS {peak:.0f} MB ({'ok' if within else 'OVER'} < {LIMIT_MB} MB)")  # fmt: skip
    before, after, status = upload_memory()
    within = after < LIMIT_MB
    ok &= within
    print(
        f"1 GiB upload to the app server: answered {status}; server peak RSS "
        f"{before:.0f} MB before, {after:.0f} MB after ({'ok' if within else 'OVER'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
