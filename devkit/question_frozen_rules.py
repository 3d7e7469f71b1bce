"""What the question rules read, as they were before anyone tuned them on an author's rows: one JSON
line per row (text, wanted intent, the rules' intent, confidence and alternative intents, whether the
period and the MOT were right), for bench/question_authors.py --frozen. Only the rules part is frozen:
the trained model is fitted by the bench without the author, with today's code.

The three authors' "before" commits (the parent of the commit that first tuned on them):

    third   8dc4c3c^     fourth   64fb077^     fifth   abf15d4     sixth   06bb658     eighth, ninth   07de58c
    tenth, eleventh, twelfth   0102f70     thirteenth, fourteenth, fifteenth   41e1262
    sixteenth, seventeenth, eighteenth   22509ca     nineteenth, twentieth, twentyfirst   35d0c93
    twentyfourth   93fea70     twentysixth   c55b157     thirtieth   abf604f
    thirtysecond   97b84b3     thirtyfourth   d6cff8b     thirtysixth, thirtyseventh   3afe713
    thirtyeighth, thirtyninth   e30f17b     fortieth   55a33da     fortysixth   41742bc (with today's devkit scorer)
    fortyseventh, fortyeighth   96d2e29     fortyninth   5677843
    fiftysecond   bc07e30     fiftyfourth   f6a689d     fiftyfifth   38408fc
    fiftysixth, fiftyeighth   64d1775     sixtieth   2733f28     sixtyfirst, sixtythird, sixtyfifth   9617d3f
    sixtyseventh, sixtyninth, seventyfirst   3e2d1e1     seventythird, seventyfifth   94c97c7
    seventysixth, seventyeighth, eightieth, eightysecond   599fdb7     eightythird, eightyfifth   9043f8a (with the rules their rows led to)
    eightysixth, eightyeighth, ninetieth   1ad96ab     ninetysecond, ninetyfourth   11663e1
    ninetysixth, ninetyeighth, hundredth   bf9e7ed     hundredandsecond, hundredandfourth, hundredandsixth   7bf29b9
    hundredandeighth, hundredandtenth, hundredandtwelfth   8de86f3
    hundredandthirteenth, hundredandfifteenth, hundredandsixteenth,
    hundredandeighteenth, hundredandnineteenth, hundredandtwentieth   82052bd
    hundredandtwentyfirst, hundredandtwentythird, hundredandtwentyfourth, hundredandtwentysixth   45a33b3
    hundredandtwentyseventh, hundredandtwentyninth, hundredandthirtieth, hundredandthirtysecond   aaaa32b
    hundredandthirtythird, hundredandthirtyfifth   6ed666c     hundredandthirtyseventh, hundredandthirtyninth   a91d174
    hundredandfortyfirst, hundredandfortythird, hundredandfortyfifth, hundredandfortyseventh   654a35f
    hundredandfortyninth, hundredandfiftyfirst, hundredandfiftythird, hundredandfiftyfifth   9f17a0a
    hundredandfiftyseventh, hundredandfiftyninth, hundredandsixtyfirst, hundredandsixtythird   bfeb041
    hundredandsixtyfifth, hundredandsixtyseventh, hundredandsixtyninth, hundredandseventyfirst   4cbcd42
    hundredandseventythird, hundredandseventyfifth, hundredandseventyseventh, hundredandseventyninth   b82dd04
    hundredandeightyfirst, hundredandeightythird, hundredandeightyfifth, hundredandeightyseventh   74fdffb
    hundredandeightyninth, hundredandninetyfirst, hundredandninetythird, hundredandninetyfifth   027add9
    twohundredandthird   82c5121     hundredandninetyseventh, hundredandninetyninth   dfb3d26
    twohundredandfirst   66449d1 (with bot/nlp/period_rule.py's "last N quarters", which its labels need)
    twohundredandfifth, twohundredandseventh, twohundredandninth, twohundredandeleventh, twohundredandthirteenth
    b5b43c1
    twohundredandfifteenth, twohundredandseventeenth, twohundredandnineteenth   71fcd55
    twohundredandtwentyfirst, twohundredandtwentythird, twohundredandtwentyfifth   70f4eae
    twohundredandtwentyseventh, twohundredandtwentyninth   9e9aa1a
    twohundredandthirtyfirst, twohundredandthirtythird, twohundredandthirtyfifth, twohundredandthirtyseventh   38c9bcc
    twohundredandthirtyninth, twohundredandfortyfirst, twohundredandfortythird   31b26a0
    twohundredandfortyfifth   6bd8450
    twohundredandfortyseventh   15a3225
    twohundredandfortyninth, twohundredandfiftyfirst   5079073
    twohundredandfiftythird, twohundredandfiftyfifth, twohundredandfiftyseventh, twohundredandfiftyninth,
    twohundredandsixtyfirst, twohundredandsixtythird   78d17a8
    twohundredandsixtyfifth, twohundredandsixtyseventh, twohundredandsixtyninth   eb1af14
    (from the fifth on: main when their set arrived)

Re-create a file (from the project root; `git worktree add --detach /tmp/pre <commit>` first):

    PYTHONPATH=/tmp/pre .venv/bin/python devkit/question_frozen_rules.py \
        tests/fixtures/questions_third_author.jsonl > bench/question_frozen/third.jsonl

It runs the old tree's parse_question but scores with this tree's scorer (devkit/question_third_author.py
and question_second_author.py, loaded from their files with the `reader` argument taken out), so all
three are scored the same way as today's bench.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(name: str, source: Path, folder: Path, renames: dict[str, str]) -> None:
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^from bot\.nlp\.question_model import IntentReader\n", "", text, flags=re.M)
    text = text.replace(", reader=reader", "").replace("IntentReader | None", "object")
    for old, new in renames.items():
        text = text.replace(old, new)
    path = folder / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    _load("frozen_second", HERE / "question_second_author.py", folder, {})
    _load("frozen_third", HERE / "question_third_author.py", folder,
          {"from devkit.question_second_author import": "from frozen_second import"})
    score = sys.modules["frozen_third"].score
    for r in score(Path(sys.argv[1]).resolve()):
        q = r["question"]
        print(json.dumps({"text": r["row"]["q"], "want": r["want_intent"], "intent": q.intent,
                          "confidence": q.confidence, "alternatives": list(q.alternative_intents),
                          "period": r["right"]["period"], "mot": r["right"]["mot_id"]}))


if __name__ == "__main__":
    main()
