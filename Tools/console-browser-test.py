#!/usr/bin/env python3
"""The operator console in a real browser (issue 15): headless Chromium from Debian, driven by
Selenium, against a running `leafsync run` (or the engine a test started) and the LeafLink and
Distru simulators of the demo seed, on loopback.

    console-browser-test.py --service http://127.0.0.1:PORT/ --token ADMIN_TOKEN \\
        --leaflink http://127.0.0.1:P1/ --distru http://127.0.0.1:P2/ --out DIR

It plays what an operator does, checking each page against docs' console contract
(CONSOLE-CONTRACT: landmarks, one h1, the tables' rows and cells, the forms):

  1. a page asked for without a session is sent to /console/sign-in (303), in the browser too;
  2. a wrong token is refused (401, an alert); the admin token signs in, with a session cookie
     that is HttpOnly and SameSite=Strict;
  3. order d23f0824 waits (blocked) for its rep; rep 501 (Maria) is mapped to a Distru user on
     /console/users; the order's row turns `synced` with an SO number, and that SO exists in
     the Distru simulator's API; its page shows the timeline;
  4. a product suggestion is accepted on /console/products;
  5. orderPollSeconds=abc on /console/settings shows #error-orderPollSeconds and saves nothing;
  6. a form posted with the session cookie but without (or with a wrong) CSRF token is refused
     with 403, and changes nothing.

Every page is saved as a screenshot at 390 px and 1440 px wide (DIR/<page>-<width>.png), must not
scroll sideways at either width, and passes axe-core (bundled by axe-core-python, so offline)
without a serious or critical violation. Waits are polls with deadlines, never sleeps. Exits 0
when every check held; otherwise 1, naming each failed check (and 2 when the tools are missing).

Selenium Manager never runs: the driver is /usr/bin/chromedriver (Debian's chromium-driver) and
the browser /usr/bin/chromium, as root with --headless=new --no-sandbox. `Tools/test` installs them.
"""

import argparse
import json
import os
import re
import sys
import time
import traceback
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    from axe_core_python.selenium import Axe
except ImportError as missing:  # a developer ran it without Tools/test
    sys.exit(f"console-browser-test: {missing}; run Tools/test (it installs selenium and axe-core-python into .build/venv)")

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTHS = (390, 1440)
# The demo seed: the order rep 501 blocks, the rep, and the Distru user an operator maps it to (Jane Doe).
ORDER = "d23f0824-128b-4f33-8c5c-7fd0a6a3a450"
REP = "501"
UNMAPPED_REP = "502"
DISTRU_USER = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
# The console's pages, by the name their screenshots get.
PAGES = {
    "orders": "console/orders",
    "users": "console/users",
    "products": "console/products",
    "customers": "console/customers",
    "settings": "console/settings",
    "errors": "console/errors",
    "commands": "console/commands",
    "connection": "console/connection",
}


class CheckFailed(Exception):
    """One check of the contract did not hold; the message says which and what was seen."""


