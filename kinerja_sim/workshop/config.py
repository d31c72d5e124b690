"""The settings of a workshop server, read from the environment and checked.

==================================  ======================================  ====================
environment variable                what                                    default
==================================  ======================================  ====================
``WORKSHOP_IP``                     address the trainee app listens on      ``127.0.0.1``
                                    (``0.0.0.0``: every network card, so
                                    the room's laptops reach it)
``WORKSHOP_PORT``                   port of the trainee app                 ``8866``
``WORKSHOP_DASHBOARD_IP``           address of the facilitator's dashboard  ``127.0.0.1``
``WORKSHOP_DASHBOARD_PORT``         port of the dashboard                   ``WORKSHOP_PORT + 1``
``KINERJA_SIM_WORKSHOP_PASSWORD``   the trainees' password (or               generated, printed
                                    ``..._PASSWORD_FILE``: a file whose
                                    first line is the password)
``KINERJA_SIM_FACILITATOR_PASSWORD`` the dashboard's password (or           generated, printed
                                    ``..._PASSWORD_FILE``)
``KINERJA_SIM_PROGRESS``            the one progress store of the day
``lokakarya/progress.sqlite`` ``KINERJA_SIM_WORKSHOP``            the workshop code (shared cases)
``lokakarya-<date>`` ``WORKSHOP_CULL_IDLE``              seconds before an idle kernel with no
``600``
                                    browser attached is shut down
``WORKSHOP_POOL``                   kernels kept started with the app       ``4``
                                    already rendered (Voila's preheated
                                    kernels; 0 = start one per page view)
``WORKSHOP_KERNELS_PER_TRAINEE``    kernels one signed-in trainee may hold  ``3``
                                    (a new page closes their oldest)
``WORKSHOP_MAX_KERNELS``            kernels in all (then "server penuh")    ``60``
``WORKSHOP_CULL_UNCLAIMED``         seconds before a kernel no browser ever ``120``
                                    connected to is shut down
==================================  ======================================  ====================

The kernel limits are sized from the load benchmark (``benchmarks/workshop_load.py
--trainees 40``, README "Load benchmark"); the reasoning is at :data:`MAX_KERNELS` and its
neighbours.

Examples
--------
>>> config = WorkshopConfig.from_env(
...     {"WORKSHOP_PORT": "9000", "KINERJA_SIM_WORKSHOP_PASSWORD": "mawar-7"}
... )
>>> config.port, config.dashboard_port, config.password
(9000, 9001, 'mawar-7')
>>> WorkshopConfig.from_env({"WORKSHOP_PORT": "tujuh"})
Traceback (most recent call last):
...
ValueError: WORKSHOP_PORT must be a whole number from 1 to 65535, got 'tujuh'
"""

from __future__ import annotations

import ipaddress
import math
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = [
    "CULL_IDLE",
    "CULL_UNCLAIMED",
    "HERE",
    "KERNELS_PER_TRAINEE",
    "MAX_KERNELS",
    "PASSWORD_BITS",
    "WORDS",
    "WorkshopConfig",
    "make_password",
]

