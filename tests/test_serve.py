"""``argmap serve``: the endpoints (Starlette's TestClient), the snapshots, the command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.render import RenderOptions
from argmap.serve import Preview, PreviewOptions, is_loopback

pytest.importorskip("starlette")
pytest.importorskip("httpx2", reason="Starlette's TestClient needs httpx2")

from starlette.testclient import TestClient

from argmap.serve import create_app

pytestmark = pytest.mark.dot

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "render" / "small.argmap.yaml"
HOSTILE_TEXT = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "debate.argmap.yaml"
    path.write_bytes(SMALL.read_bytes())
    return path


def _client(preview: Preview, **kwargs: Any) -> TestClient:
    app = create_app(preview, watch=False, **kwargs)
    return TestClient(app, base_url="http://127.0.0.1:8000")


@pytest.fixture
def client(map_file: Path) -> Iterator[TestClient]:
    preview = Preview(map_file, display="debate.argmap.yaml")
    preview.look()
    with _client(preview) as test_client:
        yield test_client


def test_page_has_the_csp_of_the_html_export_and_no_map_data(client: TestClient) -> None:
    answer = client.get("/")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "no-referrer"
    page = answer.text
    assert len(re.findall(r"<script\b", page)) == 1  # the page's own script, by hash
    assert "http-equiv=\"Content-Security-Policy\"" in page
    assert not re.search(r"""\s(?:src|href)=["']?(?:https?:)?//""", page)
    assert "Tired students learn less." not in page  # the map comes over the stream


def test_snapshot_holds_diagram_nodes_status_explanation_and_lines(client: TestClient) -> None:
    data = client.get("/snapshot").json()
    assert data["ok"] is True
    assert data["version"] >= 1  # the server's own first look may be done already
    assert data["svg"].startswith("<svg")
    assert data["title"] == "Should the school day start later?"
    by_id = {d["id"]: d for d in data["nodes"].values()}
    tired = by_id["tired"]
    assert tired["text"] == "Tired students learn less."
    assert tired["status"] in ("in", "out", "undecided")
    assert tired["explanation"].startswith(tired["status"])
    assert tired["line"] == 13
    study = by_id["study"]
    assert study["source"]["title"] == "Sleep and teens"
    assert study["line"] == 17
    # every data-argmap-id of the drawing has its details
    drawn = set(re.findall(r'<g id="(argmap_\d+)"', data["svg"]))
    assert drawn == set(data["nodes"])


def test_broken_file_keeps_last_diagram_and_reports_line(map_file: Path) -> None:
    preview = Preview(map_file, display="debate.argmap.yaml")
    first = preview.look()
    map_file.write_text(SMALL.read_text().replace("  tired: {text:", "  tired: {txt:"))
    broken = preview.look()
    assert broken.ok is False
    assert broken.svg == first.svg  # the last good diagram stays
    assert broken.drawn_version == first.version
    errors = [d for d in broken.diagnostics if d["severity"] == "error"]
    assert errors
    assert errors[0]["line"] == 13
    assert any("txt" in e["message"] or "`text`" in e["message"] for e in errors)
    map_file.write_text(SMALL.read_text().replace("Tired students", "Sleepy students"))
    fixed = preview.look()
    assert fixed.ok is True
    assert fixed.drawn_version == fixed.version
    assert "Sleepy students" in json.dumps(fixed.nodes)


def test_check_findings_appear_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\nclaims:\n  a: {text: A., main: true}\n"
                    "evidence:\n  e: {text: E.}\n"
                    "arguments:\n  x: {premises: [e], conclusion: a}\n")
    snapshot = Preview(path).look()
    codes = {d["code"]: d for d in snapshot.diagnostics}
    assert "evidence-without-source" in codes or any(
        d["severity"] in ("warning", "info") for d in snapshot.diagnostics)
    assert all(d["line"] is not None for d in snapshot.diagnostics
               if d["code"] != "too-many-problems")


def test_argdown_file_is_previewed(tmp_path: Path) -> None:
    path = tmp_path / "notes.argdown"
    path.write_text("[Thesis]: We should act now.\n  + <Reason>: Waiting costs more.\n"
                    "  - [Doubt]: The costs are unknown.\n", encoding="utf-8")
    snapshot = Preview(path).look()
    assert snapshot.ok, snapshot.diagnostics
    texts = [d.get("text") for d in snapshot.nodes.values()]
    assert "We should act now." in texts


