"""A class of three learners on one server: two in a browser, one in a terminal, and the teacher's report.

    python benchmarks/class_demo.py [--out DIR] [--ssh DESTINATION]

On a fresh NNTUTOR_HOME (DIR/home; DIR defaults to a new temporary folder) it
starts `nntutor serve backprop` on a free port and, in headless Chromium
(the system's, driven by Playwright, as tests/e2e/test_browser.py does):

* ada types her name in the form, goes to step 2, steps to 'forward 2' and
  answers its quiz right on the first try;
* grace comes in by the address (?learner=grace), does the same but answers
  wrong first, then right, and goes on to step 3.

linus is the SSH learner: `nntutor --learner linus backprop` in tmux at 80x24,
through `ssh -tt DESTINATION` when --ssh names one (a login on this machine,
e.g. "-p 2222 teacher@127.0.0.1"), else run straight in tmux (the terminal an
SSH session gives). He answers the step 2 quiz and the step 3
quiz (the total error) right on the first try, then quits.

Then it prints `nntutor progress --format table` and `--format csv`, checks each
learner's row against what the script made them do (exit status 1 if any
differs), and leaves screenshots of the two browser pages (ada.png, grace.png),
linus's last screen (linus.txt) and the server's log in DIR.
Needs Chromium, Playwright, the web extra and tmux.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

from browser_page import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    open_tutor,
    start_serve,
    status_line,
    stop_serve,
    wait_for_screen,
)
from tmux_term import TMUX, Tmux, installed_nntutor, poll  # noqa: E402

LESSON = "backprop"
OUT_O1 = "0.7514"  # step 2's quiz: the sigmoid of y1's z (the 2-2-2 worked example)
TOTAL_ERROR = "0.2984"  # step 3's quiz: the loss

# What each learner did, as `nntutor progress --format json` should say it.
EXPECTED = {
    "ada": {"step": 2, "furthest": 2, "asked": 1, "right_first_try": 1, "status": "in progress"},
    "grace": {"step": 3, "furthest": 3, "asked": 1, "right_first_try": 0, "status": "in progress"},
    "linus": {"step": 3, "furthest": 3, "asked": 2, "right_first_try": 2, "status": "in progress"},
}


def _press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def _to_step_2_quiz(page, who: str) -> None:
    """From the lesson's first screen: ] to step 2, three phases to 'forward 2', where its quiz opens."""
    page.click(".textual-terminal")
    _press(page, "]")
    wait_for_screen(page, "step 2/9", f"{who}'s step 2")
    _press(page, "Space", "Space", "Space")  # sample, forward 1, forward 2
    wait_for_screen(page, "Your answer", f"{who}'s quiz")


def _answer(page, text: str, verdict: str, who: str) -> None:
    page.keyboard.type(text)
    _press(page, "Enter")
    wait_for_screen(page, verdict, f"{who}'s answer {text} to be judged")


def ada(browser, url: str, out: Path) -> None:
    page = open_tutor(browser, url)  # no name in the address: the form asks
    page.fill("#learner", "ada")
    page.click("button[type=submit]")
    wait_for_screen(page, "next: sample", "ada's lesson to open")
    _to_step_2_quiz(page, "ada")
    _answer(page, OUT_O1, "Right\\.", "ada")
    _press(page, "Enter")  # the quiz closes
    screen = wait_for_screen(page, "next: loss", "ada back in the lesson")
    print(f"ada (browser):   {status_line(screen).strip()}")
    page.screenshot(path=str(out / "ada.png"))


def grace(browser, url: str, out: Path) -> None:
    page = open_tutor(browser, url + "?learner=grace")  # the name given by the address
    wait_for_screen(page, "next: sample", "grace's lesson to open")
    _to_step_2_quiz(page, "grace")
    _answer(page, "0.5", "Not yet", "grace")
    _answer(page, OUT_O1, "Right\\.", "grace")
    _press(page, "Enter", "]")  # the quiz closes; on to step 3
    screen = wait_for_screen(page, "step 3/9", "grace's step 3")
    print(f"grace (browser): {status_line(screen).strip()}")
    page.screenshot(path=str(out / "grace.png"))


