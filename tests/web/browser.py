#!/usr/bin/env python3
"""browser.py URL OUTDIR NAME ID PHONE — a real browser on a phone-sized screen: Debian's
chromium, headless, driven by python3-selenium through /usr/bin/chromedriver. Opens the
poster's URL, fills the sign-in form, sends it and reads the receipt. Saves OUTDIR/form.png
and OUTDIR/receipt.png (whole pages) and prints the receipt code."""
import os
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

PHONE_W, PHONE_H = 390, 844


def browser(profile):
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--no-first-run", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--lang=zh-CN", "--user-data-dir=" + profile,
              "--window-size=%d,%d" % (PHONE_W, PHONE_H)):
        opts.add_argument(a)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    opts.add_experimental_option("mobileEmulation", {
        "deviceMetrics": {"width": PHONE_W, "height": PHONE_H, "pixelRatio": 2.0},
        "userAgent": "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 "
                     "(KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def whole_page(d, path):
    """A screenshot of the whole page at the phone's width (the view grown to its height)."""
    h = d.execute_script("return document.documentElement.scrollHeight")
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": PHONE_W, "height": max(h, PHONE_H), "deviceScaleFactor": 2,
                       "mobile": True})
    d.save_screenshot(path)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": PHONE_W, "height": PHONE_H, "deviceScaleFactor": 2, "mobile": True})


def main():
    url, out, name, idnum, phone = sys.argv[1:6]
    with tempfile.TemporaryDirectory(prefix="xiangli-chromium-") as profile:
        d = browser(profile)
        try:
            d.get(url)
            wait = WebDriverWait(d, 20)
            wait.until(ec.presence_of_element_located((By.ID, "submit")))
            assert "签进" in d.title, d.title
            width = d.execute_script("return document.documentElement.scrollWidth")
            assert width <= PHONE_W, "page wider than the phone: %d" % width
            d.find_element(By.ID, "action-in").click()
            d.find_element(By.ID, "name").send_keys(name)
            d.find_element(By.ID, "id_number").send_keys(idnum)
            d.find_element(By.ID, "phone").send_keys(phone)
            Select(d.find_element(By.ID, "room")).select_by_index(1)
            d.find_element(By.ID, "consent").click()
            whole_page(d, os.path.join(out, "form.png"))
            d.find_element(By.ID, "submit").click()
            code = wait.until(ec.presence_of_element_located((By.ID, "receipt"))).text.strip()
            assert len(code) == 6, code
            assert "等待社区确认" in d.page_source
            whole_page(d, os.path.join(out, "receipt.png"))
            print(code)
        finally:
            d.quit()


main()
