"""python -m atlas.pipeline --raw ../shared/data/raw : rebuild the committed snapshot from the shared raw
files and the caniuse months the project fetched since (raw/caniuse-db)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import dataset
from .errors import BuildError
from .snapshot import PROJECT_RAW, build

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.pipeline", description=__doc__)
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    parser.add_argument("--static", type=Path, default=ROOT / "static")
    parser.add_argument("--refreshed", type=Path, default=PROJECT_RAW,
                        help="the project's caniuse months fetched by the refresh (default raw/caniuse-db)")
    args = parser.parse_args(argv)
    try:
        manifest = build(args.raw, args.out, args.static, args.refreshed)
    except BuildError as exc:
        print(f"Build stopped, the previous snapshot is unchanged.\n{exc}", file=sys.stderr)
        return 1
    print(f"Snapshot written to {args.out}: " + ", ".join(f"{k} {v}" for k, v in manifest["tables"].items()))
    return dataset.main(["--data", str(args.out), "--out", str(args.static / "data")])  # the whole-dataset files


if __name__ == "__main__":
    sys.exit(main())
