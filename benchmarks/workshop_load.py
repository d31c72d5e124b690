"""Load test of the workshop server: N trainees arrive, work through the app, one kernel dies.

``python benchmarks/workshop_load.py --trainees 40 --json`` starts the workshop server
(``python -m kinerja_sim.workshop``) on 127.0.0.1 with a throw-away progress store and a
random password, then drives N simulated trainees who arrive evenly over ``--arrival``
seconds (default 120, as a room does) and work at the same time. Each trainee

1. signs in on ``/login`` with the workshop password, a name and a personal code (its first
   sign-in chooses the code) and loads the app page (a pre-heated kernel, or Voila runs the
   notebook in a new one), then connects to its kernel's websocket;
2. waits until the page shows it signed in under that name (the server passes it on);
3. opens each of the six exercises, answers its first question (exercise 06: a written
   feedback text), presses the submit button and waits for the feedback, then goes back.

Most trainees speak the Jupyter widget protocol over the kernel websocket, as the browser's
widget manager does (``comm_open`` on ``jupyter.widget.control`` with ``request_states``,
then ``comm_msg`` ``update`` / ``custom`` click messages, and the kernel's ``update`` /
``comm_open`` messages back); ``--browsers`` of them (default 2) use headless Chromium
(Playwright, ``/usr/bin/chromium``). After its second answer one websocket trainee's kernel
is killed (SIGKILL): the trainee reloads the page, signs in again, checks that the list of
exercises shows the answers already given (the sign-in cookie: no retyping), and carries on.

Printed: one JSON line with ``trainees``, ``p95_page_s`` (sign-in to app ready),
``p95_feedback_s`` (submit to feedback shown), ``peak_server_mb`` (the server and all its
kernels, summed resident memory, sampled every 0.5 s with psutil), ``lost`` (submissions
not found in the store), ``peak_kernels`` / ``kernels_started`` (kernels alive at once and in
all, pool included: what ``WORKSHOP_MAX_KERNELS`` must allow), and the kernel sizes, the restore
check and errors. Traffic goes
to 127.0.0.1 only; ``--timeout`` bounds the whole run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from datetime import datetime, timezone
from pathlib import Path

import httpx
import psutil
import websockets

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = (
    "01_perbaiki_indikator",
    "02_nilai_berkas_kasus",
    "03_kenali_bias",
    "04_terapkan_kurva",
    "05_pertanyaan_kebijakan",
    "06_tulis_umpan_balik",
)
FEEDBACK_TEXT = (
    "Bapak menyelesaikan laporan triwulan tepat waktu; mohon lampirkan data capaian per bulan"
    " agar target tahun depan dapat diukur."
)
CHROMIUM = os.environ.get("KINERJA_SIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STEP_TIMEOUT = 180.0
INDICATOR = (
    "Jumlah dokumen kependudukan yang diterbitkan sesuai standar pelayanan",
    "1200 dokumen per tahun",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def p95(values) -> float | None:
    """The 95th percentile (nearest rank), None when there are no values."""
    values = sorted(values)
    if not values:
        return None
    return round(values[max(0, -(-95 * len(values) // 100) - 1)], 3)


# ---------------------------------------------------------------------------- the server
class Server:
    """The workshop server under test, its memory sampled in a thread."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = _free_port()
        self.password = "uji-" + secrets.token_hex(6)
        self.store = workdir / "progress.sqlite"
        self.base = f"http://127.0.0.1:{self.port}"
        self.peak_mb = 0.0
        self.peak_pss_mb = 0.0
        self.peak_load = 0.0
        self.peak_kernels = 0
        self.kernel_pids: set[int] = set()
        self.cpu_s: dict[int, float] = {}
        self._stop = threading.Event()
        env = {
            **os.environ,
            "WORKSHOP_IP": "127.0.0.1",
            "WORKSHOP_PORT": str(self.port),
            "WORKSHOP_DASHBOARD_IP": "127.0.0.1",
            "WORKSHOP_DASHBOARD_PORT": str(_free_port()),
            "KINERJA_SIM_WORKSHOP_PASSWORD": self.password,
            "KINERJA_SIM_FACILITATOR_PASSWORD": "fasilitator-" + secrets.token_hex(6),
            "KINERJA_SIM_PROGRESS": str(self.store),
            "KINERJA_SIM_WORKSHOP": "uji-beban",
            "HOME": str(workdir),
            "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.log = (workdir / "server.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kinerja_sim.workshop"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def processes(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.process.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    @property
    def voila_pid(self) -> int | None:
        """The trainee app's Voila server process (it relays every widget message of the room)."""
        for process in self.processes():
            try:
                command = " ".join(process.cmdline())
                if "voila" in command and "aplikasi.ipynb" in command:
                    return process.pid
            except psutil.Error:
                pass
        return None

    def kernel_processes(self) -> list[psutil.Process]:
        """The kernels alive now (the trainee app's and the dashboard's)."""
        found = []
        for process in self.processes():
            try:
                if "ipykernel_launcher" in " ".join(process.cmdline()):
                    found.append(process)
            except psutil.Error:
                pass
        return found

    def rss_mb(self) -> float:
        total = 0
        for process in self.processes():
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total / 1e6

    def kernel(self, kernel_id: str) -> psutil.Process | None:
        for process in self.processes():
            try:
                if any(kernel_id in part for part in process.cmdline()):
                    return process
            except psutil.Error:
                pass
        return None

    def pss_mb(self) -> float:
        """Proportional set size: shared library pages split among the processes sharing them."""
        total = 0
        for process in self.processes():
            try:
                total += process.memory_full_info().pss
            except (psutil.Error, AttributeError):
                pass
        return total / 1e6

    def _sample(self) -> None:
        tick = 0
        while not self._stop.wait(0.5):
            self.peak_mb = max(self.peak_mb, self.rss_mb())
            self.peak_load = max(self.peak_load, os.getloadavg()[0])
            kernels = self.kernel_processes()
            self.peak_kernels = max(self.peak_kernels, len(kernels))
            self.kernel_pids.update(p.pid for p in kernels)
            for process in self.processes():
                try:
                    times = process.cpu_times()
                    self.cpu_s[process.pid] = (
                        times.user + times.system + times.children_user + times.children_system
                    )
                except psutil.Error:
                    pass
            tick += 1
            if tick % 10 == 0:  # reading smaps is slow: every 5 s
                self.peak_pss_mb = max(self.peak_pss_mb, self.pss_mb())

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the workshop server exited ({self.process.returncode}); see {self.log.name}"
                )
            if "Ctrl+C" in (self.workdir / "server.log").read_text(errors="replace"):
                return
            time.sleep(0.3)
        raise TimeoutError(f"the workshop server did not start within {timeout} s")

    def wait_pool(self, size: int, timeout: float = 300) -> None:
        """Wait until Voila's pool holds ``size`` kernels with the app rendered (as before a room
        arrives).
        """
        deadline = time.monotonic() + timeout
        while size and time.monotonic() < deadline:
            kernels = self.kernel_processes()
            if len(kernels) >= size and all(
                p.memory_info().rss > 120e6 and p.cpu_percent(0.2) < 5 for p in kernels
            ):
                return
            time.sleep(1)

    def stop(self) -> None:
        self._stop.set()
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            for process in self.processes():
                try:
                    process.kill()
                except psutil.Error:
                    pass
        self.log.close()


