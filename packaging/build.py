"""Build Tend as a desktop application that needs no Python on the machine it runs on.

    pip install ".[packaging]"        # Tend itself, not editable, and the build tools
    python packaging/build.py         # then this, on the system to build for

Each system builds its own (PyInstaller does not cross-compile):

- Linux: ``dist/tend-VERSION-linux-ARCH.tar.gz`` (the bundle with install.sh and
  uninstall.sh) and ``dist/tend_VERSION_ARCH.deb`` (installs into /opt/tend).
- Windows: ``dist/tend-VERSION-windows-setup.exe``, a per-user installer made by
  Inno Setup's compiler (``iscc``) from ``packaging/windows/tend.iss``.
- macOS: ``dist/Tend-VERSION-macos.dmg`` holding ``Tend.app``, made by ``hdiutil``.

Steps: the icons (``icons.py``), the bundle (PyInstaller with ``tend.spec``; what it
keeps is decided in ``bundle_contents.py``), then the system's installers. The bundle
is made from the *installed* Tend, so it holds resources/ exactly where an installed
Tend has it (``journal_app/resources``) and finds it the same way.

``--untrimmed`` builds the bundle with everything PyInstaller collects, to measure
what the trimming saves; ``--bundle-only`` stops after the bundle.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

sys.path.insert(0, str(HERE))
from bundle_contents import LINUX, MACOS, WINDOWS, current_system  # noqa: E402


def fail(message: str) -> None:
    raise SystemExit(f"build: {message}")


def installed_tend() -> tuple[str, str]:
    """Tend's version and app id, from an installed (not editable) Tend."""
    try:
        import journal_app
    except ImportError:
        fail('install Tend first: pip install ".[packaging]"')
    package = Path(journal_app.__file__).resolve().parent
    icons = resources.files("journal_app.resources").joinpath("icons")
    installed = isinstance(icons, Path) and icons.parent.parent == package
    if package.is_relative_to(ROOT) or not installed:
        fail(
            f"Tend is imported from {package}, not from an installed copy. Build from a "
            'virtual environment with a plain (not editable) install: pip install ".[packaging]"'
        )
    return journal_app.__version__, journal_app.APP_ID


def size_mib(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())
    return total / 2**20


def machine() -> str:
    """The architecture in the names of the files made (Debian's words on Linux)."""
    arch = platform.machine().lower()
    return {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
        arch, arch
    )


def make_icons(work: Path) -> Path:
    folder = work / "icons"
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "icons.py"), str(folder)], check=True)
    return folder


def make_bundle(work: Path, icons: Path, untrimmed: bool) -> Path:
    """Run PyInstaller on tend.spec; returns the bundle (folder, or Tend.app on macOS).

    It runs in ``work`` (``python -m`` puts the current folder first on sys.path, and
    the checkout must not shadow the installed Tend), with no network needed.
    """
    dist, build = work / "dist", work / "pyinstaller"
    env = dict(os.environ, TEND_ICON_DIR=str(icons))
    if untrimmed:
        env["TEND_BUNDLE_UNTRIMMED"] = "1"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--log-level", "WARN", "--distpath", str(dist), "--workpath", str(build)]
    subprocess.run([*command, str(HERE / "tend.spec")], check=True, cwd=work, env=env)
    if current_system() == MACOS:
        return dist / "Tend.app"
    return dist / "tend"


def windows_installer(bundle: Path, icons: Path, out: Path, version: str, app_id: str) -> Path:
    """Compile packaging/windows/tend.iss with Inno Setup's ``iscc``."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    candidate = default / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and candidate.is_file():
        iscc = str(candidate)
    if iscc is None:
        fail("Inno Setup 6 is needed for the Windows installer (iscc was not found)")
    name = f"tend-{version}-windows-setup"
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DAppId={app_id}",
            f"/DSourceDir={bundle}",
            f"/DIconFile={icons / 'tend.ico'}",
            f"/O{out}",
            f"/F{name}",
            str(HERE / "windows" / "tend.iss"),
        ],
        check=True,
    )
    return out / f"{name}.exe"


def macos_disk_image(app: Path, work: Path, out: Path, version: str) -> Path:
    """Tend.app beside a link to /Applications, in a compressed disk image."""
    staging = work / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    # ditto keeps the bundle's symbolic links, extended attributes and signature.
    subprocess.run(["ditto", str(app), str(staging / app.name)], check=True)
    (staging / "Applications").symlink_to("/Applications")
    image = out / f"Tend-{version}-macos.dmg"
    subprocess.run(
        [
            *("hdiutil", "create", "-volname", "Tend", "-srcfolder", str(staging)),
            *("-fs", "HFS+", "-format", "UDZO", "-ov", str(image)),
        ],
        check=True,
    )
    return image


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the files go")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bundle")
    parser.add_argument("--untrimmed", action="store_true", help="keep all PyInstaller finds")
    parser.add_argument("--bundle-only", action="store_true", help="stop after the bundle")
    args = parser.parse_args()
    version, app_id = installed_tend()
    system = current_system()
    out, work = args.out.resolve(), args.work.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()

    def made(path: Path, step_started: float) -> Path:
        seconds = time.monotonic() - step_started
        print(f"made: {path} ({size_mib(path):.1f} MiB, {seconds:.0f} s)", flush=True)
        return path

    icons = made(make_icons(work), started)
    step = time.monotonic()
    bundle = made(make_bundle(work, icons, args.untrimmed), step)
    if not args.bundle_only:
        step = time.monotonic()
        if system == LINUX:
            import linux_packages

            arch = machine()
            made(linux_packages.tarball(bundle, icons, work, out, version, arch), step)
            step = time.monotonic()
            made(linux_packages.deb(bundle, icons, work, out, version, arch), step)
        elif system == WINDOWS:
            made(windows_installer(bundle, icons, out, version, app_id), step)
        else:
            made(macos_disk_image(bundle, work, out, version), step)
    print(f"build time: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
