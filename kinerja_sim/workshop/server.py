"""Start the workshop server: the trainee app and the facilitator's dashboard, each a Voila server.

``make workshop`` (or ``python -m kinerja_sim.workshop``) starts two Voila servers from the
settings of :class:`kinerja_sim.workshop.config.WorkshopConfig`:

- the **trainee app** (``kinerja_sim/workshop/aplikasi.ipynb``) on ``WORKSHOP_IP:WORKSHOP_PORT``:
  Voila serves that one notebook and nothing else (no file browser, no terminal, no other
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
>>> from kinerja_sim.workshop.config import HERE, WorkshopConfig
>>> command = voila_command(WorkshopConfig(port=9000), "app")
>>> {"--Voila.ip=127.0.0.1", "--port=9000", "--strip_sources=True"} <= set(command)
True
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from kinerja_sim._core.i18n import t
from kinerja_sim.workshop.config import HERE, WorkshopConfig
from kinerja_sim.workshop.login import PASSWORD_FILE_ENV, SIGN_IN_ENV, TRAINEE_HEADER

__all__ = [
    "KEPT_NAMES",
    "KEPT_PREFIXES",
    "check_store",
    "environment",
    "main",
    "other_server",
    "start",
    "voila_command",
    "wait_until_ready",
]

#: What the Voila servers (and so every kernel) keep of the environment that started them:
#: an allow-list, so ``MAKEFLAGS`` (which holds variables given on make's command line) and
#: any password or token of the facilitator's shell never reach a kernel.
KEPT_NAMES = frozenset(
    {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "TEMP",
        "TMP",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "SYSTEMROOT",
        "MALLOC_ARENA_MAX",
        "ARROW_DEFAULT_MEMORY_POOL",
        "KINERJA_SIM_LANG",
        "KINERJA_SIM_SCREENSHOTS",
        "KINERJA_SIM_TIMEZONE",
    }
)
KEPT_PREFIXES = ("LC_", "OPENBLAS_", "OMP_", "MKL_", "JUPYTER_", "XDG_")
#: The kit's Voila template lives in ``share/voila/templates/kinerja`` beside this module.
SHARE = HERE / "share"
_SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN", "KEY", "CREDENTIAL")

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
        # the trainee's name, written by the server (kinerja_sim.workshop.login), reaches the kernel
        f"--VoilaConfiguration.http_header_envs={TRAINEE_HEADER}",
        # the kit's page template (share/voila/templates/kinerja, found through JUPYTER_PATH):
        # nothing from a CDN, and a banner when the connection is lost
        "--template=kinerja",
        f"--VoilaConfiguration.resources=kinerja_banner={t('saferoom.banner.lost')}",
        f"--VoilaConfiguration.resources=kinerja_reload={t('saferoom.banner.reload')}",
    ]
    if (
        which == "app" and config.pool
    ):  # kernels with the app already rendered, handed out on arrival
        command += ["--preheat_kernel=True", f"--pool_size={config.pool}"]
    return command


def _kept(name: str) -> bool:
    if any(word in name.upper() for word in _SECRET_WORDS):
        return False
    return name in KEPT_NAMES or name.startswith(KEPT_PREFIXES)


def environment(
    config: WorkshopConfig, which: str, base=None, *, password_file=None
) -> dict[str, str]:
    """The environment of a Voila server (and so of its kernels): an allow-list of ``base``
    (:data:`KEPT_NAMES`, :data:`KEPT_PREFIXES`, nothing named like a secret), then the store,
    the workshop code, the language, the memory settings and the path of the password file."""
    env = {
        name: value
        for name, value in dict(os.environ if base is None else base).items()
        if _kept(name)
    }
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
        }
    )
    if password_file is not None:
        env[PASSWORD_FILE_ENV] = str(password_file)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(SHARE), env.get("JUPYTER_PATH")]))
    if which == "app":
        env[SIGN_IN_ENV] = "trainee"
        # where a pre-heated kernel asks Voila for its page's request (the trainee's name)
        env["VOILA_APP_IP"] = _local(config.ip)
        env["WORKSHOP_KERNELS_PER_TRAINEE"] = str(config.kernels_per_trainee)
        env["WORKSHOP_MAX_KERNELS"] = str(config.max_kernels)
        env["WORKSHOP_CULL_UNCLAIMED"] = str(config.cull_unclaimed)
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
    secrets_dir = Path(tempfile.mkdtemp(prefix="kinerja-sandi-"))  # 0700: this user only
    servers = {}
    for which in ("app", "dashboard") if dashboard else ("app",):
        password_file = secrets_dir / which
        password_file.touch(mode=0o600)
        password_file.write_text(
            config.password if which == "app" else config.facilitator_password, encoding="utf-8"
        )
        servers[which] = subprocess.Popen(
            voila_command(config, which),
            env=environment(config, which, password_file=password_file),
            cwd=str(
                config.app_notebook.parent if which == "app" else config.dashboard_notebook.parent
            ),
            stdout=log,
            stderr=subprocess.STDOUT if log else None,
        )
    return servers


_CHECK = """
import sys
from kinerja_sim.training.progress import ProgressStore, StoreError
try:
    store = ProgressStore(sys.argv[1])
    store.check()
    print(store.backup())
