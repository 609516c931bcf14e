#!/usr/bin/env python3
"""Writes a smaller copy of the ICU data that Foundation links into a static `hetao`.

Foundation's static library carries all of ICU's data (about 34 MB: every locale's names,
collations, currencies and units, a hundred legacy code pages, transliterators and the
word-break dictionaries of Chinese, Japanese, Thai and Khmer). hetao formats dates, numbers
and Chinese text itself; from ICU it can reach only time zones, calendars, the root, English
and Chinese locales and Unicode properties. This script keeps those and leaves the rest out:

  Packaging/icu_data.py LIB_FOUNDATIONICU_A OUT_DIR

writes OUT_DIR/icudata.dat (the kept items, in ICU's common data format), OUT_DIR/icudata.o,
which defines `__wrap_SYMBOL` for the library's data symbol, and OUT_DIR/symbol (its name).
Linked with `--wrap=SYMBOL`, ICU reads the kept items; the library's copy is referenced by
nothing and the linker leaves it out. It prints the sizes before and after."""

import os
import re
import struct
import subprocess
import sys

# Locales kept in every tree (root is always kept): English and Chinese, with their regions.
LANGUAGES = {"en", "zh"}
# Whole trees left out: transliterators and the rule-based number spellings.
DROPPED_TREES = {"translit", "rbnf"}
# Trees where the root's rules serve every locale: collation and text boundaries.
ROOT_ONLY_TREES = {"coll", "brkitr"}


def kept(name):
    """Whether an item (a path such as `coll/zh.res` inside the package) is kept."""
    parts = name.split("/")
    if len(parts) > 1 and parts[0] in DROPPED_TREES:
        return False
    leaf = parts[-1]
    stem, _, extension = leaf.rpartition(".")
    if extension == "cnv":      # legacy code pages; UTF-8, UTF-16, Latin-1 and ASCII are built in
        return False
    if extension == "dict":     # word-break dictionaries for scripts written without spaces
        return False
    language = stem.split("_")[0]
    if extension == "res" and re.fullmatch(r"[a-z]{2,3}", language):
        return language in LANGUAGES and not (len(parts) > 1 and parts[0] in ROOT_ONLY_TREES)
    return True


def read_common_data(blob):
    """The header and the (name, bytes) items of an ICU common data package (`CmnD`)."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise SystemExit("icu_data.py: the ICU data object is not in ICU's common data format")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _, offset in entries[1:]] + [len(blob) - header_size]
    items = []
    for (name_offset, data_offset), end in zip(entries, ends):
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        items.append((name, blob[header_size + data_offset:header_size + end]))
    return blob[:header_size], items


def write_common_data(header, items):
    """Items back into the common data format: the table of contents, names, then each item
    aligned to 16 bytes as ICU expects."""
    count = len(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * count
    data_start = (toc_size + len(names) + 15) & ~15
    table, offset, name_offset, body = [struct.pack("<I", count)], data_start, toc_size, b""
    for name, data in items:
        table.append(struct.pack("<II", name_offset, offset))
        name_offset += len(name) + 1
        padded = data + b"\0" * (-len(data) % 16)
        body += padded
        offset += len(padded)
    toc = b"".join(table) + names
    return header + toc + b"\0" * (data_start - len(toc)) + body


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    library, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    member = subprocess.run(["ar", "t", library], capture_output=True, text=True, check=True).stdout.split()
    data_members = [m for m in member if "packaged_data" in m]
    if len(data_members) != 1:
        raise SystemExit(f"icu_data.py: {library}: expected one ICU data object, found {data_members}")
    obj = os.path.join(out, data_members[0])
    with open(obj, "wb") as f:
        f.write(subprocess.run(["ar", "p", library, data_members[0]], capture_output=True, check=True).stdout)
    symbols = subprocess.run(["nm", "-S", "--defined-only", obj], capture_output=True, text=True, check=True).stdout.split("\n")
    defined = [line.split() for line in symbols if line.strip()]
    if len(defined) != 1:
        raise SystemExit(f"icu_data.py: {obj}: expected one symbol, found {defined}")
    value, size, _, symbol = defined[0]
    rodata = os.path.join(out, "rodata.bin")
    subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", obj, rodata], check=True)
    with open(rodata, "rb") as f:
        blob = f.read()[int(value, 16):int(value, 16) + int(size, 16)]
    os.remove(rodata)
    os.remove(obj)
    header, items = read_common_data(blob)
    prefix = items[0][0].split("/")[0] + "/"
    chosen = [(name, data) for name, data in items if kept(name[len(prefix):])]
    package = write_common_data(header, chosen)
    with open(os.path.join(out, "icudata.dat"), "wb") as f:
        f.write(package)
    source = os.path.join(out, "icudata.s")
    with open(source, "w") as f:
        f.write(f"""    .section .rodata
    .globl __wrap_{symbol}
    .type __wrap_{symbol}, @object
    .balign 16
__wrap_{symbol}:
    .incbin "{os.path.abspath(os.path.join(out, 'icudata.dat'))}"
    .size __wrap_{symbol}, . - __wrap_{symbol}
    .section .note.GNU-stack, "", @progbits
""")
    subprocess.run(["cc", "-c", source, "-o", os.path.join(out, "icudata.o")], check=True)
    with open(os.path.join(out, "symbol"), "w") as f:
        f.write(symbol + "\n")
    print(f"ICU data ({symbol}): {len(blob) / 1e6:.1f} MB in {len(items)} items; "
          f"kept {len(package) / 1e6:.1f} MB in {len(chosen)} items")


if __name__ == "__main__":
    main()