def personal_code(name: str) -> str:
    """The trainee's personal code: 4 digits, the same at every sign-in of that name."""
    return f"{int.from_bytes(name.encode(), 'big') % 9000 + 1000}"


# ------------------------------------------------------------- the widget protocol client
def _message(msg_type: str, content: dict, session: str, metadata=None) -> str:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "trainee",
        "session": session,
        "date": datetime.now(timezone.utc).isoformat(),
        "version": "5.3",
    }
    return json.dumps(
        {
            "header": header,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


def _decode(frame) -> dict:
    if isinstance(frame, str):
        return json.loads(frame)
    count = int.from_bytes(
        frame[:4], "big"
    )  # jupyter_server's binary frame: offsets, JSON, buffers
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode())


class Kernel:
    """One page's kernel as the browser's widget manager sees it: the widget models and their
    states.
    """

    def __init__(self, socket_, session: str):
        self.socket = socket_
        self.session = session
        self.models: dict[str, dict] = {}
        self.order: list[str] = []
        self.changed = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.socket:
            message = _decode(frame)
            kind = message.get("msg_type") or message["header"]["msg_type"]
            content = message.get("content", {})
            if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
                self._set(content["comm_id"], content.get("data", {}).get("state", {}))
            elif kind == "comm_msg":
                data = content.get("data", {})
                if data.get("method") == "update_states":
                    for model_id, model in data.get("states", {}).items():
                        self._set(model_id, model.get("state", {}))
                elif data.get("method") in ("update", "echo_update"):
                    self._set(content["comm_id"], data.get("state", {}))

    def _set(self, model_id: str, state: dict) -> None:
        if model_id not in self.models:
            self.models[model_id] = {}
            self.order.append(model_id)
        self.models[model_id].update(state)
        self.changed.set()

    async def request_states(self) -> None:
        comm_id = uuid.uuid4().hex
        await self.socket.send(
            _message(
                "comm_open",
                {
                    "comm_id": comm_id,
                    "target_name": "jupyter.widget.control",
                    "data": {},
                    "metadata": {},
                },
                self.session,
                metadata={"version": "1.0.0"},
            )
        )
        await self.socket.send(
            _message(
                "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, self.session
            )
        )

    def find(self, css: str, *, after: int = 0) -> list[str]:
        """Model ids with the CSS class ``css``, in creation order, created after position
        ``after``.
        """
        return [m for m in self.order[after:] if css in self.models[m].get("_dom_classes", ())]

    async def wait_for(self, condition, timeout: float = STEP_TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            found = condition()
            if found:
                return found
            if self.reader.done():
                raise ConnectionError(f"kernel websocket closed: {self.reader.exception()!r}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the widgets did not change in time")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(remaining, 1.0))
            except asyncio.TimeoutError:
                pass

    async def update(self, model_id: str, state: dict) -> None:
        self.models[model_id].update(state)
        await self.socket.send(
            _message(
                "comm_msg",
                {
                    "comm_id": model_id,
                    "data": {"method": "update", "state": state, "buffer_paths": []},
                },
                self.session,
            )
        )

    async def click(self, model_id: str) -> None:
        await self.socket.send(
            _message(
                "comm_msg",
                {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}},
                self.session,
            )
        )

    async def close(self) -> None:
        self.reader.cancel()
        await self.socket.close()