except StoreError as error:
    print(error)
    sys.exit(3)
"""


def check_store(config: WorkshopConfig) -> tuple[bool, str]:
    """Open the store (made when missing), read it whole and back it up, in a child process
    (this one stays small); return (ok, the Indonesian problem or the backup's path)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(config.store)],
        capture_output=True,
        text=True,
        env={**os.environ, "KINERJA_SIM_LANG": os.environ.get("KINERJA_SIM_LANG", "id")},
    )
    lines = (done.stdout or "").strip().splitlines()
    if done.returncode == 0:
        return True, lines[-1] if lines else ""
    return False, lines[-1] if lines else t("saferoom.store.other", path=config.store)


def _lock_path(config: WorkshopConfig) -> Path:
    return config.store.with_name(config.store.name + ".server")


def other_server(config: WorkshopConfig) -> int | None:
    """The process id of another running server that holds this store (its lock file), or None."""
    try:
        pid = int(_lock_path(config).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def _backup_later(config: WorkshopConfig) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", _CHECK.replace("store.check()\n", ""), str(config.store)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until ``url`` answers (any HTTP status); raise when the process dies or time runs
    out.
    """
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
    ok, detail = check_store(config)
    if not ok:
        print(t("saferoom.store.refuse_start", problem=detail), file=sys.stderr, flush=True)
        return 3
    holder = other_server(config)
    if holder is not None:
        print(t("saferoom.store.other_server", pid=holder, path=config.store), flush=True)
    try:
        _lock_path(config).write_text(f"{os.getpid()}\n")
    except OSError:
        pass
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
            t("saferoom.store.backup", folder=config.store.parent / "cadangan", keep=12),
            t("workshop.server.stop"),
        ]
        print("\n".join(lines), flush=True)
        next_backup, backup = time.monotonic() + config.backup_every, None
        while not stop["now"] and all(server.poll() is None for server in servers.values()):
            time.sleep(0.5)
            if backup is not None and backup.poll() is not None:
                if backup.returncode != 0:
                    problem = (backup.stdout.read() or "").strip()
                    print(t("saferoom.store.backup_failed", problem=problem), flush=True)
                backup = None
            if time.monotonic() >= next_backup and backup is None:
                backup, next_backup = _backup_later(config), time.monotonic() + config.backup_every
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
        if other_server(config) is None and _lock_path(config).exists():
            try:
                if _lock_path(config).read_text().split()[0] == str(os.getpid()):
                    _lock_path(config).unlink()
            except (OSError, IndexError):
                pass
    code = max((server.returncode or 0) for server in servers.values())
    print(t("workshop.server.stopped", code=code), flush=True)
    return 0 if stop["now"] or code in (0, -signal.SIGTERM) else code