def csrf_of(page):
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', page) or re.search(r'value="([^"]+)" name="csrf"', page)
    check(found, "the page has no hidden csrf input")
    return found.group(1)


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http_request(url, method="GET", data=None, headers=None, opener=None):
    """One request, redirects not followed: (status, headers, body text)."""
    opener = opener or urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class Console:
    """The browser on the console, and the checks every page shares."""

    def __init__(self, args):
        self.args = args
        self.service = args.service if args.service.endswith("/") else args.service + "/"
        self.timeout = args.timeout
        self.failures = []
        self.passed = []
        self.signed_in = False
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1440,900"):
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(self.timeout)
        self.driver.set_script_timeout(self.timeout)
        self.axe = Axe()

    def url(self, path):
        return self.service + path.lstrip("/")

    def wait(self, condition, message, timeout=None, reload=False):
        """Polls `condition(driver)` (reloading the page first when `reload`) until it is truthy
        or the deadline passes; a timeout fails with `message`."""

        def attempt(driver):
            if reload:
                driver.refresh()
            return condition(driver)

        try:
            wait = WebDriverWait(self.driver, timeout or self.timeout, poll_frequency=1 if reload else 0.2, ignored_exceptions=(CheckFailed,))
            return wait.until(attempt)
        except TimeoutException:
            raise CheckFailed(f"{message} (not within {timeout or self.timeout} s; at {self.driver.current_url})") from None

    def find(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def one(self, css, what=None):
        found = self.find(css)
        check(found, f"{what or css}: no element matches `{css}` on {self.driver.current_url}")
        return found[0]

    def open(self, path):
        self.driver.get(self.url(path))

    # MARK: Every page

    def inspect(self, name, signed_in=True):
        """The page now shown: the contract's landmarks (a failed check), its screenshots at both
        widths, no sideways scrolling and axe-core without a serious or critical violation (each
        problem a failure of its own)."""
        d = self.driver
        check(d.execute_script("return document.documentElement.lang") == "en", f"{name}: <html lang=\"en\"> missing")
        check(self.find("meta[name=viewport]"), f"{name}: no viewport meta tag")
        check(len(self.find("main#main")) == 1, f"{name}: no <main id=\"main\">")
        check(len(self.find("h1")) == 1, f"{name}: {len(self.find('h1'))} <h1> elements, the contract wants one")
        if signed_in:
            check(self.find("header nav[aria-label=Console]"), f"{name}: no <header> with <nav aria-label=\"Console\">")
            links = {a.get_attribute("pathname") for a in self.find("header nav[aria-label=Console] a")}
            wanted = {"/" + path for path in PAGES.values()}
            check(wanted <= links, f"{name}: the console nav does not link {sorted(wanted - links)}")
        problems = []
        for width in WIDTHS:
            self.resize(width)
            overflow = d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                problems.append(f"at {width} px the page scrolls sideways by {overflow} px")
            d.save_screenshot(os.path.join(self.args.out, f"{name}-{width}.png"))
            results = self.axe.run(d)
            for violation in results["violations"]:
                if violation.get("impact") in ("serious", "critical"):
                    targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
                    problems.append(f"axe at {width} px: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        self.resize(1440)
        # Recorded, not raised: the scenario goes on, so one page's layout does not hide the behaviour after it.
        for problem in problems:
            self.failures.append(f"page {name}: {problem}")
            print(f"   FAILED: page {name}: {problem}", flush=True)

    def resize(self, width):
        """The viewport exactly `width` CSS px wide, as tall as the page (the screenshot shows it all)."""
        metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        height = self.driver.execute_script("return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)")
        metrics["height"] = max(600, min(int(height), 8000))
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)

    def notice(self, what):
        """The `<p class="notice" role="status">` a successful action shows after its 303."""
        notice = self.wait(lambda d: self.find("p.notice[role=status]"), f"{what}: no <p class=\"notice\" role=\"status\"> after the action")
        errors = [e.text for e in self.find("p.form-error")]
        check(not errors, f"{what}: the page shows an error: {errors}")
        return notice[0].text

    def session_cookie(self):
        return self.driver.get_cookie("leafsync_session")

    # MARK: The scenarios

    def run(self, name, scenario):
        print(f"-- {name}", flush=True)
        try:
            scenario()
            self.passed.append(name)
            print(f"   ok", flush=True)
        except CheckFailed as failure:
            self.failures.append(f"{name}: {failure}")
            print(f"   FAILED: {failure}", flush=True)
            self.snapshot(name)
        except WebDriverException as error:
            self.failures.append(f"{name}: the browser: {error.msg}")
            print(f"   FAILED (browser): {error.msg}", flush=True)
            self.snapshot(name)

    def snapshot(self, name):
        """The page where a scenario failed, kept for whoever reads the failure."""
        try:
            stem = os.path.join(self.args.out, "FAILED-" + name.split(":")[0].replace(" ", "-"))
            self.driver.save_screenshot(stem + ".png")
            with open(stem + ".html", "w") as file:
                file.write(self.driver.page_source)
        except WebDriverException:
            pass

    def without_session(self):
        status, headers, _ = http_request(self.url("console/orders"))
        location = headers.get("Location", "")
        check(status == 303, f"GET /console/orders without a session answered {status}, not 303")
        check(urllib.parse.urlparse(location).path == "/console/sign-in", f"the 303 goes to {location!r}, not /console/sign-in")
        self.open("console/users")
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/console/sign-in", "the browser was not sent to /console/sign-in")
        form = self.one("form#sign-in[method=post]", "the sign-in form")
        check(form.get_attribute("action").endswith("/console/sign-in"), f"the sign-in form posts to {form.get_attribute('action')}")
        check(self.find("label[for=token]") and self.find("input#token[name=token][type=password]"), "no labelled password input `token`")
        check(self.find("form#sign-in input[type=hidden][name=csrf]"), "the sign-in form has no hidden csrf input")
        self.inspect("sign-in", signed_in=False)

    def sign_in(self):
        jar = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(NoRedirect, jar)
        _, _, page = http_request(self.url("console/sign-in"), opener=opener)
        status, _, body = http_request(self.url("console/sign-in"), "POST", {"csrf": csrf_of(page), "token": "wrong"}, opener=opener)
        check(status == 401, f"a wrong admin token answered {status}, not 401")
        check('role="alert"' in body, "the 401 page has no role=\"alert\" message")
        self.open("console/sign-in")
        self.one("input#token").send_keys("not-the-admin-token")
        self.one("form#sign-in button[type=submit]").click()
        self.wait(lambda d: self.find("p.form-error[role=alert]"), "a wrong token shows no <p class=\"form-error\" role=\"alert\">")
        self.open("console/orders")  # whatever cookie the sign-in page set, it opens nothing yet
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/console/sign-in", "after a wrong token a page opens without signing in")
        self.open("console/sign-in")
        self.one("input#token").send_keys(self.args.token)
        self.one("form#sign-in button[type=submit]").click()
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/console/orders", "signing in did not lead to /console/orders")
        cookie = self.session_cookie()
        check(cookie is not None, "no leafsync_session cookie after signing in")
        check(cookie.get("httpOnly") is True, f"the session cookie is not HttpOnly: {cookie}")
        check(cookie.get("sameSite") == "Strict", f"the session cookie is not SameSite=Strict: {cookie}")
        check(cookie.get("path") == "/console", f"the session cookie's path is {cookie.get('path')!r}, not /console")
        check(cookie.get("secure") is not True, "the session cookie is Secure over plain HTTP (the browser would not send it)")
        self.signed_in = True

    def order_row(self):
        return self.one(f"table#orders tr[data-order='{ORDER}']", f"order {ORDER}'s row")

    def cell(self, row, name):
        found = row.find_elements(By.CSS_SELECTOR, f"td.{name}")
        check(found, f"the row has no <td class=\"{name}\">")
        return found[0].text.strip()

    def map_rep(self):
        self.open("console/orders")
        self.wait(lambda d: self.find(f"table#orders tr[data-order='{ORDER}'] td.phase"), f"order {ORDER} is not listed", reload=True)
        phase = self.cell(self.order_row(), "phase")
        check(phase == "blocked", f"before rep {REP} is mapped, order {ORDER} is {phase!r}, not blocked")
        fixes = [a.get_attribute("pathname") for a in self.order_row().find_elements(By.CSS_SELECTOR, "td.blockers li a")]
        check("/console/users" in fixes, f"the order's blockers link no /console/users (they link {fixes})")
        self.inspect("orders-blocked")
        self.open("console/users")
        row = self.one(f"table#reps tr[data-rep='{REP}']", f"rep {REP}'s row")
        check(self.cell(row, "mapped") == "", f"rep {REP} is mapped already: {self.cell(row, 'mapped')!r}")
        form = row.find_elements(By.CSS_SELECTOR, "form.map-rep")
        check(form, f"rep {REP} has no form.map-rep")
        form = form[0]
        check(form.get_attribute("action").endswith("/console/users/map"), f"the map form posts to {form.get_attribute('action')}")
        check(form.find_elements(By.CSS_SELECTOR, f"input[type=hidden][name=rep][value='{REP}']"), "the map form has no hidden rep input")
        check(form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=csrf]"), "the map form has no hidden csrf input")
        select = form.find_element(By.CSS_SELECTOR, "select[name=user]")
        labelled = select.get_attribute("id") and self.find(f"label[for='{select.get_attribute('id')}']")
        check(labelled or select.get_attribute("aria-label") or select.get_attribute("aria-labelledby"), "the Distru user <select> has no label")
        self.inspect("users")
        Select(select).select_by_value(DISTRU_USER)
        form.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/console/users", "mapping did not lead back to /console/users")
        print(f"   notice: {self.notice('mapping rep ' + REP)}")
        mapped = self.wait(lambda d: self.cell(self.one(f"table#reps tr[data-rep='{REP}']"), "mapped"), f"rep {REP} is not shown mapped", reload=True)
        print(f"   rep {REP} → {mapped}")

    def order_synced(self):
        self.open("console/orders")
        self.wait(lambda d: self.cell(self.order_row(), "phase") == "synced" and self.cell(self.order_row(), "so"),
                  f"order {ORDER} did not become synced with an SO number", timeout=self.timeout * 2, reload=True)
        number = self.cell(self.order_row(), "so")
        print(f"   order {ORDER}: synced as {number}")
        orders = self.distru("orders")
        matching = [o for o in orders.get("data", []) if o.get("order_number") == number]
        check(len(matching) == 1, f"the Distru simulator has {len(matching)} orders numbered {number!r}")
        check(matching[0].get("leaflink_order_number") in (None, ORDER), f"SO {number} belongs to LL order {matching[0].get('leaflink_order_number')}")
        record = self.distru("orders/" + urllib.parse.quote(str(matching[0]["id"])))
        check((record.get("data") or record).get("order_number") == number, f"GET orders/{matching[0]['id']} does not answer SO {number}")
        self.inspect("orders")
        self.open("console/orders/" + ORDER)
        steps = self.find("ol#timeline li")
        check(steps, f"/console/orders/{ORDER} shows no <ol id=\"timeline\"> entries")
        check(any(number in step.text for step in steps) or number in self.driver.page_source, f"the order's page does not name SO {number}")
        self.inspect("order")

    def distru(self, path):
        request = urllib.request.Request(self.args.distru.rstrip("/") + "/public/v1/" + path,
                                         headers={"Authorization": f"Bearer {self.args.distru_key}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            raise CheckFailed(f"the Distru simulator answered {error.code} to GET {path}") from None

    def accept_suggestion(self):
        self.open("console/products")
        rows = self.wait(lambda d: self.find("table#suggestions tr[data-leaflink-product]"), "no product suggestion listed", reload=True)
        check(self.find("table#unlinked") and self.find("table#linked"), "/console/products lacks table#unlinked or table#linked")
        self.inspect("products")
        product = rows[0].get_attribute("data-leaflink-product")
        form = rows[0].find_elements(By.CSS_SELECTOR, "form.accept")
        check(form, f"suggestion {product} has no form.accept")
        check(form[0].find_elements(By.CSS_SELECTOR, f"input[type=hidden][name=product][value='{product}']"), "the accept form has no hidden product")
        form[0].find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
        self.wait(lambda d: urllib.parse.urlparse(d.current_url).path == "/console/products", "accepting did not lead back to /console/products")
        print(f"   notice: {self.notice('accepting product ' + product)}")
        self.wait(lambda d: not self.find(f"table#suggestions tr[data-leaflink-product='{product}']"),
                  f"LeafLink product {product} is still suggested after its suggestion was accepted", reload=True)
        print(f"   LeafLink product {product} linked")

    def bad_setting(self):
        self.open("console/settings")
        form = self.one("form#settings[method=post]", "the settings form")
        check(form.get_attribute("action").endswith("/console/settings"), f"the settings form posts to {form.get_attribute('action')}")
        field = self.one("form#settings input[name=orderPollSeconds]", "the orderPollSeconds input")
        check(field.get_attribute("id") and self.find(f"label[for='{field.get_attribute('id')}']"), "the orderPollSeconds input has no <label for>")
        before = field.get_attribute("value")
        check(self.find("form#settings [name=preview]"), "the settings form has no Preview button (name=preview)")
        self.inspect("settings")
        field.clear()
        field.send_keys("abc")
        save = [b for b in self.find("form#settings button[type=submit], form#settings input[type=submit]") if b.get_attribute("name") != "preview"]
        check(save, "the settings form has no save button besides Preview")
        save[0].click()
        error = self.wait(lambda d: self.find("p.field-error#error-orderPollSeconds"), "orderPollSeconds=abc shows no <p class=\"field-error\" id=\"error-orderPollSeconds\">")
        print(f"   error: {error[0].text}")
        check(error[0].text.strip(), "#error-orderPollSeconds is empty")
        field = self.one("form#settings input[name=orderPollSeconds]")
        described = (field.get_attribute("aria-describedby") or "").split()
        check("error-orderPollSeconds" in described, f"the input's aria-describedby is {described}, not error-orderPollSeconds")
        self.inspect("settings-error")
        token = self.one("form#settings input[type=hidden][name=csrf]").get_attribute("value")
        headers = {"Cookie": f"leafsync_session={self.session_cookie()['value']}"}
        status, _, _ = http_request(self.url("console/settings"), "POST", {"csrf": token, "orderPollSeconds": "abc"}, headers)
        check(status == 422, f"orderPollSeconds=abc posted with the session's CSRF token answered {status}, not 422")
        self.open("console/settings")
        after = self.one("form#settings input[name=orderPollSeconds]").get_attribute("value")
        check(after == before, f"orderPollSeconds was {before!r} and is {after!r} after a refused change")

    def without_csrf(self):
        cookie = self.session_cookie()
        check(cookie is not None, "no session to post with (sign-in failed)")
        headers = {"Cookie": f"leafsync_session={cookie['value']}"}
        for label, fields in (("without", {}), ("with a wrong", {"csrf": "forged"})):
            status, _, body = http_request(self.url("console/users/map"), "POST", dict(fields, rep=UNMAPPED_REP, user=DISTRU_USER), headers)
            check(status == 403, f"a map form posted {label} CSRF token answered {status}, not 403")
            check('class="form-error"' in body and "csrf" in body.lower(), f"the 403 page {label} CSRF token names no CSRF problem in a form-error")
        status, _, _ = http_request(self.url("console/users"), headers=headers)
        check(status == 200, f"the session cookie alone (GET /console/users) answered {status}: the 403s prove nothing")
        self.open("console/users")
        mapped = self.cell(self.one(f"table#reps tr[data-rep='{UNMAPPED_REP}']", f"rep {UNMAPPED_REP}'s row"), "mapped")
        check(mapped == "", f"rep {UNMAPPED_REP} got mapped ({mapped!r}) by a form without a CSRF token")

    def other_pages(self):
        for name, selector in (("customers", "table#customers"), ("errors", "table#errors"), ("commands", "table#commands"), ("connection", "main h1")):
            self.open(PAGES[name])
            self.one(selector, f"/{PAGES[name]}'s {selector}")
            check("sim-distru-key" not in self.driver.page_source and self.args.token not in self.driver.page_source,
                  f"/{PAGES[name]} shows a key")
            self.inspect(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--service", required=True, help="the service's root URL (http://127.0.0.1:PORT/)")
    parser.add_argument("--token", required=True, help="the admin token (LEAFSYNC_ADMIN_TOKEN)")
    parser.add_argument("--leaflink", required=True, help="the LeafLink simulator's root URL")
    parser.add_argument("--distru", required=True, help="the Distru simulator's root URL")
    parser.add_argument("--distru-key", default="sim-distru-key", help="the Distru simulator's API key")
    parser.add_argument("--out", required=True, help="where the screenshots go")
    parser.add_argument("--timeout", type=float, default=60, help="the deadline of each wait, in seconds")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not os.access(tool, os.X_OK):
            print(f"console-browser-test: {tool} is missing; run Tools/test (it installs Debian's chromium and chromium-driver)", file=sys.stderr)
            return 2
    started = time.monotonic()
    try:
        console = Console(args)
    except WebDriverException as error:
        print(f"console-browser-test: Chromium did not start: {error.msg}", file=sys.stderr)
        return 2
    try:
        console.run("a page without a session redirects to sign-in", console.without_session)
        console.run("sign in with the admin token", console.sign_in)
        if not console.signed_in:
            console.failures.append("the scenarios after sign-in did not run: no session")
        else:
            console.run(f"map rep {REP}: order {ORDER} unblocks", console.map_rep)
            console.run("the order syncs: its SO is in the Distru simulator", console.order_synced)
            console.run("accept a product suggestion", console.accept_suggestion)
            console.run("a bad setting shows the field's error", console.bad_setting)
            console.run("a form without its CSRF token is refused", console.without_csrf)
            console.run("the other pages", console.other_pages)
    except Exception:  # a bug of this script: say where, and fail
        console.failures.append("the script itself: " + traceback.format_exc())
    finally:
        console.driver.quit()
    elapsed = time.monotonic() - started
    print(f"screenshots in {args.out}")
    if console.failures:
        print(f"{len(console.passed)} passed, {len(console.failures)} failed ({elapsed:.0f} s)")
        for failure in console.failures:
            print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"{len(console.passed)} passed, 0 failed ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
