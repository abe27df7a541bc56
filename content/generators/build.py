"""Rebuild every attachment under content/attachments/ from the generator scripts.

Each `gen_<competence>.py` beside this file defines `build(out: pathlib.Path) -> None` and
writes its files into `out / "<competence>"`. Generators are deterministic (fixed seeds,
fixed dates, no clock), so running this twice gives byte-identical files.

    python content/generators/build.py [OUTDIR]
"""

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "attachments"


def build_all(out: Path = DEFAULT_OUT) -> list[str]:
    done = []
    for script in sorted(HERE.glob("gen_*.py")):
        spec = importlib.util.spec_from_file_location(script.stem, script)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.build(out)
        done.append(script.stem)
    return done


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT
    names = build_all(target)
    print(f"Built attachments from {len(names)} generator(s) into {target}")