def linus(home: Path, out: Path, ssh: str | None) -> None:
    """The SSH learner: the tutor in a terminal of 80x24 (over ssh when asked), keys typed into it."""
    env = {"NNTUTOR_HOME": str(home), "TERM": "xterm-256color"}
    command = [*installed_nntutor(), "--learner", "linus", LESSON]
    if ssh:  # the same command on the far side of a login; its environment travels in the command line
        remote = ["env", *(f"{k}={v}" for k, v in env.items()), *command]
        command = ["ssh", "-tt", *shlex.split(ssh), shlex.join(remote)]
    term = Tmux(command, env, out)
    try:

        def until(text: str, what: str) -> str:
            return term.wait_for(lambda screen: text in screen, what, 30)

        until("next: sample", "linus's lesson to open")
        term.send("]")
        until("step 2/9", "linus's step 2")
        term.send("Space", "Space", "Space")
        until("Your answer", "linus's first quiz")
        term.send(OUT_O1, "Enter")
        until("Right.", "linus's first answer to be judged")
        term.send("Enter")
        until("next: loss", "linus back in the lesson")
        term.send("]")
        until("step 3/9", "linus's step 3")
        term.send("Space")  # loss: step 3's quiz opens ("total error" is in the step's title too)
        until("Your answer", "linus's second quiz")
        term.send(TOTAL_ERROR, "Enter")
        until("Right.", "linus's second answer to be judged")
        term.send("Enter")
        screen = until("next: backward 2", "linus back in the lesson")
        print(f"linus (tmux):    {screen.splitlines()[0].strip()}")
        (out / "linus.txt").write_text(screen)
        term.send("q")  # quits the tutor
        if not poll(lambda: term.dead()[0], 15):
            raise RuntimeError(f"linus's tutor did not quit on q; the terminal showed:\n{term.screen()}")
    finally:
        term.close()


def progress(home: Path, fmt: str) -> str:
    env = {**os.environ, "NNTUTOR_HOME": str(home)}
    done = subprocess.run(
        [*installed_nntutor(), "progress", "--format", fmt], capture_output=True, text=True, env=env, timeout=60
    )
    if done.returncode != 0:
        raise RuntimeError(f"nntutor progress --format {fmt} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def check(rows: list[dict]) -> list[str]:
    """Each way the report differs from what the learners did (empty when it matches)."""
    differences = []
    got = {row["learner"]: row for row in rows if row["lesson"] == LESSON}
    if sorted(got) != sorted(EXPECTED) or len(rows) != len(EXPECTED):
        differences.append(f"rows for {sorted((r['learner'], r['lesson']) for r in rows)}, expected {sorted(EXPECTED)}")
    for learner, expected in EXPECTED.items():
        row = got.get(learner, {})
        for key, value in expected.items():
            if row.get(key) != value:
                differences.append(f"{learner}: {key} is {row.get(key)!r}, expected {value!r}")
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the learners' home, screenshots and logs")
    parser.add_argument("--ssh", help="linus logs in with ssh -tt SSH (e.g. '-p 2222 teacher@127.0.0.1')")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("needs Playwright: pip install playwright", file=sys.stderr)
        return 2
    missing = [name for name, found in (("chromium", CHROMIUM), ("tmux", TMUX)) if found is None]
    if missing:
        print(f"needs {' and '.join(missing)} (apt-get install {' '.join(missing)})", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="nntutor-class-"))
    out.mkdir(parents=True, exist_ok=True)
    home = out / "home"
    if home.exists() and any(home.iterdir()):
        print(f"{home} is not empty: the class needs a fresh NNTUTOR_HOME (choose another --out)", file=sys.stderr)
        return 2
    url, server = start_serve(home, out / "serve.log", LESSON)
    print(f"nntutor serve {LESSON}: {url} (NNTUTOR_HOME={home})")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                ada(browser, url, out)
                grace(browser, url, out)
                linus(home, out, args.ssh)
            finally:
                browser.close()
    finally:
        stop_serve(server)
    print("\n$ nntutor progress --format table")
    print(progress(home, "table"), end="")
    print("\n$ nntutor progress --format csv")
    print(progress(home, "csv"), end="")
    differences = check(json.loads(progress(home, "json")))
    for difference in differences:
        print(f"MISMATCH {difference}")
    if not differences:
        print(f"\nchecked: every learner's row matches what they did ({', '.join(EXPECTED)})")
    print(f"screenshots ada.png, grace.png; linus.txt; serve.log in {out}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
