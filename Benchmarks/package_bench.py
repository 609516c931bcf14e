#!/usr/bin/env python3
"""Measures the Debian package and what its binary is made of:

  the release binary, unstripped and stripped, and the .deb        target .deb <= 20 MB
  the stripped binary's largest sections
  what the code and data in the binary come from (the link map: each Swift module, and each
    archive of the Swift runtime and Foundation), largest first
  ICU's data: as Foundation's library carries it, and as the package keeps it

Usage: Benchmarks/package_bench.py
It runs Packaging/build-deb.sh, then links the binary once more with a link map."""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1_000_000


def sections(binary):
    """(name, size) of the sections loaded into memory, largest first."""
    out = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+(\S*)", line)
        if m and "A" in m.group(3):
            found.append((m.group(1), int(m.group(2), 16)))
    return sorted(found, key=lambda s: -s[1])


def origins(map_file):
    """Bytes placed in loaded sections, by where they came from: a Swift module's build folder,
    or an archive (the Swift runtime, Foundation, ICU), or the system's start-up objects."""
    sizes = collections.Counter()
    loaded = True
    with open(map_file) as f:
        f.readline()
        for line in f:
            # VMA, LMA, size, alignment; then an output section's name, or 8 spaces and an input
            # section (the file it came from), or 16 spaces and a symbol.
            m = re.match(r"\s*[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+ ( *)(\S.*)", line)
            if not m:
                continue
            depth, text = len(m.group(2)), m.group(3)
            if depth == 0:  # an output section: count what is loaded, not .debug_* and the like
                loaded = not text.startswith((".debug", ".comment", ".symtab", ".strtab", ".shstrtab"))
                continue
            if depth != 8 or not loaded:
                continue
            source = text.split(":(")[0]
            archive = re.match(r"(.*\.a)\(", source)
            module = re.search(r"/([^/]+)\.build/", source)
            if archive:
                name = os.path.basename(archive.group(1))
            elif module:
                name = module.group(1)
            elif source.startswith("<"):
                name = "made by the linker"
            else:
                name = os.path.basename(source)
            sizes[name] += int(m.group(1), 16)
    return sizes


def link_map(folder):
    """Links the packaged binary once more, as the last build did (SwiftPM's build manifest holds
    the command), with a link map; returns the map's path."""
    with open(os.path.join(ROOT, ".build-static", "release.yaml")) as f:
        manifest = f.read()
    block = re.search(r'"C\.hetao-[^"]*-release\.exe":\n(?:    .*\n)*?    args: (\[.*\])\n', manifest)
    arguments = json.loads(block.group(1))
    output = arguments.index("-o") + 1
    arguments[output] = os.path.join(folder, "hetao")
    map_file = os.path.join(folder, "hetao.map")
    subprocess.run([*arguments, "-Xlinker", f"-Map={map_file}"], check=True, cwd=ROOT)
    return map_file


def main():
    deb = subprocess.run([os.path.join(ROOT, "Packaging", "build-deb.sh")], cwd=ROOT, capture_output=True, text=True)
    if deb.returncode != 0:
        sys.exit(deb.stderr)
    deb_path = os.path.join(ROOT, deb.stdout.strip())
    binary = os.path.join(ROOT, ".build-static", "release", "hetao")
    stripped = os.path.join(ROOT, ".build-static", "deb", "root", "usr", "bin", "hetao")
    icu = re.search(r"ICU data \(.*", deb.stderr)

    print("hetao package benchmark")
    print(f"  release binary {os.path.getsize(binary) / MB:.1f} MB, stripped {os.path.getsize(stripped) / MB:.1f} MB, "
          f".deb {os.path.getsize(deb_path) / MB:.1f} MB (target <= 20 MB)")
    if icu:
        print(f"  {icu.group(0)}")
    print("  largest sections of the stripped binary:")
    for name, size in sections(stripped)[:8]:
        print(f"    {size / MB:7.2f} MB  {name}")
    with tempfile.TemporaryDirectory() as folder:
        sizes = origins(link_map(folder))
    total = sum(sizes.values())
    print(f"  where the {total / MB:.1f} MB loaded come from (the link map), largest first:")
    for name, size in sizes.most_common(16):
        print(f"    {size / MB:7.2f} MB  {100 * size / total:4.1f} %  {name}")
    own = sum(size for name, size in sizes.items()
              if name.startswith("Hetao") or name in ("hetao", "TerminalKit", "NcursesBackend", "CPosixSpawn"))
    print(f"    hetao's own modules together: {own / MB:.2f} MB")


if __name__ == "__main__":
    main()