class ExerciseFailed(Exception):
    """An exercise showed an error message instead of its questions (a fault of the exercise, not
    the server).
    """


class ProtocolTrainee:
    """A trainee driven over HTTP and the kernel websocket (no browser)."""

    def __init__(self, name: str, server: Server, results: dict):
        self.name, self.server, self.results = name, server, results
        self.client = httpx.AsyncClient(
            base_url=server.base, timeout=STEP_TIMEOUT, follow_redirects=False
        )
        self.kernel: Kernel | None = None
        self.kernel_id = ""

    async def sign_in(self) -> None:
        page = await self.client.get("/login")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text).group(1)
        form = {
            "_xsrf": xsrf,
            "password": self.server.password,
            "name": self.name,
            "code": personal_code(self.name),
        }
        answer = await self.client.post("/login?next=%2F", data=form)
        if answer.status_code != 302:
            raise PermissionError(f"sign-in refused ({answer.status_code})")

    async def load(self) -> float:
        """Load the app page, connect to its kernel, get the widgets; return the seconds taken."""
        started = time.monotonic()
        page = await self.client.get("/")
        page.raise_for_status()
        self.kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page.text).group(1)
        cookies = "; ".join(f"{k}={v}" for k, v in self.client.cookies.items())
        session = uuid.uuid4().hex
        url = f"ws://127.0.0.1:{self.server.port}/api/kernels/{self.kernel_id}/channels?session_id={session}"
        socket_ = await websockets.connect(
            url, additional_headers={"Cookie": cookies}, max_size=None, open_timeout=STEP_TIMEOUT
        )
        self.kernel = Kernel(socket_, session)
        await self.kernel.request_states()
        await self.kernel.wait_for(lambda: self.kernel.find(f"kinerja-app-open-{EXERCISES[-1]}"))
        return time.monotonic() - started

    async def start_name(self) -> None:
        """The page is signed in under this trainee's name (the server's sign-in, no typing)."""
        kernel = self.kernel

        def signed_in():
            return any(
                "Anda masuk sebagai" in str(kernel.models[m].get("value", ""))
                and self.name in str(kernel.models[m].get("value", ""))
                for m in kernel.find("kinerja-trainee-message")
            )

        await kernel.wait_for(signed_in)

    def progress_shown(self) -> dict[str, bool]:
        """Whether each exercise's row in the list shows saved answers (not "Belum dikerjakan")."""
        shown = {}
        for exercise in EXERCISES:
            for model_id in self.kernel.order:
                value = self.kernel.models[model_id].get("value")
                if isinstance(value, str) and f"kinerja-app-progress-{exercise}" in value:
                    shown[exercise] = "Belum dikerjakan" not in value
        return shown

    async def answer(self, exercise: str) -> float:
        """Open ``exercise``, answer its first question, wait for the feedback; return the feedback
        time.
        """
        kernel = self.kernel
        mark = len(kernel.order)
        await kernel.click(kernel.find(f"kinerja-app-open-{exercise}")[-1])
        await kernel.wait_for(
            lambda: kernel.find("kinerja-app-back", after=mark)
        )  # made after the exercise
        submit = kernel.find("kinerja-submit", after=mark)
        if not submit:  # the exercise showed a message instead of its items
            shown = [kernel.models[m].get("value", "") for m in kernel.order[mark:]]
            problem = next(
                (text for text in shown if isinstance(text, str) and "kinerja-error" in text),
                "no items",
            )
            await self.back()
            raise ExerciseFailed(re.sub(r"<[^>]+>", "", problem)[:200])

        def new(css):
            return kernel.find(css, after=mark)

        if exercise == "01_perbaiki_indikator":
            await kernel.update(new("kinerja-iki")[0], {"value": INDICATOR[0]})
            await kernel.update(new("kinerja-target")[0], {"value": INDICATOR[1]})
        elif exercise == "02_nilai_berkas_kasus":
            await kernel.update(new("kinerja-score-akuntabel")[0], {"value": 4.0})
        elif exercise == "03_kenali_bias":
            await kernel.update(new("kinerja-bias-choice")[0], {"index": 1})
        elif exercise == "04_terapkan_kurva":
            await kernel.update(new("kinerja-curve-choice")[0], {"value": True})
        elif exercise == "05_pertanyaan_kebijakan":
            await kernel.update(new("kinerja-policy-choice")[0], {"index": 0})
        else:
            await kernel.update(new("kinerja-feedback-text")[0], {"value": FEEDBACK_TEXT})
        feedback = new("kinerja-feedback")[0]
        kernel.models[feedback]["value"] = ""
        started = time.monotonic()
        await kernel.click(submit[0])
        await kernel.wait_for(
            lambda: any(
                mark in kernel.models[feedback].get("value", "")
                for mark in ("kinerja-feedback-body", "kinerja-warn", "kinerja-error")
            )
        )
        took = time.monotonic() - started
        if "kinerja-feedback-body" not in kernel.models[feedback]["value"]:
            raise ValueError(
                f"{exercise}: the answer was refused: {kernel.models[feedback]['value'][:200]}"
            )
        await self.back()
        return took

    async def back(self) -> None:
        kernel = self.kernel
        mark = len(kernel.order)
        await kernel.click(kernel.find("kinerja-app-back")[-1])
        await kernel.wait_for(lambda: kernel.find(f"kinerja-app-open-{EXERCISES[-1]}", after=mark))

    async def run(self, *, kill_after: int | None = None) -> None:
        results = self.results
        await self.sign_in()
        results["page_s"].append(await self.load())
        process = self.server.kernel(self.kernel_id)
        if process is not None:
            results["kernel_rendered_mb"].append(process.memory_info().rss / 1e6)
        await self.start_name()
        for number, exercise in enumerate(EXERCISES, start=1):
            try:
                results["feedback_s"].append(await self.answer(exercise))
                results["feedback_by"].setdefault(exercise, []).append(results["feedback_s"][-1])
            except ExerciseFailed as failure:  # the server answered; the exercise itself failed
                results["exercise_failures"].append(f"{self.name}, {exercise}: {failure}")
                continue
            results["expected"].append((self.name, exercise))
            if number == kill_after:
                await self.kill_and_reload(EXERCISES[:number])
        process = self.server.kernel(self.kernel_id)
        if process is not None:
            results["kernel_end_mb"].append(process.memory_info().rss / 1e6)
        await self.kernel.close()
        await self.client.aclose()

    async def kill_and_reload(self, done) -> None:
        """Kill this trainee's kernel; reload the page, sign in again and check the answers are
        back.
        """
        process = self.server.kernel(self.kernel_id)
        process.kill()
        await self.kernel.close()
        self.results["killed"] += 1
        self.results["page_s"].append(await self.load())
        await self.start_name()
        shown = self.progress_shown()
        self.results["restored"] = all(shown.get(exercise) for exercise in done) and not any(
            shown.get(exercise) for exercise in EXERCISES if exercise not in done
        )


