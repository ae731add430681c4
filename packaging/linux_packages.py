"""Linux: Tend's bundle as a .tar.gz (installed per person by install.sh) and a .deb.

The .deb installs the bundle into /opt/tend, a link /usr/bin/tend, the .desktop file,
the icons and the AppStream metainfo under /usr/share. Its Depends name only the
system libraries the bundle really uses and does not carry itself, found this way:

1. every ELF file in the bundle is read with ``objdump -p``: its NEEDED libraries;
2. those the bundle carries (Qt, Python and what Python's modules link) are set aside;
3. each remaining one is found where the dynamic linker finds it (``ldconfig -p``),
   and the Debian package owning that file is asked of dpkg (``dpkg -S``);
4. ``dpkg-shlibdeps``, Debian's own tool, reads the symbols each file uses and gives
   each such package its lowest version; the packages of step 3 keep those versions.

The build machine must have those libraries installed (the Qt libraries' system
dependencies); a library it cannot find stops the build rather than being left out.
"""

from __future__ import annotations

import email.utils
import gzip
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from journal_app import APP_ID

HERE = Path(__file__).resolve().parent
LINUX = HERE / "linux"
DEB_NAME = "tend"
MAINTAINER = "Tend's authors <hello@tendjournal.org>"
HOMEPAGE = "https://tendjournal.org/"
SUMMARY = "private, encrypted journal"
DESCRIPTION = """\
Tend is a private journal for the desktop. What you write stays on this
computer, encrypted with a passphrase only you know; Tend needs no account
and sends nothing anywhere. Gentle writing prompts, which you can always
skip, search, export and print, and encrypted backups.
.
Tend is not a crisis service, not a tracker and not medical advice."""
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Tend

Files: *
Copyright: 2026 Tend's authors
License: GPL-3+
 Tend is free software: you can redistribute it and/or modify it under the
 terms of the GNU General Public License as published by the Free Software
 Foundation, either version 3 of the License, or (at your option) any later
 version.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 3 can be found in "/usr/share/common-licenses/GPL-3".
 .
 /opt/tend also holds Python, Qt for Python (PySide6, LGPL-3), SQLAlchemy
 (MIT), cryptography (Apache-2.0 or BSD), platformdirs (MIT) and the libraries
 they link, each under its own licence.
"""


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, symlinks=True)


def share_tree(share: Path, icons: Path, *, metainfo: bool) -> list[Path]:
    """The .desktop file, the icons and (for the .deb) the metainfo under ``share``."""
    placed = []
    applications = share / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    desktop = applications / f"{APP_ID}.desktop"
    shutil.copyfile(LINUX / f"{APP_ID}.desktop", desktop)
    placed.append(desktop)
    for icon in sorted((icons / "hicolor").rglob(f"{APP_ID}.*")):
        target = share / "icons" / icon.relative_to(icons)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, target)
        placed.append(target)
    if metainfo:
        folder = share / "metainfo"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(LINUX / f"{APP_ID}.metainfo.xml", folder / f"{APP_ID}.metainfo.xml")
    return placed


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def tarball(bundle: Path, icons: Path, work: Path, out: Path, version: str, arch: str) -> Path:
    """``tend-VERSION-linux-ARCH.tar.gz``: the bundle, its share/ files and the scripts."""
    name = f"tend-{version}"
    root = work / "tarball" / name
    shutil.rmtree(root.parent, ignore_errors=True)
    root.mkdir(parents=True)
    _copy_tree(bundle, root / "tend")
    share_tree(root / "share", icons, metainfo=False)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copyfile(LINUX / script, root / script)
        (root / script).chmod(0o755)
    path = out / f"tend-{version}-linux-{arch}.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        archive.add(root, arcname=name, filter=_normalise)
    return path


def _is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def needed_libraries(bundle: Path) -> dict[str, list[Path]]:
    """Each library the bundle's ELF files need and does not carry -> the files needing it."""
    carried = {path.name for path in bundle.rglob("*")}
    needed: dict[str, list[Path]] = {}
    for path in sorted(p for p in bundle.rglob("*") if _is_elf(p)):
        dump = subprocess.run(
            ["objdump", "-p", str(path)], check=True, capture_output=True, text=True
        ).stdout
        for library in re.findall(r"^\s*NEEDED\s+(\S+)", dump, flags=re.M):
            if library not in carried:
                needed.setdefault(library, []).append(path)
    return needed


# How ``ldconfig -p`` names the machine's own libraries, beside other architectures'.
LINKER_ARCH = {"x86_64": "x86-64", "aarch64": "AArch64"}


def _linker_cache() -> dict[str, str]:
    """Library name -> the file the dynamic linker loads for this machine."""
    listing = subprocess.run(["ldconfig", "-p"], check=True, capture_output=True, text=True)
    arch = LINKER_ARCH.get(os.uname().machine, "")
    found: dict[str, str] = {}
    for line in listing.stdout.splitlines()[1:]:
        match = re.match(r"\s*(\S+) \((.*)\) => (\S+)", line)
        if match and arch in match[2]:
            found.setdefault(match[1], match[3])
    return found


