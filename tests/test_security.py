"""The attempts of issue 21 against the workshop server, as tests (loopback only, bounded in time).

One server on 127.0.0.1 (pool of one pre-heated kernel, a temporary store holding an older
trainee's answers without a code). A trainee's laptop is played by httpx and the widget
protocol over the kernel websocket (the client of ``benchmarks/workshop_load.py``):

- identity: "korban  SATU" does not open Korban Satu's work; an old name with answers cannot
  be claimed without the facilitator's code; the page's kernel knows who signed in;
- guessing: wrong codes are throttled per name with an Indonesian wait, while another
  trainee from the same address signs in at once; no ``?token=`` or ``Authorization`` header;
- secrets: no kernel has ``MAKEFLAGS`` or a password in its environment;
- limits and faults: over-long fields refused, a bad widget message gets no traceback,
  ``/logout`` works.
"""

import asyncio
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
psutil = pytest.importorskip("psutil")
websockets = pytest.importorskip("websockets")

from browser_support import ROOT, free_port, stop  # noqa: E402

from kinerja_sim.training.progress import ProgressStore  # noqa: E402
from kinerja_sim.workshop.login import Throttle  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from workshop_load import Kernel  # noqa: E402

PASSWORD = "kopi-gajah-pantai-lilin-482"
FACILITATOR = "mawar-sungai-pena-kuda-731"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("security")
    store = ProgressStore(tmp / "progress.sqlite")
    store.submit("Lama Sekali", "01_perbaiki_indikator", "1", {"iki": "x"}, score=1.0)
    port, dashboard_port = free_port(), free_port()
    env = {
        **os.environ,
        "WORKSHOP_IP": "127.0.0.1",
        "WORKSHOP_PORT": str(port),
        "WORKSHOP_DASHBOARD_PORT": str(dashboard_port),
        "WORKSHOP_POOL": "1",
        "KINERJA_SIM_WORKSHOP_PASSWORD": PASSWORD,
        "KINERJA_SIM_FACILITATOR_PASSWORD": FACILITATOR,
        "MAKEFLAGS": f" -- KINERJA_SIM_WORKSHOP_PASSWORD={PASSWORD}",  # as make passes it on
        "KINERJA_SIM_PROGRESS": str(tmp / "progress.sqlite"),
        "KINERJA_SIM_WORKSHOP": "uji-keamanan",
        "HOME": str(tmp),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    log_path = tmp / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "kinerja_sim.workshop", "--no-dashboard"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 180
            while "Ctrl+C" not in log_path.read_text(errors="replace"):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the server did not start:\n{log_path.read_text()[-2000:]}")
                time.sleep(0.5)
            yield {
                "base": f"http://127.0.0.1:{port}",
                "port": port,
                "store": store,
                "process": process,
                "log": log_path,
            }
        finally:
            stop(process, 30)


def _client(server):
    return httpx.Client(base_url=server["base"], timeout=120, follow_redirects=False)


def _sign_in(client, *, password=PASSWORD, name="", code="") -> httpx.Response:
    page = client.get("/login")
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
    form = {"_xsrf": xsrf, "password": password, "name": name, "code": code}
    return client.post("/login?next=%2F", data=form)


def _text(answer) -> str:
    return re.sub(r"\s+", " ", answer.text)


async def _page_widgets(server, client, seconds: float = 60) -> tuple[Kernel, str]:
    page = client.get("/")
    assert page.status_code == 200, page.status_code
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.text).group(1)
    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    session = uuid.uuid4().hex
    socket_ = await websockets.connect(
        f"ws://127.0.0.1:{server['port']}/api/kernels/{kernel_id}/channels?session_id={session}",
        additional_headers={"Cookie": cookies},
        max_size=None,
        open_timeout=60,
    )
    kernel = Kernel(socket_, session)
    await kernel.request_states()
    await kernel.wait_for(lambda: kernel.find("kinerja-trainee"), timeout=seconds)
    return kernel, kernel_id