# ------------------------------------------------------------------- the browser client
async def browser_trainee(name: str, server: Server, results: dict, playwright) -> None:
    browser = await playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    try:
        page = await browser.new_page()
        page.set_default_timeout(STEP_TIMEOUT * 1000)
        await page.goto(server.base + "/")
        await page.fill("#password_input", server.password)
        await page.fill("#name_input", name)
        await page.fill("#code_input", personal_code(name))
        started = time.monotonic()
        await page.click("#login_submit")
        await page.locator(f"button.kinerja-app-open-{EXERCISES[-1]}").wait_for()
        results["page_s"].append(time.monotonic() - started)
        for exercise in EXERCISES:
            await page.locator(f"button.kinerja-app-open-{exercise}").click()
            stage = page.locator(".kinerja-app-stage")
            await stage.locator("button.kinerja-submit").first.wait_for()
            if exercise == "01_perbaiki_indikator":
                await stage.locator(".kinerja-iki textarea").first.fill(INDICATOR[0])
                await stage.locator(".kinerja-target input").first.fill(INDICATOR[1])
                await stage.locator(".kinerja-target input").first.press("Tab")
            elif exercise == "02_nilai_berkas_kasus":
                await stage.locator(".kinerja-score-akuntabel input").fill("4")
                await stage.locator(".kinerja-score-akuntabel input").press("Tab")
            elif exercise == "03_kenali_bias":
                await stage.locator(".kinerja-bias-choice input[type=radio]").nth(1).check()
            elif exercise == "04_terapkan_kurva":
                await stage.locator(".kinerja-curve-choice input[type=checkbox]").first.check()
            elif exercise == "05_pertanyaan_kebijakan":
                await stage.locator(".kinerja-policy-choice input[type=radio]").first.check()
            else:
                await stage.locator(".kinerja-feedback-text textarea").first.fill(FEEDBACK_TEXT)
            started = time.monotonic()
            await stage.locator("button.kinerja-submit").first.click()
            await stage.locator(".kinerja-feedback .kinerja-feedback-body").first.wait_for()
            results["feedback_s"].append(time.monotonic() - started)
            results["feedback_by"].setdefault(exercise, []).append(results["feedback_s"][-1])
            results["expected"].append((name, exercise))
            await page.locator("button.kinerja-app-back").click()
            await page.locator(f"button.kinerja-app-open-{EXERCISES[-1]}").wait_for()
        if results.get("screenshot"):
            await page.screenshot(path=results["screenshot"], full_page=True)
    finally:
        await browser.close()


