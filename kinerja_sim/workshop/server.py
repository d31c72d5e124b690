"""Start the workshop server: the trainee app and the facilitator's dashboard, each a Voila server.

``make workshop`` (or ``python -m kinerja_sim.workshop``) starts two Voila servers from the
settings of :class:`kinerja_sim.workshop.config.WorkshopConfig`:

- the **trainee app** (``kinerja_sim/workshop/aplikasi.ipynb``) on ``WORKSHOP_IP:WORKSHOP_PORT``: Voila
  serves that one notebook and nothing else (no file browser, no terminal, no other
  notebook, no notebook source, no files); every page gets its own kernel, which a browser
  can only talk to through widget messages (Voila does not accept code to run);
- the **facilitator's dashboard** (``kinerja_sim/workshop/dasbor.ipynb``, the lesson notebook
  08 shipped in the package) on ``WORKSHOP_DASHBOARD_IP:WORKSHOP_DASHBOARD_PORT`` (this
  computer only, by default), with its own password. Its exports go into ``ekspor_dasbor``
  beside the progress store (``KINERJA_SIM_EXPORTS``), never into the installed package.

Both need a password (:mod:`kinerja_sim.workshop.login`); both write to and read from one
progress store (``KINERJA_SIM_PROGRESS``) with one workshop code (``KINERJA_SIM_WORKSHOP``).
A kernel with no browser attached for ``WORKSHOP_CULL_IDLE`` seconds is shut down
(jupyter_server's culler); nothing is lost, because every answer is in the store before its
feedback is shown, and a trainee who comes back picks their name and gets their answers back.

Examples
--------
>>> from kinerja_sim.workshop.config import WorkshopConfig
>>> command = voila_command(WorkshopConfig(port=9000), "app")
>>> "--Voila.ip=127.0.0.1" in command and "--port=9000" in command and "--strip_sources=True" in command
True
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kinerja_sim._core.i18n import t
from kinerja_sim.workshop.config import WorkshopConfig
from kinerja_sim.workshop.login import PASSWORD_ENV

__all__ = ["environment", "main", "start", "voila_command", "wait_until_ready"]

_PROVIDER = "kinerja_sim.workshop.login.WorkshopIdentityProvider"
#: :data:`kinerja_sim.training.dashboard.EXPORTS_ENV` (not imported: the server stays small).
EXPORTS_ENV = "KINERJA_SIM_EXPORTS"


def voila_command(config: WorkshopConfig, which: str) -> list[str]:
    """The command line of the Voila server ``which`` (``"app"`` or ``"dashboard"``)."""
    if which not in ("app", "dashboard"):
        raise ValueError(f"which must be 'app' or 'dashboard', got {which!r}")
    notebook = config.app_notebook if which == "app" else config.dashboard_notebook
    ip, port = (
        (config.ip, config.port) if which == "app" else (config.dashboard_ip, config.dashboard_port)
    )
    voila = Path(sys.executable).with_name("voila")  # an install without the script: run the module
    command = [
        *([str(voila)] if voila.exists() else [sys.executable, "-m", "voila"]),
        str(notebook),
        f"--Voila.ip={ip}",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--no-browser",
        f"--Voila.root_dir={notebook.parent}",
        f"--Voila.identity_provider_class={_PROVIDER}",
        "--strip_sources=True",  # no source code in the page
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=^$",  # no file of the server is served
        "--VoilaConfiguration.file_denylist=.*",
        f"--MappingKernelManager.cull_idle_timeout={config.cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={config.cull_interval}",
        "--MappingKernelManager.cull_connected=False",  # a page still open keeps its kernel
        "--MappingKernelManager.cull_busy=False",
        "--VoilaExecutor.iopub_timeout=60",  # a busy room: wait for the app's output
        "--VoilaExecutor.timeout=300",
    ]
    if (
        which == "app" and config.pool
    ):  # kernels with the app already rendered, handed out on arrival
        command += ["--preheat_kernel=True", f"--pool_size={config.pool}"]
    return command


def environment(config: WorkshopConfig, which: str, base=None) -> dict[str, str]:
    """The environment of a Voila server (and so of its kernels): store, code, language, password."""
    env = dict(os.environ if base is None else base)
    for name in ("KINERJA_SIM_WORKSHOP_PASSWORD", "KINERJA_SIM_FACILITATOR_PASSWORD"):
        env.pop(name, None)
    env.update(
        {
            "KINERJA_SIM_PROGRESS": str(config.store),
            "KINERJA_SIM_WORKSHOP": config.code,
            "KINERJA_SIM_LANG": env.get("KINERJA_SIM_LANG", "id"),
            "MALLOC_ARENA_MAX": env.get(
                "MALLOC_ARENA_MAX", "2"
            ),  # fewer glibc arenas: smaller kernels
            # pandas' strings live in pyarrow, whose default allocator (mimalloc) keeps large
            # segments per process: the system allocator halves what a case world adds to a kernel
            "ARROW_DEFAULT_MEMORY_POOL": env.get("ARROW_DEFAULT_MEMORY_POOL", "system"),
            PASSWORD_ENV: config.password if which == "app" else config.facilitator_password,
        }
    )
    if (
        which == "dashboard"
    ):  # the kernel runs beside the packaged notebook: exports go by the store
        env[EXPORTS_ENV] = env.get(EXPORTS_ENV) or str(config.store.parent / "ekspor_dasbor")
    return env


def start(
    config: WorkshopConfig, *, dashboard: bool = True, log=None
) -> dict[str, subprocess.Popen]:
    """Start the Voila servers; return them by name (``"app"``, ``"dashboard"``)."""
    config.store.parent.mkdir(parents=True, exist_ok=True)
    if (
        not config.store.exists()
    ):  # the day's store, made once (in a child: this process stays small)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from kinerja_sim.training.progress import ProgressStore; "
                "ProgressStore(sys.argv[1])",
                str(config.store),
            ],
            check=True,
        )
    servers = {}
    for which in ("app", "dashboard") if dashboard else ("app",):
        servers[which] = subprocess.Popen(
            voila_command(config, which),
            env=environment(config, which),
            cwd=str(
                config.app_notebook.parent if which == "app" else config.dashboard_notebook.parent
            ),
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
        )
    return servers


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``url`` answers (any HTTP status); raise when the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer at {url} within {timeout} s")


def _local(ip: str) -> str:
    return "127.0.0.1" if ip in ("0.0.0.0", "::") else ip


def main(argv=None) -> int:
    """Start the workshop server and print where trainees and the facilitator go; stop on Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="python -m kinerja_sim.workshop", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--no-dashboard", action="store_true", help="start the trainee app only")
    args = parser.parse_args(argv)
    try:
        config = WorkshopConfig.from_env(os.environ)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    servers = start(config, dashboard=not args.no_dashboard)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        app_url = f"http://{_local(config.ip)}:{config.port}/"
        wait_until_ready(app_url + "login", servers["app"])
        lines = [
            t("workshop.server.started"),
            t("workshop.server.trainees", url=app_url, password=config.password),
        ]
        if config.ip in ("0.0.0.0", "::"):
            lines.append(t("workshop.server.all_addresses", url=f"http://<IP>:{config.port}/"))
        if "dashboard" in servers:
            url = f"http://{_local(config.dashboard_ip)}:{config.dashboard_port}/"
            wait_until_ready(url + "login", servers["dashboard"])
            lines.append(
                t("workshop.server.dashboard", url=url, password=config.facilitator_password)
            )
        lines += [
            t("workshop.server.store", path=config.store, code=config.code),
            t("workshop.server.stop"),
        ]
        print("\n".join(lines), flush=True)
        while not stop["now"] and all(server.poll() is None for server in servers.values()):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers.values():
            if server.poll() is None:
                server.terminate()
        for server in servers.values():
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    code = max((server.returncode or 0) for server in servers.values())
    print(t("workshop.server.stopped", code=code), flush=True)
    return 0 if stop["now"] or code in (0, -signal.SIGTERM) else code
