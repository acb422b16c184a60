"""Every number the prose quotes is one its notebook stores, or is allowed with a reason.

A number written in a notebook's markdown (lesson, summary, exercises, solutions) or in its
speaker notes (teachers/NN_name.md) must be one of these, or that notebook's test fails and
names the file, the sentence and the number:

- a number of the notebook's code or stored outputs (text, tables, printed tensors, the
  values drawn in its SVG graphs), as printed or correctly rounded: "4.36", "4.4" or "4" for
  a printed 4.3612; "0.0001", "1e-4", "10⁻⁴" for 0.000100. A power of ten alone ("about
  $10^{-4}$") is an order of magnitude: it stands for any number within a factor of √10.
- the result of arithmetic that the prose writes out and gets right: "$64 / 40 = 1.6$",
  "0.03 × 18.5 ≈ 0.56" (its operands are quotes themselves), and later quotes of that result;
- a number of 00's contents table, which the sync script writes (test_sync checks it);
- an entry of tests/numbers_allowed.toml, with its reason. An entry "from NN: ..." (or "from
  path/in/repo: ...") is checked too: notebook NN stores that number (the file contains it).

Not read, since they are positions, not quantities: notebook numbers 00-09 ("(05, *Section*)",
"06's") and the section titles in italics after them; list markers; the numbers after
"exercise", "ex.", "section", "chapter", with their lists ("exercises 2 and 3"); d2l's section
numbers 3.1-3.5 in a sentence naming d2l or a section; a version after a software name or
before "edition" ("d2l 1.0", "Python 3.11", "its 0.17 edition"); link targets, URLs, HTML
tags; number words ("three"). In math, exponents, subscripts and bare integers up to 10 (the
2 of $2x$, the 1 of $\frac{1}{n}$) are not read; every other math number is, and small
integers in prose are too: "3 epochs" must be stored.

A timing ("3.18 ms", "7 times faster", "a seventh of the cost") differs on every machine: its
sentence must say it was "measured", is "one run", or is from "the machine that stored" them.
"""

import bisect
import functools
import html
import json
import math
import os
import re
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

import sync_notebooks
from series import notebook_names

ALLOWED = tomllib.loads((Path(__file__).parent / "numbers_allowed.toml").read_text())
# The checkout read: NUMBERS_ROOT=/another/checkout pytest tests/test_numbers.py
CHECKED_ROOT = Path(os.environ.get("NUMBERS_ROOT", ROOT))
CHECKED = notebook_names(CHECKED_ROOT)

SUPER = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹−", "-0123456789-")
NUMBER = re.compile(
    r"(?<![\w.,^_])(?P<sign>[-−])?(?P<digits>\d{1,3}(?:(?:,|\{,\})\d{3})+|\d+(?:\.\d+)?|\.\d+)"
    r"(?:[eE](?P<e>[-+−]?\d+)"  # 1e-4, 1.5e−04
    r"|\s?(?:×|\\times)\s?10\s?(?:\^\{?(?P<x>[-−]?\d+)\}?|(?P<xs>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))"  # 6.6 × 10⁻⁷
    r"|\^\{?(?P<p>[-−]?\d+)\}?|(?P<ps>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?"  # 10^{-4}, 10⁻⁴; x², 0.01^2: x, 0.01
    r"(?P<pct>\s?%)?(?![\w.,]\d|\w)"
)
POSITION = re.compile(
    r"(?<![\w.,])0\d(?!\w|[.,]\d)(?:, \*[^*]+\*)?"  # notebook numbers, section titles after
    r"|\b(?:[Ee]xercises?|ex\.|[Ss]ections?|[Cc]hapters?|[Pp]ython|PyTorch|torch|d2l(?:-zh)?)"
    r" \d+(?:\.\d+)*(?:(?:,| and| or|–|-| to) \d+(?:\.\d+)*)*"  # ... with their lists
    r"|\d+(?:\.\d+)+(?= edition)|\d\.\d(?=,? ex\. \d)"  # "its 0.17 edition", "| 3.3, ex. 1 |"
)
D2L_SECTION = re.compile(r"(?<![\w.,])3\.[1-5](?!\w|[.,]\d)")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$", re.DOTALL)
SCRIPT = re.compile(r"[_^]\{[^}]*\}")  # a subscript or an exponent in math
TIMING = re.compile(
    r"\d ?(?:ms|µs|μs|ns)\b|\d (?:s|min|minutes|seconds)\b|\b(?:\d+|twice|half|a (?:third"
    r"|quarter|fifth|sixth|seventh|eighth|tenth))(?: times)?(?: as fast| faster| slower"
    r"| (?:of )?the cost)"
)
ONE_RUN = re.compile(r"measured|one run|machine that stored")
ARITHMETIC = re.compile(
    r"((?:[-−+×·*/^()√ .,{}\d⁻⁰¹²³⁴⁵⁶⁷⁸⁹]|\\(?:times|cdot|sqrt|frac|ln))+)\s(?:=|≈|\\approx) $"
)
BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"