def _trainee_message(kernel: Kernel) -> str:
    return " ".join(
        str(kernel.models[m].get("value", ""))
        for m in kernel.order
        if "kinerja-trainee-message" in kernel.models[m].get("_dom_classes", ())
    )


def test_the_password_is_accepted_only_through_the_sign_in_form(server):
    with _client(server) as client:
        for answer in (
            client.get(f"/?token={PASSWORD}"),
            client.get("/", headers={"Authorization": f"token {PASSWORD}"}),
            client.get("/api/kernels", headers={"Authorization": f"token {PASSWORD}"}),
        ):
            assert answer.status_code in (302, 403), answer.status_code
            assert "kernelId" not in answer.text


def test_a_typed_name_without_its_code_does_not_open_another_trainees_work(server):
    with _client(server) as victim:
        assert _sign_in(victim, name="Korban Satu", code="2468").status_code == 302
    with _client(server) as attacker:
        refused = _sign_in(attacker, name="korban  SATU", code="1357")
        assert refused.status_code == 401
        assert "tidak cocok" in _text(refused)
        assert attacker.get("/").status_code == 302  # still sent to the sign-in page
        # the same spelling with the right code is Korban Satu
        assert _sign_in(attacker, name="korban  SATU", code="2468").status_code == 302


def test_an_old_name_with_answers_needs_the_facilitators_code(server):
    with _client(server) as client:
        refused = _sign_in(client, name="lama sekali", code="1111")
        assert refused.status_code == 401 and "fasilitator" in _text(refused)
        code = server["store"].issue_code("Lama Sekali")
        assert _sign_in(client, name="Lama Sekali", code=code).status_code == 302


def test_wrong_codes_wait_per_name_but_another_trainee_signs_in_at_once(server):
    with _client(server) as client:
        assert _sign_in(client, name="Sasaran Tebakan", code="9999").status_code == 302
    with _client(server) as guesser:
        for guess in range(1000, 1006):
            assert _sign_in(guesser, name="Sasaran Tebakan", code=str(guess)).status_code == 401
        waiting = _sign_in(guesser, name="Sasaran Tebakan", code="9999")  # right, but too soon
        assert waiting.status_code == 401 and "Tunggu" in _text(waiting)
        assert re.search(r"Tunggu \d+ detik", _text(waiting))
        started = time.monotonic()
        assert _sign_in(guesser, name="Peserta Lain", code="4321").status_code == 302
        assert time.monotonic() - started < 5  # a right answer is not slowed down


def test_over_long_fields_are_refused_with_the_limit(server):
    with _client(server) as client:
        answer = _sign_in(client, name="x" * 5000, code="1234")
        assert answer.status_code == 401 and "paling banyak 100" in _text(answer)


def test_the_page_kernel_knows_who_signed_in_and_answers_no_traceback(server):
    async def run():
        with _client(server) as client:
            assert _sign_in(client, name="Korban Satu", code="2468").status_code == 302
            kernel, kernel_id = await _page_widgets(server, client)
            try:
                await kernel.wait_for(lambda: "Korban Satu" in _trainee_message(kernel), timeout=60)
            except TimeoutError:
                log = Path(server["log"]).read_text(errors="replace")[-3000:]
                pytest.fail(f"not signed in: {_trainee_message(kernel)!r}\n{log}")
            assert "Anda masuk sebagai" in _trainee_message(kernel)
            frames = []
            kernel.reader.cancel()
            field = kernel.find("kinerja-trainee-name")[-1]
            await kernel.update(field, {"value": {"bukan": "teks"}})  # an invalid trait value
            try:
                while True:
                    frames.append(await asyncio.wait_for(kernel.socket.recv(), 3))
            except (asyncio.TimeoutError, websockets.ConnectionClosed):
                pass
            await kernel.socket.close()
            return kernel_id, frames

    kernel_id, frames = asyncio.run(run())
    text = " ".join(f if isinstance(f, str) else f.decode("utf-8", "replace") for f in frames)
    assert "Traceback" not in text and "TraitError" not in text and "/site-packages/" not in text


