"""Smoke test of bench/report.py on canned figures (run by `make test-bench`, part of `make test`):
each figure lands in its row with the right unit, ratio and verdict, and a missing input says so."""
import os
import tempfile
import unittest

import report

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "testdata")


def table(text):
    """measure -> cells of the first table."""
    out = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| measure") and not line.startswith("| part"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) == 5:
                out[cells[0]] = cells[1:]
    return out


class ReportTest(unittest.TestCase):
    def run_report(self, *extra):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "sub", "report.md")
            self.assertEqual(report.main(["--criterion", os.path.join(DATA, "criterion"), "--out", out, "--quiet", *extra]), 0)
            with open(out, encoding="utf-8") as f:
                return f.read()

    def test_every_figure_with_goal_and_ratio(self):
        text = self.run_report("--wasm", os.path.join(DATA, "wasm.json"), "--python", os.path.join(DATA, "python.json"),
                               "--twiggy", os.path.join(DATA, "twiggy.txt"), "--note", "Machine shared and loaded.")
        t = table(text)
        self.assertEqual(t["native, create from JSON text (`create_from_json`)"], ["15.00 µs", "≤ 3.00 µs", "5.00", "no"])
        self.assertEqual(t["native, full create (`create_full`)"], ["0.95 µs", "≤ 0.50 µs", "1.90", "no"])
        self.assertEqual(t["WASM first load (`akscompute/form`: lean module + glue), gzipped"], ["196.0 KiB", "≤ 120.0 KiB", "1.63", "no"])
        self.assertEqual(t["WASM first load with its English messages (+ `messages/en.json`), gzipped"], ["204.0 KiB", "≤ 120.0 KiB", "1.70", "no"])
        self.assertEqual(t["WASM `validateCreate` in Chromium (full: vnet + TLS), same context"][2:], ["4.00", "no"])
        self.assertEqual(t["WASM `validateCreate` in Chromium, context changed every call"][:3], ["45.00 µs", "≤ 10.00 µs", "4.50"])
        self.assertEqual(t["WASM `validateAttach` in Chromium (cluster + versions), same context"][2:], ["0.50", "yes"])
        self.assertEqual(t["WASM `validateAttach` in Chromium, context changed every call"][2:], ["1.20", "no"])
        self.assertEqual(t["Python `provisioning_configuration()`, full rules, profile 2021-11"][2:], ["10.00", "no"])
        self.assertEqual(t["Python `provisioning_configuration()`, profile sdk"][2:], ["0.75", "yes"])
        self.assertEqual(t["Python `_build_create_payload()`, speed-up over azureml-core"][0], "1.7x (10.00 µs vs 17.00 µs)")
        self.assertEqual(t["Python `_build_create_payload()`, speed-up over azureml-core"][2:], ["0.34", "no"])
        self.assertEqual(t["Python import, fresh interpreter, share of azureml-core's"][0], "1/243 (2.0 ms vs 486.0 ms)")
        self.assertEqual(t["Python import, fresh interpreter, share of azureml-core's"][3], "yes")
        self.assertIn("Machine shared and loaded.", text)
        self.assertIn("| on first use: main module (`akscompute_bg.wasm`) | 500.0 KiB | 190.0 KiB |", text)
        self.assertIn("| first load: lean module (`akscompute_form_bg.wasm`) | 400.0 KiB | 150.0 KiB |", text)
        self.assertIn("| first load: its glue, the glue's snippet and the loader (`akscompute_form.js`, `snippets/*/inline0.js`, `form.js`), minified | 16.0 KiB | 5.0 KiB |", text)
        self.assertIn("| first load: the English messages (`messages/en.json`, fetched while the module compiles) | 30.0 KiB | 8.0 KiB |", text)
        self.assertIn("lean module's validateCreate 30.00 µs, lean module's validateAttach 8.00 µs", text)
        self.assertIn("lean module's validateCreate, context changed every call 33.00 µs, lean module's validateAttach, context changed every call 12.00 µs", text)
        self.assertIn("data[0]", text)

    def test_missing_inputs_are_named_not_invented(self):
        text = self.run_report("--wasm", os.path.join(DATA, "absent.json"))
        t = table(text)
        self.assertEqual(t["WASM first load (`akscompute/form`: lean module + glue), gzipped"][0], "not measured")
        self.assertEqual(t["WASM first load with its English messages (+ `messages/en.json`), gzipped"][0], "not measured")
        self.assertEqual(t["Python `_build_create_payload()`, speed-up over azureml-core"][0], "not measured")
        self.assertEqual(t["native, full create (`create_full`)"][0], "0.95 µs")
        self.assertIn("twiggy was not available", text)


if __name__ == "__main__":
    unittest.main()
