#!/usr/bin/env python3
"""Writes a store folder as one input of fuzz_store: "@@ <relative path>\\n" then the file's bytes, for
every file below the folder (sorted), and "@@ <folder>/" for empty folders. Usage:
make_store_seed.py STORE_FOLDER OUTPUT"""
import os
import sys

root, output = sys.argv[1], sys.argv[2]
parts = []
for folder, dirs, files in sorted(os.walk(root)):
    dirs.sort()
    rel_folder = os.path.relpath(folder, root)
    if not dirs and not files and rel_folder != ".":
        parts.append(b"@@ " + rel_folder.encode() + b"/\n")
    for name in sorted(files):
        path = os.path.join(folder, name)
        data = open(path, "rb").read()
        if b"\n@@ " in data:
            sys.exit(f"{path} holds the separator; it cannot be part of a seed")
        parts.append(b"@@ " + os.path.relpath(path, root).encode() + b"\n" + data)
with open(output, "wb") as out:
    out.write(b"\n".join(parts))