#: The notebooks the server serves ship inside the package (a plain ``pip install`` runs it).
HERE = Path(__file__).resolve().parent
#: Kernels one signed-in trainee may hold (a new page shuts down their oldest). In the load
#: benchmark each trainee held one: Voila shuts a page's kernel down when the page unloads, so
#: a reload frees it. Three cover a second tab and a page whose unload never reached the
#: server (a crashed browser, a dropped Wi-Fi).
KERNELS_PER_TRAINEE = 3
#: Kernels in all, the pool's included (then a page says the server is full). The 40-trainee
#: load runs had 45 alive at their peak (the trainees' 40, the pool of 4, and the killed
#: kernel, which jupyter_server restarts); 60 leaves 15 for reloads and late arrivals. A kernel held
#: 146 MB resident once the app had rendered and at most 251 MB after all six exercises, about 160
#: MB of it its own (proportional set size: 7,133 MB for the server and 45 kernels). So 60 kernels
#: take at most about 15 GB summed resident memory, about 9.6 GB physical: a 24 GB machine keeps
#: 9 GB or more for the system and the facilitator. On a smaller machine set about
#: (memory in GB - 8) x 4, e.g. 32 on 16 GB (room for 28 trainees and the pool).
MAX_KERNELS = 60
#: Seconds before an idle kernel with no browser connected is culled. A page left open keeps
#: its websocket and is never culled; a sleeping laptop's connection drops within about 90 s
#: (the server's websocket pings). 600 s lets a short break pass without a reload and frees
#: an abandoned kernel's 250 MB after 10 minutes instead of 15. Nothing is lost either way:
#: answers and drafts are in the store, and the page says to reload. A judgement, not a
#: measurement.
CULL_IDLE = 600
#: Seconds before a kernel no browser ever connected to is culled (a page fetched by a
#: script, a sign-in abandoned midway). The load runs' slowest page took 9.0 s from sign-in to
#: the app ready, under a load average of 13; a whole room arriving in the same minute (not
#: measured) starts kernels from scratch for longer, so 120 s leaves that margin.
CULL_UNCLAIMED = 120
#: Short, everyday Indonesian words (flowers, fruit, animals, things), easy to dictate.
WORDS = tuple(
    """
mawar melati anggrek kenanga cempaka teratai dahlia kamboja seroja tulip apel jeruk mangga
pisang nanas salak durian rambutan duku manggis jambu nangka pepaya semangka melon anggur
kelapa sawo kedondong belimbing kopi teh gula garam beras jagung kacang tahu tempe sambal
roti bakso sate soto rendang gudeg pecel lontong ketupat bubur kucing anjing kuda sapi
kerbau kambing domba ayam bebek angsa burung elang merpati kakatua merak rusa kijang gajah
harimau singa kancil monyet beruang zebra jerapah ikan paus hiu lele penyu tupai katak ular
cicak kelinci lebah semut capung belalang jangkrik gunung bukit lembah sungai danau laut
pantai pulau hutan sawah ladang kebun taman padang gurun karang ombak pasir batu tanah
langit awan hujan angin petir pelangi embun kabut salju bintang bulan surya fajar senja
malam pagi siang sore musim cuaca merah biru hijau kuning ungu jingga putih hitam coklat abu
meja kursi lemari pintu jendela atap lantai dinding tangga kamar dapur teras pagar jalan
jembatan menara istana candi masjid pasar buku pena pensil kertas tinta papan kapur peta
surat kartu tas topi baju celana sepatu sandal sarung batik kebaya payung piring gelas
sendok garpu panci wajan kompor teko cangkir mangkuk sepeda motor mobil bus kereta kapal
perahu pesawat becak delman gitar suling gendang gong angklung kecapi biola piano drum
terompet bola layang gasing kelereng catur dadu wayang topeng keris tombak emas perak besi
tembaga intan mutiara zamrud kristal kaca baja jam lampu lilin kunci gembok cermin sisir
sabun handuk bantal guling kasur selimut tikar karpet tirai kipas radio kamera telepon
dokter guru petani nelayan tukang pilot koki hakim polisi tentara sehat rajin jujur ramah
sabar tekun cerdas berani gembira damai
""".split()
)
#: Entropy of :func:`make_password`: four words and three digits, about 42.3 bits.
PASSWORD_BITS = 4 * math.log2(len(WORDS)) + math.log2(1000)


def make_password() -> str:
    """A password easy to read aloud: four words and three digits, e.g.
    ``kopi-gajah-pantai-lilin-482``.

    Drawn with :mod:`secrets`: :data:`PASSWORD_BITS` (about 42) bits, so guessing it at the
    server's throttled rate of failed sign-ins would take far longer than a workshop.

    Examples
    --------
    >>> len(set(WORDS)), round(PASSWORD_BITS, 1)
    (270, 42.3)
    """
    words = "-".join(secrets.choice(WORDS) for _ in range(4))
    return f"{words}-{secrets.randbelow(1000):03d}"


def _port(environ, name: str, default: int) -> int:
    text = str(environ.get(name, "")).strip() or str(default)
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"{name} must be a whole number from 1 to 65535, got {text!r}")
    return int(text)


def _ip(environ, name: str, default: str) -> str:
    text = str(environ.get(name, "")).strip() or default
    try:
        ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(
            f"{name} must be an IP address such as 127.0.0.1 or 0.0.0.0, got {text!r}"
        ) from None
    return text