# ---------------------------------------------------------------------------- the run
async def _drive(server: Server, args, results: dict) -> None:
    n = args.trainees
    browsers = (
        set(range(1, n, max(1, n // max(1, args.browsers)))[: args.browsers])
        if args.browsers
        else set()
    )
    victim = next((i for i in range(n // 3, n) if i not in browsers), None)
    playwright_manager = playwright = None
    if browsers:
        from playwright.async_api import async_playwright

        playwright_manager = async_playwright()
        playwright = await playwright_manager.start()

    async def one(i: int) -> None:
        await asyncio.sleep(args.arrival * i / n)
        name = f"Peserta Beban {i + 1:02d}"
        try:
            if i in browsers:
                await browser_trainee(name, server, results, playwright)
            else:
                await ProtocolTrainee(name, server, results).run(
                    kill_after=2 if i == victim else None
                )
        except Exception as error:  # one trainee's failure is reported, the others carry on
            where = traceback.extract_tb(error.__traceback__)[-1]
            results["errors"].append(
                f"{name}: {type(error).__name__}: {error} "
                f"({Path(where.filename).name}:{where.lineno})"[:300]
            )

    try:
        await asyncio.gather(*(one(i) for i in range(n)))
    finally:
        if playwright_manager is not None:
            await playwright_manager.__aexit__(None, None, None)


def lost_submissions(store: Path, expected) -> int:
    """How many (trainee, exercise) answers the trainees saw saved are not in the store."""
    if not store.exists():
        return len(expected)
    with sqlite3.connect(store) as connection:
        saved = set(connection.execute("SELECT trainee, exercise FROM submissions").fetchall())
    return sum(1 for pair in expected if tuple(pair) not in saved)


def run(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="kinerja-workshop-load-"))
    results = {
        "page_s": [],
        "feedback_s": [],
        "feedback_by": {},
        "expected": [],
        "errors": [],
        "exercise_failures": [],
        "kernel_rendered_mb": [],
        "kernel_end_mb": [],
        "killed": 0,
        "restored": None,
        "screenshot": args.screenshot,
    }
    server = Server(workdir)
    started = time.monotonic()
    voila = None
    try:
        server.wait_ready()
        voila = server.voila_pid
        server.wait_pool(int(os.environ.get("WORKSHOP_POOL", "4")))
        asyncio.run(asyncio.wait_for(_drive(server, args, results), args.timeout))
    except asyncio.TimeoutError:
        results["errors"].append(f"the run did not finish within --timeout {args.timeout} s")
    finally:
        server.stop()

    def median(values):
        return round(statistics.median(values), 1) if values else None

    return {
        "trainees": args.trainees,
        "browsers": args.browsers,
        "arrival_s": args.arrival,
        "p95_page_s": p95(results["page_s"]),
        "max_page_s": round(max(results["page_s"]), 3) if results["page_s"] else None,
        "p95_feedback_s": p95(results["feedback_s"]),
        "p95_feedback_by_exercise": {
            key: p95(values) for key, values in sorted(results["feedback_by"].items())
        },
        "peak_server_mb": round(server.peak_mb),
        "peak_server_pss_mb": round(server.peak_pss_mb),
        "peak_kernels": server.peak_kernels,
        "kernels_started": len(server.kernel_pids),
        "lost": lost_submissions(server.store, results["expected"]),
        "submissions": len(results["expected"]),
        "kernel_rendered_mb_median": median(results["kernel_rendered_mb"]),
        "kernel_rendered_mb_max": round(max(results["kernel_rendered_mb"]), 1)
        if results["kernel_rendered_mb"]
        else None,
        "kernel_end_mb_median": median(results["kernel_end_mb"]),
        "kernel_end_mb_max": round(max(results["kernel_end_mb"]), 1)
        if results["kernel_end_mb"]
        else None,
        "killed_kernels": results["killed"],
        "restored_after_kill": results["restored"],
        "server_cpu_s": round(sum(server.cpu_s.values())),
        "voila_cpu_s": round(server.cpu_s.get(voila or -1, 0.0)),
        "cores": os.cpu_count(),
        "peak_load_1m": round(server.peak_load, 1),
        "exercise_failures": results["exercise_failures"],
        "errors": len(results["errors"]),
        "error_examples": results["errors"][:3],
        "wall_s": round(time.monotonic() - started, 1),
        "log": str(workdir / "server.log"),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainees", type=int, default=40, help="simulated trainees (default 40)")
    parser.add_argument(
        "--arrival", type=float, default=120.0, help="seconds over which they arrive (default 120)"
    )
    parser.add_argument(
        "--browsers", type=int, default=2, help="of them in headless Chromium (default 2)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 4 trainees over 10 s, one browser"
    )
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="bound on the whole run, seconds (default 900)"
    )
    parser.add_argument("--screenshot", default="", help="a PNG of the last browser trainee's page")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    if args.quick:
        args.trainees, args.arrival, args.browsers = (
            min(args.trainees, 4),
            min(args.arrival, 10.0),
            min(args.browsers, 1),
        )
    if args.trainees < 1:
        parser.error(f"--trainees must be at least 1, got {args.trainees}")
    if args.browsers and not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: running without browser trainees", file=sys.stderr)
        args.browsers = 0
    args.browsers = max(0, min(args.browsers, args.trainees - 1 if args.trainees > 1 else 0))
    result = run(args)
    if not args.json:
        print(
            f"workshop load: {result['trainees']} trainees ({result['browsers']} in Chromium) over "
            f"{result['arrival_s']:g} s; targets for 40: p95 page <= 10 s, p95 feedback <= 2 s, "
            f"server <= 12000 MB, lost 0",
            file=sys.stderr,
        )
    print(json.dumps(result))
    return 1 if result["lost"] or result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