class Quote:
    """A number as written: its value, and how finely it is written."""

    def __init__(self, match):
        g = match.groupdict()
        digits = g["digits"].replace("{,}", "").replace(",", "")
        scale = int((g["e"] or g["x"] or g["xs"] or "0").translate(SUPER))
        self.text, self.span = match.group(0).strip(), match.span()
        self.negative = bool(g["sign"])
        self.percent = bool(g["pct"])
        self.power_of_ten = digits == "10" and bool(g["p"] or g["ps"])
        if self.power_of_ten:
            digits, scale = "1", int((g["p"] or g["ps"]).translate(SUPER))
        self.value = float(digits) * 10.0**scale * (-1 if self.negative else 1)
        self.half_step = 0.5 * 10.0 ** (scale - len(digits.partition(".")[2]))

    def found_in(self, numbers):
        """Whether one of `numbers` (made by `lookup`), rounded as this quote is written, gives
        this quote; a quote with a minus needs a negative number, one without reads either."""
        magnitudes = numbers[1] if self.negative else numbers[0]
        size, step = abs(self.value), self.half_step * 1.000001
        if self.power_of_ten:
            ranges = [(size / 10**0.5, size * 10**0.5)]
        else:
            ranges = [(size - step, size + step)]
        if self.percent:  # 0.7% quotes a printed 0.7% or a printed 0.007
            ranges.append((ranges[0][0] / 100, ranges[0][1] / 100))
        for low, high in ranges:
            i = bisect.bisect_left(magnitudes, low)
            if i < len(magnitudes) and magnitudes[i] <= high:
                return True
        return False


def lookup(values):
    """Sorted magnitudes of all `values`, and of the negative ones, for Quote.found_in."""
    return sorted(map(abs, values)), sorted(-v for v in values if v < 0)


def numbers_in(text):
    """Every number of code or output text, as a float."""
    return [Quote(m).value for m in NUMBER.finditer(text)]


def sentences(markdown):
    """The sentences of a markdown text; a table row, a list item, a line of notes at least."""
    markdown = re.sub(r"\]\([^)]*\)", "]", markdown)  # [text](target): the text only
    markdown = re.sub(r"https?://\S+|<[^>]+>", " ", markdown)
    markdown = re.sub(r"^(\s*)\d+\.(?= )", r"\1-", markdown, flags=re.M)  # list markers
    for part in re.split(r"\n\s*\n|\n(?=\s*[-|*] )|\n(?=\*\*)", markdown):
        yield from re.split(r"(?<=[.!?])\s+(?=[A-Z(*`\[])", " ".join(part.split()))


def quotes(markdown):
    """(sentence, Quote, value of the arithmetic written before it or None) for every number
    of `markdown` that is a quantity."""
    for sentence in sentences(markdown):
        skip = [m.span() for m in POSITION.finditer(sentence)]
        if re.search(r"d2l|[Ss]ection|Dive into Deep Learning", sentence):
            skip += [m.span() for m in D2L_SECTION.finditer(sentence)]
        maths = [m.span() for m in MATH.finditer(sentence)]
        skip += [m.span() for a, b in maths for m in SCRIPT.finditer(sentence, a, b)]
        for m in NUMBER.finditer(sentence):
            if any(a <= m.start() < b for a, b in skip):
                continue
            in_math = any(a <= m.start() < b for a, b in maths)
            if in_math and m.group(0).isdigit() and int(m.group(0)) <= 10:
                continue
            yield sentence, Quote(m), arithmetic(sentence[: m.start()])