def _password(environ, name: str) -> tuple[str, bool]:
    """The password in ``name``, else in the file ``name + "_FILE"`` (first line), else a new
    one.
    """
    text = str(environ.get(name, "")).strip()
    file = str(environ.get(f"{name}_FILE", "")).strip()
    if not text and file:
        try:
            lines = Path(file).expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise ValueError(
                f"{name}_FILE cannot be read ({file}): {error.strerror or error}"
            ) from None
        text = lines[0].strip() if lines else ""
        if not text:
            raise ValueError(f"{name}_FILE ({file}) holds no password on its first line")
    if not text:
        return make_password(), True
    if len(text) < 6:
        raise ValueError(f"{name} must be at least 6 characters long, got {len(text)}")
    if len(text) > 100:
        raise ValueError(f"{name} must be at most 100 characters long, got {len(text)}")
    return text, False


def _count(environ, name: str, default: int, low: int, high: int) -> int:
    text = str(environ.get(name, "")).strip() or str(default)
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class WorkshopConfig:
    """Everything a workshop server needs; make it with :meth:`from_env`."""

    ip: str = "127.0.0.1"
    port: int = 8866
    dashboard_ip: str = "127.0.0.1"
    dashboard_port: int = 8867
    password: str = ""
    facilitator_password: str = ""
    passwords_generated: bool = False
    store: Path = Path("lokakarya/progress.sqlite")
    code: str = ""
    cull_idle_timeout: int = CULL_IDLE
    cull_interval: int = 60
    pool: int = 4
    kernels_per_trainee: int = KERNELS_PER_TRAINEE
    max_kernels: int = MAX_KERNELS
    cull_unclaimed: int = CULL_UNCLAIMED
    backup_every: int = 300
    app_notebook: Path = HERE / "aplikasi.ipynb"
    dashboard_notebook: Path = (
        HERE / "dasbor.ipynb"
    )  # lesson notebooks/08, kept identical by a test

    @classmethod
    def from_env(cls, environ) -> WorkshopConfig:
        """Read and check the settings (see the module's table); raises ValueError naming the
        variable.
        """
        port = _port(environ, "WORKSHOP_PORT", 8866)
        password, generated = _password(environ, "KINERJA_SIM_WORKSHOP_PASSWORD")
        facilitator, generated_too = _password(environ, "KINERJA_SIM_FACILITATOR_PASSWORD")
        while generated_too and facilitator == password:
            facilitator = make_password()
        if facilitator == password:
            raise ValueError(
                "KINERJA_SIM_FACILITATOR_PASSWORD must differ from KINERJA_SIM_WORKSHOP_PASSWORD"
            )
        cull = str(environ.get("WORKSHOP_CULL_IDLE", "")).strip() or str(CULL_IDLE)
        if not cull.isdigit() or int(cull) < 60:
            raise ValueError(
                f"WORKSHOP_CULL_IDLE must be a whole number of seconds, at least 60, got {cull!r}"
            )
        pool = str(environ.get("WORKSHOP_POOL", "")).strip() or "4"
        if not pool.isdigit() or int(pool) > 40:
            raise ValueError(f"WORKSHOP_POOL must be a whole number from 0 to 40, got {pool!r}")
        code = (
            str(environ.get("KINERJA_SIM_WORKSHOP", "")).strip()
            or f"lokakarya-{date.today():%Y%m%d}"
        )
        store = str(environ.get("KINERJA_SIM_PROGRESS", "")).strip() or "lokakarya/progress.sqlite"
        return cls(
            ip=_ip(environ, "WORKSHOP_IP", "127.0.0.1"),
            port=port,
            dashboard_ip=_ip(environ, "WORKSHOP_DASHBOARD_IP", "127.0.0.1"),
            dashboard_port=_port(environ, "WORKSHOP_DASHBOARD_PORT", port + 1),
            password=password,
            facilitator_password=facilitator,
            passwords_generated=generated or generated_too,
            store=Path(store).expanduser().resolve(),
            code=code,
            cull_idle_timeout=int(cull),
            cull_interval=min(60, int(cull)),
            pool=int(pool),
            kernels_per_trainee=_count(
                environ, "WORKSHOP_KERNELS_PER_TRAINEE", KERNELS_PER_TRAINEE, 1, 10
            ),
            max_kernels=_count(environ, "WORKSHOP_MAX_KERNELS", MAX_KERNELS, 2, 500),
            cull_unclaimed=_count(environ, "WORKSHOP_CULL_UNCLAIMED", CULL_UNCLAIMED, 30, 3600),
        )
