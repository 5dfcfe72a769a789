"""The HTML summary in a real browser: Debian's headless Chromium driven by Debian's
chromium-driver through selenium (no browser downloads; ``.ci/run`` installs both). Checks
the rendered report table, a sorted order after clicking a column header, the filter, the
chart, and saves a screenshot under the test's tmp dir."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from conftest import batch_folder
from govlint.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    folder = batch_folder(tmp_path_factory.mktemp("reports"))
    out = tmp_path_factory.mktemp("summary") / "汇总.html"
    assert main(["summary", str(folder), "-o", str(out), "--scoring", "licheng-2020", "--no-cache", "-j", "1"]) == 0
    return out


def _column(driver, index: int) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#reports tbody tr")
    return [row.find_elements(By.TAG_NAME, "td")[index].text for row in rows if row.is_displayed()]


def test_rendered_summary_sorts_filters_and_charts(browser, page, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    assert browser.title == "政府信息公开工作年度报告检查汇总"
    headers = [th.text.replace("⇅", "").strip() for th in browser.find_elements(By.CSS_SELECTOR, "#reports thead th")]
    assert headers == ["单位", "年度", "文件", "得分", "错误", "警告", "最严重的问题"]
    agencies = _column(browser, 0)
    assert len(agencies) == 20
    assert "平潭综合实验区公安局" in agencies and "淮安市人民政府" in agencies
    files = _column(browser, 2)
    assert any(f.endswith("001_b8919bf2136104de.txt") for f in files)

    browser.find_elements(By.CSS_SELECTOR, "#reports thead th")[4].click()  # 错误, ascending
    errors = [int(v) for v in _column(browser, 4)]
    assert errors == sorted(errors) and errors[0] < errors[-1]
    browser.find_elements(By.CSS_SELECTOR, "#reports thead th")[4].click()  # descending
    errors = [int(v) for v in _column(browser, 4)]
    assert errors == sorted(errors, reverse=True)
    top = _column(browser, 2)[0]
    assert top.endswith("004_jiangsu_hongze_2023.txt") or top.endswith("040_fujian_pingtan-jsp_2024.txt")
    browser.find_elements(By.CSS_SELECTOR, "#reports thead th")[1].click()  # 年度, ascending
    years = [int(v) for v in _column(browser, 1)]
    assert years == sorted(years) and years[0] == 2019

    chart = browser.find_elements(By.CSS_SELECTOR, "#chart svg")
    assert len(chart) == 2 and chart[0].size["height"] > 50
    assert len(browser.find_elements(By.CSS_SELECTOR, "#chart svg rect")) >= 10

    box = browser.find_element(By.ID, "filter")
    box.send_keys("pingtan")
    shown = _column(browser, 2)
    assert len(shown) == 12 and all("pingtan" in f for f in shown)
    assert browser.find_element(By.ID, "shown").text == "12"
    box.clear()
    box.send_keys("GL303")
    assert [f.rsplit("/", 1)[-1] for f in _column(browser, 2)] == ["018_fujian_pingtan-gaj_2021.txt"]

    body = browser.find_element(By.TAG_NAME, "body").text
    assert "表三“（七）总计”行“自然人”列" in body and "覆盖情况" in body
    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.page_width, options.page_height = 21.0, 29.7  # A4, in centimetres
    pdf = base64.b64decode(browser.print_page(options))
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pdf.startswith(b"%PDF") and pages >= 3  # the whole page, printed on A4 sheets
    shot = tmp_path / "summary.png"
    browser.set_window_size(1280, 2000)
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