def arithmetic(before):
    """The value of the arithmetic that `before` ends with ("... = "), or None."""
    match = ARITHMETIC.search(before)
    if not match:
        return None
    expression = re.sub(r"[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: f"**({m[0].translate(SUPER)})", match[1])
    expression = re.sub(rf"\\frac{BRACED}{BRACED}", r"(\1)/(\2)", expression)
    expression = re.sub(r"\\times|\\cdot|×|·", "*", expression).replace("\\sqrt", "math.sqrt")
    expression = re.sub(r"√\(?(\d+(?:\.\d+)?)\)?", r"math.sqrt(\1)", expression)
    expression = re.sub(r"\\ln\s*(\d+(?:\.\d+)?)", r"math.log(\1)", expression)
    expression = re.sub(r"(?<=\d),(?=\d{3})", "", expression).translate(SUPER)
    expression = expression.replace("{", "(").replace("}", ")").replace("^", "**")
    try:  # only digits, operators, brackets and math.sqrt are left
        return float(eval(expression.strip(" ,"), {"math": math, "__builtins__": {}}))
    except Exception:  # not arithmetic after all: "(n, 1) = ", "$d = "
        return None


@functools.cache
def notebook(root, name):
    """(prose, stored): (file, markdown) pairs, and the numbers of its code and outputs."""
    prose, stored = [], []
    for cell in json.loads((root / "notebooks" / name).read_text())["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            stored.append(source)
            for out in cell.get("outputs", []):
                stored.append("".join(out.get("text", "")))
                for kind, data in out.get("data", {}).items():
                    if kind == "image/svg+xml":  # the values drawn in a graph
                        stored += map(html.unescape, re.findall(r">([^<]+)<", "".join(data)))
                    elif kind.startswith("text/"):  # an <img> tag's base64 bytes are no numbers
                        stored.append(re.sub(r"data:[^\"]*", "", "".join(data)))
        elif source.startswith(sync_notebooks.CONTENTS_HEADING):
            stored.append(source)  # written by the sync script from the notebooks
        elif not sync_notebooks.MANAGED & set(cell["metadata"].get("tags", [])):
            prose.append((name, source))
    notes = root / "teachers" / name.replace(".ipynb", ".md")
    if notes.exists():
        prose.append((f"teachers/{notes.name}", notes.read_text()))
    return prose, lookup([v for s in stored for v in numbers_in(s)])


def backed_by(source, root):
    """The numbers stored by notebook `NN`, or written in a file of the repository."""
    if re.fullmatch(r"\d\d", source):
        return notebook(root, next((root / "notebooks").glob(f"{source}_*.ipynb")).name)[1]
    return lookup(numbers_in((root / source).read_text()))


def excerpt(sentence, start, end, width=70):
    """The sentence, trimmed to `width` characters either side of `start:end`."""
    a, b = max(0, start - width), min(len(sentence), end + width)
    return ("..." if a else "") + sentence[a:b] + ("..." if b < len(sentence) else "")


def violations(root, name):
    """One line for each number quoted by notebook `name` under `root` that nothing backs."""
    prose, stored = notebook(root, name)
    own = ALLOWED.get(name.removesuffix(".ipynb"), {})
    allowed = {number: lookup(numbers_in(number)) for number in {**ALLOWED["article"], **own}}
    quoted = [(where, *quote) for where, markdown in prose for quote in quotes(markdown)]
    worked_out = lookup([result for *_, result in quoted if result is not None])
    found, used = [], set()
    for where, markdown in prose:
        for sentence in sentences(markdown):
            if TIMING.search(sentence) and not ONE_RUN.search(sentence):
                found.append(
                    f"{where}: a timing not marked as one run's: {excerpt(sentence, 0, 80)}"
                )
    for where, sentence, quote, _ in quoted:
        entries = [number for number, value in allowed.items() if quote.found_in(value)]
        used.update(entries)
        if not (entries or quote.found_in(stored) or quote.found_in(worked_out)):
            found.append(f"{where}: {quote.text} is not stored: {excerpt(sentence, *quote.span)}")
    for number, reason in own.items():
        source = re.match(r"from (\S+):", reason)
        if source and not Quote(NUMBER.search(number)).found_in(backed_by(source[1], root)):
            found.append(f"tests/numbers_allowed.toml: {number} ({reason}): not stored there")
        if number not in used:
            found.append(f"tests/numbers_allowed.toml: {number} ({reason}): quoted nowhere")
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("name", CHECKED)
def test_every_number_in_prose_and_notes_is_stored_or_allowed(name):
    found = violations(CHECKED_ROOT, name)
    assert not found, f"{name}: {len(found)} quotes not backed:\n" + "\n".join(found)


def reads_as(written, value):
    """Whether the number `written` quotes the stored `value`."""
    return Quote(NUMBER.search(written)).found_in(lookup([value]))


def test_a_quote_counts_when_the_stored_number_rounds_to_it():
    assert all(reads_as(q, 4.3612) for q in ["4.36", "4.4", "4", "about 4.4"])
    assert not any(reads_as(q, 4.3612) for q in ["4.3", "4.37", "4.362", "5"])
    assert all(reads_as(q, 0.000100) for q in ["0.0001", "1e-4", "1.0e−04", "10⁻⁴", "$10^{-4}$"])
    assert reads_as("10⁻⁴", 0.000282) and not reads_as("10⁻⁴", 0.00035)  # a factor of √10
    assert all(reads_as(q, 6.6e-7) for q in ["6.6 × 10⁻⁷", "$6.6 \\times 10^{-7}$", "6.6e−07"])
    assert reads_as("1,647", 1647) and reads_as("$10{,}000$", 1e4) and reads_as("−18.5", -18.5)
    assert reads_as("18.5", -18.5) and not reads_as("−18.5", 18.5)  # a minus is a claim
    assert reads_as("0.7%", 0.7) and reads_as("2%", 0.02) and not reads_as("2%", 0.2)


def test_positions_are_not_read_as_numbers_but_quantities_are():
    positions = (
        "(05, *Against least squares*), 06's exercise 8, exercises 2 and 3, (d2l 3.4, ex. 5),\n"
        "| 3.1, ex. 1 | d2l 1.0's sections 3.1 *Linear Regression* and 3.3, its 0.17 edition,\n"
        "Python 3.11, [02](02_synthetic_data.ipynb), <img width=300> https://a.org/3.5/ the\n"
        "loss $\\frac{1}{n}\\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2$ of $2x$.\n\n1. A list item."
    )
    assert [quote.text for _, quote, _ in quotes(positions)] == []
    quantities = "3 epochs of $0.01^2$, $\\sqrt{1000}$, $\\eta = 30$, N(0, 0.01²), 3.4 (ex. 2)"
    assert [quote.text for _, quote, _ in quotes(quantities)] == [
        "3", "0.01^2", "1000", "30", "0", "0.01²", "3.4"
    ]  # fmt: skip


def test_arithmetic_written_out_counts_when_it_is_right():
    assert math.isclose(arithmetic("so $64 / 40 = "), 1.6)
    assert math.isclose(arithmetic("by 0.03 × 18.5 ≈ "), 0.555)
    assert math.isclose(arithmetic("$\\frac{6 \\times 10^{-4}}{1000} = "), 6e-7)
    assert math.isclose(arithmetic("deviation $\\sqrt{1000} \\approx "), 1000**0.5)
    assert math.isclose(arithmetic("$k = \\ln 0.01 / \\ln 0.94 \\approx "), 74.43, rel_tol=1e-3)
    assert arithmetic("shapes (n, 1) = ") is None and arithmetic("so $d = ") is None


def test_a_timing_says_it_is_one_run_measured_on_one_machine():
    for timing in [
        "It takes 3.18 ms per epoch.",
        "Indexing is 7 times faster.",
        "The same batches at a seventh of the cost.",
    ]:
        assert TIMING.search(timing) and not ONE_RUN.search(timing)
    assert ONE_RUN.search("On the machine that stored these outputs it took 3.18 ms.")
    assert not TIMING.search("It returned 20s; 5 steps; the loss of 3 epochs.")


def test_the_guard_names_each_quote_of_an_output_that_changed(tmp_path):
    for folder in ["notebooks", "teachers"]:
        (tmp_path / folder).mkdir()
        for path in (ROOT / folder).glob("0[05]_*"):  # 05, and 00 that an allowed entry names
            (tmp_path / folder / path.name).write_text(path.read_text())
    name = "05_training_loop.ipynb"
    before = violations(tmp_path, name)
    stored = (tmp_path / "notebooks" / name).read_text()
    assert stored.count("least squares: 98.6") == 1  # printed once, quoted in prose and notes
    (tmp_path / "notebooks" / name).write_text(stored.replace("squares: 98.6", "squares: 97.9"))
    notebook.cache_clear()
    new = [line for line in violations(tmp_path, name) if line not in before]
    assert new and all(" 98.6 is not stored: " in line for line in new)
    for where in [name, "teachers/05_training_loop.md"]:
        assert any(
            line.startswith(f"{where}: 98.6") and "least squares' 98.6" in line for line in new
        )