def test_no_kernel_holds_makeflags_or_a_password(server):
    server_process = psutil.Process(server["process"].pid)
    kernels = [
        p for p in server_process.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())
    ]
    assert kernels, "no kernel found"
    for kernel in kernels:
        env = kernel.environ()
        assert "MAKEFLAGS" not in env
        assert not [name for name in env if "PASSWORD" in name and "FILE" not in name]
        assert not any(PASSWORD in value or FACILITATOR in value for value in env.values())
        assert env.get("MALLOC_ARENA_MAX") and env.get("ARROW_DEFAULT_MEMORY_POOL") == "system"


def test_sign_out_works_and_ends_the_session(server):
    with _client(server) as client:
        assert _sign_in(client, name="Korban Satu", code="2468").status_code == 302
        answer = client.get("/logout")
        assert answer.status_code == 200 and "Anda sudah keluar" in answer.text
        assert client.get("/").status_code == 302


def test_a_reset_code_ends_the_old_sign_in(server):
    with _client(server) as client:
        assert _sign_in(client, name="Akan Direset", code="5555").status_code == 302
        assert client.get("/voila/static/voila.js").status_code in (200, 304, 404)
        server["store"].issue_code("Akan Direset")
        time.sleep(5.5)  # the server re-reads a code's fingerprint every 5 s
        assert client.get("/").status_code == 302


def test_the_throttle_per_address_and_overall():
    now = [0.0]
    throttle = Throttle(clock=lambda: now[0])
    room = [("address", "10.0.0.1"), ("all", "")]
    for _ in range(30):
        throttle.failed(room)
    assert throttle.wait(room) == 0  # 30 typing errors in a room of 40: nobody waits
    throttle.failed(room)
    assert throttle.wait(room) == 1
    assert throttle.wait([("address", "10.0.0.2")]) == 0
    now[0] += 601  # the window has passed
    assert throttle.wait(room) == 0


def test_the_server_process_has_no_password_on_its_command_line(server):
    for process in [psutil.Process(server["process"].pid)] + psutil.Process(
        server["process"].pid
    ).children(recursive=True):
        assert PASSWORD not in " ".join(process.cmdline())


def test_secret_files_are_gone_once_read(server):
    log = Path(server["log"]).read_text(errors="replace")
    assert PASSWORD not in log.split("Ctrl+C")[-1]  # printed once at start, not repeated
    voila = [
        p
        for p in psutil.Process(server["process"].pid).children()
        if "voila" in " ".join(p.cmdline())
    ]
    for process in voila:
        file = process.environ().get("KINERJA_SIM_SERVER_PASSWORD_FILE")
        assert file is None or not Path(file).exists()


