"""`tutor data status` and `tutor data download NAME`: what data is here, and fetching more."""

from __future__ import annotations

import argparse
import sys

NAMES = ("mnist", "fashion-mnist", "cifar10", "imdb", "resnet18")
_GROUPS = {
    "shipped": "Shipped with tutor (real data, works offline)",
    "full": "Full datasets",
    "weights": "Pretrained weights (optional)",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `tutor data` with its `status` and `download` subcommands."""
    parser = subparsers.add_parser(
        "data",
        help="list the datasets and weights on this machine, or download the full sets",
        description="Datasets and pretrained weights: what is here, and fetching more.",
    )
    parser.set_defaults(func=_status)
    sub = parser.add_subparsers(dest="data_command", metavar="ACTION")
    status = sub.add_parser("status", help="list shipped data, full sets and weights, with sizes")
    status.set_defaults(func=_status)
    get = sub.add_parser(
        "download",
        help="download a full dataset or ResNet-18 weights (needs a network)",
        description="Download through torchvision into TUTOR_DATA_DIR (default: "
        "<TUTOR_HOME>/datasets). " + "; ".join(NAMES) + ".",
    )
    get.add_argument("name", choices=NAMES, metavar="NAME", help=", ".join(NAMES))
    get.add_argument("--root", help="folder to download into (default: TUTOR_DATA_DIR)")
    get.add_argument(
        "--timeout", type=float, default=3.0, help="seconds to wait for the host (default 3)"
    )
    get.set_defaults(func=_download)


def human_size(n: int) -> str:
    """Bytes as a short size for people: 0 B, 512 B, 1.6 MB, 163.0 MB, 1.2 GB."""
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= step:
            return f"{n / step:.1f} {unit}"
    return f"{n} B"


def _status(args: argparse.Namespace) -> int:
    from tutor.datasets.catalog import catalog, data_root_line

    entries = catalog()
    width = max(len(e.name) for e in entries)
    for group, title in _GROUPS.items():
        rows = [e for e in entries if e.group == group]
        total = sum(e.size_bytes for e in rows)
        print(f"{title}: {human_size(total)}")
        if group == "full":
            print(f"  looked for in {data_root_line()}")
        for e in rows:
            mark = "yes" if e.available else " no"
            size = human_size(e.size_bytes) if e.available else ""
            print(f"  {mark}  {e.name:<{width}}  {size:>9}  {e.detail}")
            if e.available and e.where:
                print(f"       {'':<{width}}  {'':>9}  {e.where}")
        print()
    print("Lessons use the full sets and weights when they are here, the shipped data otherwise.")
    return 0


def _offline_advice(name: str) -> str:
    """What an offline learner can do instead, for each thing `download` fetches."""
    if name == "resnet18":
        from tutor.datasets.weights import RESNET18_FILE, torch_hub_dir

        return (
            "Lessons train a small model from scratch instead. To use ResNet-18, run this "
            f"command on a machine that is online and copy {RESNET18_FILE} into "
            f"{torch_hub_dir() / 'checkpoints'} here."
        )
    from tutor.datasets.base import full_data_root

    return (
        "The tutor still works with the data shipped in data/ (see `tutor data status`). "
        f"To use the full set, run this command on a machine that is online and copy what it "
        f"writes into {full_data_root()} here (or point TUTOR_DATA_DIR at it)."
    )


def _download(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.datasets.base import DatasetUnavailable
    from tutor.datasets.download import DOWNLOADS, download, present, reachable

    item = DOWNLOADS[args.name]
    root = Path(args.root).expanduser() if args.root else None
    if root is None and (where := present(args.name)) is not None:
        print(f"{args.name} is already here: {where}")
        return 0
    online, why = reachable(item.url, args.timeout)
    if not online:
        print(
            f"You are offline ({why}): nothing was downloaded.\n{_offline_advice(args.name)}",
            file=sys.stderr,
        )
        return 2
    print(f"Downloading {item.what} ({item.size}) through torchvision ...", flush=True)
    try:
        where = download(args.name, root, timeout=args.timeout, check=False)
    except DatasetUnavailable as exc:
        print(f"Download failed: {exc}", file=sys.stderr)
        return 1
    print(f"Done: {args.name} is in {where}")
    return 0