def _owner(path: str) -> str | None:
    """The Debian package that installed ``path`` (either side of the /usr merge)."""
    real = os.path.realpath(path)
    candidates = {path, real}
    for name in list(candidates):
        if name.startswith("/usr/"):
            candidates.add(name.removeprefix("/usr"))
        else:
            candidates.add("/usr" + name)
    for candidate in sorted(candidates):
        query = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if query.returncode == 0:
            return query.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


def system_packages(needed: dict[str, list[Path]]) -> dict[str, str]:
    """Library -> the Debian package that provides it on this machine."""
    cache = _linker_cache()
    packages, missing = {}, []
    for library in sorted(needed):
        path = cache.get(library)
        owner = _owner(path) if path else None
        if owner is None:
            missing.append(f"{library} (needed by {needed[library][0].name})")
        else:
            packages[library] = owner
    if missing:
        raise SystemExit(
            "build: these libraries are not installed here, so the .deb cannot name the "
            "packages that provide them: " + ", ".join(missing)
        )
    return packages


def versioned(packages: set[str], bundle: Path) -> list[str]:
    """Each package with the lowest version dpkg-shlibdeps finds for the bundle's files."""
    files = [p for p in sorted(bundle.rglob("*")) if _is_elf(p)]
    # The bundle's own library folders, where the files' RPATHs (or, for Python's
    # modules, the launcher's library path) find the libraries the bundle carries.
    folders = sorted({f"-l{p.parent}" for p in bundle.rglob("*.so*") if p.is_file()})
    with tempfile.TemporaryDirectory() as scratch:
        control = Path(scratch) / "debian" / "control"
        control.parent.mkdir()
        control.write_text(f"Source: {DEB_NAME}\n\nPackage: {DEB_NAME}\nArchitecture: any\n")
        result = subprocess.run(
            [
                *("dpkg-shlibdeps", "-O", "--ignore-missing-info", f"-T{scratch}/substvars"),
                *folders,
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            cwd=scratch,
        )
    if result.returncode != 0:
        errors = [x for x in result.stderr.splitlines() if "error" in x]
        raise SystemExit("build: dpkg-shlibdeps failed:\n" + "\n".join(errors[:20]))
    line = next(x for x in result.stdout.splitlines() if x.startswith("shlibs:Depends="))
    found = {}
    for entry in line.removeprefix("shlibs:Depends=").split(", "):
        found[entry.split(" ", 1)[0]] = entry
    return [found.get(package, package) for package in sorted(packages)]


def depends(bundle: Path) -> tuple[list[str], dict[str, str]]:
    """The .deb's Depends, and library -> package (printed, to show why each is there)."""
    needed = needed_libraries(bundle)
    packages = system_packages(needed)
    return versioned(set(packages.values()), bundle), packages


def _permissions(root: Path) -> None:
    """Folders and programs 755, other files (libraries too) 644, whatever the umask was."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        program = path.stat().st_mode & 0o111 and ".so" not in path.name
        path.chmod(0o755 if path.is_dir() or program else 0o644)


def deb(bundle: Path, icons: Path, work: Path, out: Path, version: str, arch: str) -> Path:
    """``tend_VERSION_ARCH.deb``, built with ``dpkg-deb`` from a staged tree."""
    stage = work / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    opt = stage / "opt" / DEB_NAME
    opt.parent.mkdir(parents=True)
    _copy_tree(bundle, opt)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / DEB_NAME).symlink_to(f"/opt/{DEB_NAME}/tend")
    share_tree(stage / "usr" / "share", icons, metainfo=True)
    doc = stage / "usr" / "share" / "doc" / DEB_NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, encoding="utf-8")
    when = email.utils.format_datetime(datetime.now(UTC).replace(microsecond=0))
    changelog = f"{DEB_NAME} ({version}) stable; urgency=medium\n\n  * Tend {version}.\n\n"
    changelog += f" -- {MAINTAINER}  {when}\n"
    (doc / "changelog.gz").write_bytes(gzip.compress(changelog.encode(), mtime=0))
    _permissions(stage)

    requirements, packages = depends(opt)
    for library, package in sorted(packages.items(), key=lambda item: (item[1], item[0])):
        print(f"  {library:32} {package}")
    size_kib = sum(p.lstat().st_size for p in stage.rglob("*")) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    description = "\n".join(f" {line}" for line in DESCRIPTION.splitlines())
    control.write_text(
        f"Package: {DEB_NAME}\nVersion: {version}\nArchitecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size_kib}\n"
        f"Depends: {', '.join(requirements)}\nSection: utils\nPriority: optional\n"
        f"Homepage: {HOMEPAGE}\nDescription: {SUMMARY}\n{description}\n",
        encoding="utf-8",
    )
    _permissions(stage / "DEBIAN")
    path = out / f"{DEB_NAME}_{version}_{arch}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(path)],
        check=True,
    )
    return path