def test_the_page_asks_no_other_host_and_carries_the_lost_connection_banner(server):
    with _client(server) as client:
        assert _sign_in(client, name="Korban Satu", code="2468").status_code == 302
        page = client.get("/")
        assert page.status_code == 200
    hosts = set(re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//([^/"'\s>]+)""", page.text))
    assert hosts <= {f"127.0.0.1:{server['port']}"}, hosts
    assert "cdn.jsdelivr" not in page.text and "fontawesome" not in page.text.lower()
    assert "kinerja-connection-lost" in page.text
    assert "Sambungan ke server terputus" in page.text  # the catalogue's text, not the fallback


def _kernel_alive(server, kernel_id: str) -> bool:
    root = psutil.Process(server["process"].pid)
    return any(kernel_id in " ".join(p.cmdline()) for p in root.children(recursive=True))


def test_one_trainee_cannot_hold_more_than_three_kernels(server):
    async def run():
        with _client(server) as client:
            assert _sign_in(client, name="Peserta Banyak", code="8642").status_code == 302
            kernels = []
            for _ in range(4):  # four reloads: the fourth page closes the first page's kernel
                kernel, kernel_id = await _page_widgets(server, client)
                kernels.append(kernel_id)
                await kernel.close()
            return kernels

    kernels = asyncio.run(run())
    deadline = time.monotonic() + 30
    while _kernel_alive(server, kernels[0]) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _kernel_alive(server, kernels[0])
    assert all(_kernel_alive(server, k) for k in kernels[1:])


class _Manager:
    """What the identity provider uses of Voila's kernel manager."""

    def __init__(self, kernels):
        self.kernels, self._pools, self.closed = list(kernels), {}, []

    def list_kernel_ids(self):
        return list(self.kernels)

    async def shutdown_kernel(self, kernel_id):
        self.kernels.remove(kernel_id)
        self.closed.append(kernel_id)


def _provider(monkeypatch, **limits):
    from kinerja_sim.workshop.login import PASSWORD_ENV, WorkshopIdentityProvider

    monkeypatch.setenv(PASSWORD_ENV, "uji-keamanan-1")
    for name, value in limits.items():
        monkeypatch.setenv(name, str(value))
    return WorkshopIdentityProvider()


def _page_request(provider, manager, sent: dict):
    """A request for the app page as the provider's limits see it; what it answers goes to
    ``sent`` (status, headers, body)."""

    class Handler:
        settings = {"kernel_manager": manager}
        base_url = "/"
        log = provider.log

        class request:  # noqa: N801
            path, method = "/", "GET"

        def set_status(self, code):
            sent["status"] = code

        def set_header(self, name, value):
            sent[name] = value

        def finish(self, body):
            sent["body"] = body

    return Handler


def test_kernels_no_browser_ever_connected_to_are_shut_down(monkeypatch):
    provider = _provider(monkeypatch, WORKSHOP_CULL_UNCLAIMED=120)
    manager = _Manager(["a" * 36, "b" * 36])
    provider._owners["b" * 36] = ("peserta:x|Budi", time.time())  # b's page connected

    async def run():
        provider._cull(manager)  # first seen now
        provider._started["a" * 36] -= 121  # ... two minutes later
        provider._cull(manager)
        await asyncio.sleep(0)

    asyncio.run(run())
    assert manager.closed == ["a" * 36]


def test_a_full_server_answers_in_indonesian_instead_of_starting_a_kernel(monkeypatch):
    from jupyter_server.auth.identity import User
    from tornado import web

    provider = _provider(monkeypatch, WORKSHOP_MAX_KERNELS=2)
    provider._culler = object()  # no periodic culling in this test
    manager = _Manager(["c" * 36, "d" * 36])
    sent = {}
    Handler = _page_request(provider, manager, sent)  # noqa: N806

    with pytest.raises(web.Finish):
        provider._limits(Handler(), User(username="peserta:x", name="Budi"))
    assert sent["status"] == 503 and "Server sedang penuh" in sent["body"]


def test_a_script_that_asks_for_pages_and_never_connects_cannot_fill_the_server(monkeypatch):
    # Each page request starts a kernel that becomes the trainee's only once the page's
    # websocket connects: a signed-in script asking for pages without connecting is refused
    # after the cap plus PAGE_SLACK pages, in Indonesian, while another trainee still gets in.
    from jupyter_server.auth.identity import User
    from tornado import web

    from kinerja_sim.workshop.login import PAGE_SLACK

    provider = _provider(monkeypatch, WORKSHOP_MAX_KERNELS=60, WORKSHOP_KERNELS_PER_TRAINEE=3)
    provider._culler = object()
    manager = _Manager([])
    sent = {}
    Handler = _page_request(provider, manager, sent)  # noqa: N806

    script = User(username="peserta:x", name="Penyerang")
    for _ in range(3 + PAGE_SLACK):
        provider._limits(Handler(), script)  # each one would start a kernel
    assert not sent
    with pytest.raises(web.Finish):
        provider._limits(Handler(), script)
    assert sent["status"] == 429 and "terlalu sering" in sent["body"]
    assert 0 < int(sent["Retry-After"]) <= provider.cull_unclaimed + 1
    sent.clear()
    provider._limits(Handler(), User(username="peserta:y", name="Budi"))
    assert not sent