def test_unknown_focus_is_a_diagnostic_not_a_crash(map_file: Path) -> None:
    options = PreviewOptions(render=RenderOptions(focus="no-such-node"))
    snapshot = Preview(map_file, options).look()
    assert snapshot.ok is False
    assert any("no-such-node" in d["message"] for d in snapshot.diagnostics)


def test_side_filter_and_status_colours(map_file: Path) -> None:
    options = PreviewOptions(render=RenderOptions(sides=("keep",), color_by="status"))
    snapshot = Preview(map_file, options).look()
    assert snapshot.ok
    ids = {d["id"] for d in snapshot.nodes.values()}
    assert "keep-early" in ids
    assert "buses" in ids
    assert "tired" not in ids


def test_missing_file_is_reported(tmp_path: Path) -> None:
    snapshot = Preview(tmp_path / "gone.yaml").look()
    assert snapshot.ok is False
    assert "no such file" in snapshot.diagnostics[0]["message"]


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/debate.argmap.yaml", "/static/x.js",
    "/snapshot/../../etc/passwd", "//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/favicon.ico",
])
def test_nothing_else_is_served(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert "root:" not in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_other_methods_are_refused(client: TestClient) -> None:
    assert client.post("/").status_code == 405
    assert client.put("/snapshot").status_code == 405
    assert client.delete("/events").status_code == 405


def test_query_parameters_cannot_name_files(client: TestClient) -> None:
    answer = client.get("/snapshot?file=/etc/passwd&path=../../etc/passwd")
    assert answer.status_code == 200
    assert "root:" not in answer.text
    assert client.get("/snapshot?after=x").status_code == 400


def test_foreign_host_header_is_refused_on_loopback(client: TestClient) -> None:
    """DNS rebinding: a page of another site that resolves to 127.0.0.1 gets nothing."""
    for host in ("evil.example", "127.0.0.1.evil.example:8000", "localhost.evil:80"):
        answer = client.get("/snapshot", headers={"host": host})
        assert answer.status_code == 403, host
        assert "svg" not in answer.text
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_token_is_required_off_loopback(map_file: Path) -> None:
    preview = Preview(map_file)
    preview.look()
    secret = "s3cret-" + "token"
    with _client(preview, token=secret, hosts=None) as client:
        for path in ("/", "/snapshot", "/events"):
            assert client.get(path).status_code == 403
            assert client.get(path + "?token=wrong").status_code == 403
        assert "argmap serve printed" in client.get("/").text
        assert client.get("/?token=s3cret-token").status_code == 200
        assert client.get("/snapshot?token=s3cret-token").json()["ok"] is True
        assert client.get("/nope?token=s3cret-token").status_code == 404


def test_server_chooses_token_by_host(map_file: Path) -> None:
    from argmap.serve import Server

    local = Server(Preview(map_file), host="127.0.0.1", port=0)
    try:
        assert local.token is None
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", local.url)
        assert local.port > 0
    finally:
        local.socket.close()
    anywhere = Server(Preview(map_file), host="0.0.0.0", port=0)  # noqa: S104 -- the test
    try:
        assert anywhere.token is not None
        assert len(anywhere.token) >= 20
        assert anywhere.url.endswith(f"?token={anywhere.token}")
    finally:
        anywhere.socket.close()
    assert is_loopback("localhost")
    assert is_loopback("127.0.0.2")
    assert is_loopback("::1")
    assert not is_loopback("0.0.0.0")  # noqa: S104 -- the test
    assert not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


def test_hostile_text_reaches_the_client_as_json_only(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(json.dumps({"argmap": 1, "title": HOSTILE_TEXT,
                                "claims": {"c": {"text": HOSTILE_TEXT, "main": True}}}))
    preview = Preview(path, display=HOSTILE_TEXT)
    preview.look()
    with _client(preview) as client:
        page = client.get("/").text
        assert "<script>alert(1)" not in page
        assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page
        svg = client.get("/snapshot").json()["svg"]
        assert "<script" not in svg
        assert "<img" not in svg


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=60, env=env, check=False)


def test_without_the_extra_serve_exits_2_naming_the_install(map_file: Path) -> None:
    code = ("import sys; sys.modules['starlette'] = None; sys.argv = ['argmap', 'serve', "
            f"{str(map_file)!r}]; from argmap.cli import main; main()")
    done = _run("-c", code)
    assert done.returncode == 2, done.stderr
    assert "pip install 'argmap[serve]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_usage_errors(tmp_path: Path, map_file: Path) -> None:
    done = _run("-m", "argmap", "serve", str(tmp_path))
    assert done.returncode == 2
    assert "folder" in done.stderr
    done = _run("-m", "argmap", "serve", str(map_file), "--semantics", "nonsense")
    assert done.returncode == 2
    assert "grounded" in done.stderr
    done = _run("-m", "argmap", "serve", str(map_file), "--port", "70000")
    assert done.returncode == 2
    done = _run("-m", "argmap", "serve", str(map_file), "--engine", "evil")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    done = _run("-m", "argmap", "serve", "--help")
    assert done.returncode == 0
    for word in ("--side", "--tag", "--focus", "--color-by", "--semantics", "--open",
                 "--host", "--port", "pip install 'argmap[serve]'"):
        assert word in done.stdout, word


def test_a_failure_inside_argmap_is_shown_and_the_preview_goes_on(
    map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.serve import _preview

    preview = Preview(map_file)
    good = preview.look()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(_preview, "take", broken)
    failed = preview.look()
    assert failed.ok is False
    assert failed.diagnostics[0]["code"] == "internal"
    assert "RecursionError" in failed.diagnostics[0]["message"]
    assert failed.svg == good.svg
    monkeypatch.undo()
    assert preview.look().ok is True


def test_server_process_streams_events_and_stops_cleanly(map_file: Path) -> None:
    import http.client
    import urllib.parse

    from tests.serve_helpers import running_server, stop

    with running_server(map_file) as (url, proc):
        where = urllib.parse.urlsplit(url)
        assert where.hostname == "127.0.0.1"
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
        connection.request("GET", "/events")
        answer = connection.getresponse()
        assert answer.status == 200
        assert answer.getheader("content-type", "").startswith("text/event-stream")
        assert "default-src 'none'" in answer.getheader("content-security-policy", "")
        lines: list[bytes] = []
        while not any(line.startswith(b"data: ") and b'"ok":true' in line for line in lines):
            lines.append(answer.fp.readline())
            assert len(lines) < 200, lines
        assert b"event: snapshot\n" in lines
        answer.close()
        connection.close()
        code = stop(proc)
        assert code == 0
        assert proc.stderr is None or proc.stderr.closed


def test_port_taken_is_a_usage_error(map_file: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = _run("-m", "argmap", "serve", str(map_file), "--port", str(port))
    assert done.returncode == 2
    assert "cannot listen" in done.stderr
    assert "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_open_hands_the_address_to_the_browser(map_file: Path, tmp_path: Path) -> None:
    import os
    import time

    from tests.serve_helpers import running_server

    seen = tmp_path / "opened.txt"
    fake = tmp_path / "browser.py"
    fake.write_text(f"import sys\nopen({str(seen)!r}, 'w').write(sys.argv[1])\n")
    os.environ["BROWSER"] = f"{sys.executable} {fake} %s"
    try:
        with running_server(map_file, "--open") as (url, _proc):
            deadline = time.monotonic() + 20
            while not seen.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert seen.read_text() == url
    finally:
        del os.environ["BROWSER"]


def test_rapid_saves_are_coalesced_one_render_at_a_time(
    map_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten saves while a render runs cost one more render, never two at once, and the
    event loop stays free meanwhile."""
    import asyncio
    import threading
    import time

    from argmap.serve import _preview
    from argmap.serve._snapshot import take as real_take

    running: list[int] = []
    overlaps: list[int] = []
    lock = threading.Lock()

    def slow_take(*args: Any, **kwargs: Any) -> Any:
        with lock:
            running.append(1)
            if len(running) > 1:
                overlaps.append(len(running))
        time.sleep(0.4)
        try:
            return real_take(*args, **kwargs)
        finally:
            with lock:
                running.pop()

    monkeypatch.setattr(_preview, "take", slow_take)
    preview = Preview(map_file)

    async def scenario() -> tuple[int, float]:
        worker = asyncio.create_task(preview.run())
        preview.request()
        await asyncio.sleep(0.1)  # the first render is under way
        ticks = 0
        for _ in range(10):
            preview.request()
            await asyncio.sleep(0.02)
            ticks += 1
        started = time.perf_counter()
        await asyncio.sleep(0.05)  # the loop is not blocked by the render
        responsive = time.perf_counter() - started
        latest = await preview.wait_for(1, 10)
        latest = await preview.wait_for(latest.version, 10) if latest.version < 2 else latest
        await asyncio.sleep(0.6)
        await preview.close()
        worker.cancel()
        return ticks, responsive

    ticks, responsive = asyncio.run(scenario())
    assert ticks == 10
    assert responsive < 0.3
    assert overlaps == []
    assert preview.renders == 2, preview.renders
    assert preview.snapshot.ok


def test_without_graphviz_the_page_says_how_to_install_it(
    map_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    snapshot = Preview(map_file).look()
    assert snapshot.ok is False
    problem = next(d for d in snapshot.diagnostics if d["code"] == "render")
    assert "apt-get install graphviz" in (problem["hint"] or "")


def test_watch_follows_saves_and_a_folder_that_is_removed_and_made_again(
    tmp_path: Path,
) -> None:
    import shutil
    import time

    folder = tmp_path / "class"
    folder.mkdir()
    path = folder / "debate.argmap.yaml"
    original = SMALL.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    preview = Preview(path)

    def until(check: Any) -> dict[str, Any]:
        deadline = time.monotonic() + 30
        while True:
            data: dict[str, Any] = watching.get("/snapshot").json()
            if check(data):
                return data
            assert time.monotonic() < deadline, data["diagnostics"]
            time.sleep(0.1)

    with TestClient(create_app(preview), base_url="http://127.0.0.1:8000") as watching:
        until(lambda d: d["ok"])
        path.write_text(original.replace("Tired students", "Saved students"))
        until(lambda d: "Saved students" in json.dumps(d["nodes"]))
        shutil.rmtree(folder)
        gone = until(lambda d: not d["ok"])
        assert "no such file" in gone["diagnostics"][0]["message"]
        folder.mkdir()
        path.write_text(original.replace("Tired students", "Returned students"))
        until(lambda d: d["ok"] and "Returned students" in json.dumps(d["nodes"]))


def test_a_server_beyond_loopback_answers_only_with_its_token(map_file: Path) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    from tests.serve_helpers import running_server

    with running_server(map_file, "--host", "0.0.0.0") as (url, _proc):  # noqa: S104
        where = urllib.parse.urlsplit(url)
        token = urllib.parse.parse_qs(where.query)["token"][0]
        assert len(token) >= 20
        local = f"http://127.0.0.1:{where.port}"
        for path in ("/", "/snapshot", "/events", "/snapshot?token=guess"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(local + path, timeout=30)  # noqa: S310 -- our server
            assert refused.value.code == 403
            refused.value.close()
        with urllib.request.urlopen(f"{local}/snapshot?token={token}",  # noqa: S310
                                    timeout=30) as answer:
            assert answer.status == 200


def test_check_errors_leave_ok_true_and_are_counted(tmp_path: Path) -> None:
    """A valid map with check errors is drawn from the file as it is: ``ok`` (drawn from
    the current file) stays True, ``counts`` says how many errors the check found; only a
    file that cannot be drawn makes ``ok`` False (tester's finding 2)."""
    path = tmp_path / "conflict.argmap.yaml"
    path.write_text(
        "argmap: 1\nsides:\n  pro: {name: Pro}\n  con: {name: Con}\nclaims:\n"
        "  main: {text: We should act., side: pro, main: true}\n"
        "  other: {text: We should not act., side: con}\n"
        "  odd: {text: Acting costs too much., side: con}\n"
        "attacks:\n  - {attacker: odd, target: other}\n", encoding="utf-8")
    preview = Preview(path)
    snapshot = preview.look()
    data = snapshot.to_json()
    assert any(d["code"] == "same-side-conflict" for d in data["diagnostics"]), data
    assert data["counts"]["error"] >= 1
    assert snapshot.ok is True
    assert data["ok"] is True
    assert snapshot.drawn_version == snapshot.version  # the drawing is of this save
    path.write_text("argmap: 1\nclaimz: {}\n", encoding="utf-8")
    broken = preview.look()
    assert broken.ok is False
    assert broken.drawn_version == snapshot.version
